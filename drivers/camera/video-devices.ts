// Which cameras Linux has: V4L2 device nodes (/dev/videoN) and what sysfs says about each
// (/sys/class/video4linux/videoN/{name,index}, and the USB ids of the device behind it). Read from the file system
// only — no ioctl — so it works without opening (and locking) a camera the renderer may be using.
//
// Both roots are parameters so tests can point them at a fake tree; production uses /dev and /sys.
import { readFile, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { CameraPresence, CameraProbe } from './camera-status';

export interface VideoDevice {
  /** `/dev/video0` (under the given devRoot). */
  node: string;
  /** The V4L2 card name, e.g. `HD Pro Webcam C920`; absent when sysfs does not say. */
  name?: string;
  /**
   * 0 for a camera's capture node; UVC cameras add a second node (index 1) for metadata, with the same name.
   * Absent when sysfs does not say (older kernels): such a node counts as a capture node.
   */
  index?: number;
  /** `046d:082d` for a USB camera, the form Chromium appends to its labels. */
  usbId?: string;
}

export interface VideoRoots {
  devRoot?: string;
  sysRoot?: string;
}

async function readTrimmed(file: string): Promise<string | undefined> {
  try {
    const text = (await readFile(file, 'utf8')).trim();
    return text === '' ? undefined : text;
  } catch {
    return undefined;
  }
}

/** idVendor/idProduct of the USB device the V4L2 node belongs to: `device` links to the USB interface. */
async function usbIdOf(classDir: string): Promise<string | undefined> {
  let usbInterface: string;
  try {
    usbInterface = await realpath(path.join(classDir, 'device'));
  } catch {
    return undefined;
  }
  const usbDevice = path.dirname(usbInterface);
  const [vendor, product] = await Promise.all([readTrimmed(path.join(usbDevice, 'idVendor')), readTrimmed(path.join(usbDevice, 'idProduct'))]);
  return vendor && product ? `${vendor}:${product}`.toLowerCase() : undefined;
}

export async function listVideoDevices(roots: VideoRoots = {}): Promise<VideoDevice[]> {
  const devRoot = roots.devRoot ?? '/dev';
  const sysRoot = roots.sysRoot ?? '/sys';
  let entries: string[];
  try {
    entries = await readdir(devRoot);
  } catch {
    return [];
  }
  const nodes = entries.filter((entry) => /^video\d+$/.test(entry)).sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
  return Promise.all(
    nodes.map(async (entry): Promise<VideoDevice> => {
      const classDir = path.join(sysRoot, 'class', 'video4linux', entry);
      const [name, indexText, usbId] = await Promise.all([readTrimmed(path.join(classDir, 'name')), readTrimmed(path.join(classDir, 'index')), usbIdOf(classDir)]);
      const index = indexText === undefined ? undefined : Number(indexText);
      return {
        node: path.join(devRoot, entry),
        ...(name === undefined ? {} : { name }),
        ...(index === undefined || !Number.isInteger(index) ? {} : { index }),
        ...(usbId === undefined ? {} : { usbId }),
      };
    }),
  );
}

export function isCaptureNode(device: VideoDevice): boolean {
  return device.index === undefined || device.index === 0;
}

/**
 * Whether a camera is the one a configured label names. The label is what the browser shows
 * (MediaDeviceInfo.label); Chromium on Linux builds it from the V4L2 card name plus ` (vid:pid)`, so the ids are
 * compared when both sides have them, and the names otherwise, ignoring case and either containing the other
 * (UVC card names are often "Name: Name").
 */
export function matchesLabel(device: VideoDevice, label: string): boolean {
  const ids = /\(([0-9a-f]{4}:[0-9a-f]{4})\)\s*$/i.exec(label);
  if (ids && device.usbId) return ids[1]?.toLowerCase() === device.usbId;
  const wanted = label.replace(/\s*\([0-9a-f]{4}:[0-9a-f]{4}\)\s*$/i, '').trim().toLowerCase();
  const name = device.name?.toLowerCase();
  if (!wanted || !name) return false;
  return name.includes(wanted) || wanted.includes(name);
}

/** The presence probe for Linux: a capture node, matching the configured label when there is one. */
export function videoDeviceProbe(options: VideoRoots & { deviceLabel?: string }): CameraProbe {
  return async (): Promise<CameraPresence> => {
    const captures = (await listVideoDevices(options)).filter(isCaptureNode);
    const label = options.deviceLabel;
    const chosen = label === undefined ? captures[0] : captures.find((device) => matchesLabel(device, label));
    if (chosen) return { present: true, ...(chosen.name === undefined ? {} : { name: chosen.name }) };
    if (captures.length === 0) return { present: false, reason: `no camera: no capture node /dev/video* under ${options.devRoot ?? '/dev'}` };
    const found = captures.map((device) => device.name ?? path.basename(device.node)).join(', ');
    return { present: false, reason: `no camera matches "${label}" (found: ${found})` };
  };
}
