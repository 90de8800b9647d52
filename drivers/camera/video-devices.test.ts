// Presence detection against a fake /dev and /sys tree built in a temp dir and passed as explicit roots (the
// production defaults are /dev and /sys). Device "nodes" are plain files: only their names are read.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listVideoDevices, matchesLabel, videoDeviceProbe } from './video-devices';

let root: string;
let devRoot: string;
let sysRoot: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'v4l-'));
  devRoot = path.join(root, 'dev');
  sysRoot = path.join(root, 'sys');
  await mkdir(devRoot, { recursive: true });
  await mkdir(path.join(sysRoot, 'class', 'video4linux'), { recursive: true });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** One V4L2 node as a UVC camera creates it: /dev/videoN, its class dir, and `device` → the USB interface. */
async function addNode(n: number, info: { name?: string; index?: number; usb?: [vendor: string, product: string, bus: string] }): Promise<void> {
  await writeFile(path.join(devRoot, `video${n}`), '');
  const classDir = path.join(sysRoot, 'class', 'video4linux', `video${n}`);
  await mkdir(classDir, { recursive: true });
  if (info.name !== undefined) await writeFile(path.join(classDir, 'name'), `${info.name}\n`);
  if (info.index !== undefined) await writeFile(path.join(classDir, 'index'), `${info.index}\n`);
  if (info.usb) {
    const [vendor, product, bus] = info.usb;
    const usbDevice = path.join(sysRoot, 'devices', 'pci0000:00', bus);
    const usbInterface = path.join(usbDevice, `${bus}:1.0`);
    await mkdir(usbInterface, { recursive: true });
    await writeFile(path.join(usbDevice, 'idVendor'), `${vendor}\n`);
    await writeFile(path.join(usbDevice, 'idProduct'), `${product}\n`);
    await symlink(path.relative(classDir, usbInterface), path.join(classDir, 'device'));
  }
}

describe('V4L2 devices from /dev and sysfs', () => {
  it('lists nodes in numeric order with name, index and USB ids', async () => {
    await addNode(10, { name: 'Integrated Camera', index: 0 });
    await addNode(0, { name: 'HD Pro Webcam C920', index: 0, usb: ['046d', '082D', '3-1'] });
    await addNode(1, { name: 'HD Pro Webcam C920', index: 1, usb: ['046d', '082d', '3-1'] });
    await writeFile(path.join(devRoot, 'video-not-a-node'), '');
    expect(await listVideoDevices({ devRoot, sysRoot })).toEqual([
      { node: path.join(devRoot, 'video0'), name: 'HD Pro Webcam C920', index: 0, usbId: '046d:082d' },
      { node: path.join(devRoot, 'video1'), name: 'HD Pro Webcam C920', index: 1, usbId: '046d:082d' },
      { node: path.join(devRoot, 'video10'), name: 'Integrated Camera', index: 0 },
    ]);
  });

  it('reports a node sysfs knows nothing about, and no devices when /dev cannot be read', async () => {
    await writeFile(path.join(devRoot, 'video3'), '');
    expect(await listVideoDevices({ devRoot, sysRoot })).toEqual([{ node: path.join(devRoot, 'video3') }]);
    expect(await listVideoDevices({ devRoot: path.join(root, 'missing'), sysRoot })).toEqual([]);
  });

  it('matches labels the way Chromium writes them', () => {
    const c920 = { node: '/dev/video0', name: 'HD Pro Webcam C920', usbId: '046d:082d' };
    expect(matchesLabel(c920, 'HD Pro Webcam C920 (046d:082d)')).toBe(true);
    expect(matchesLabel(c920, 'Other name (046d:082d)')).toBe(true);
    expect(matchesLabel(c920, 'HD Pro Webcam C920 (046d:0000)')).toBe(false);
    expect(matchesLabel(c920, 'hd pro webcam')).toBe(true);
    expect(matchesLabel({ node: '/dev/video0', name: 'USB Camera: USB Camera' }, 'USB Camera (1bcf:2c99)')).toBe(true);
    expect(matchesLabel({ node: '/dev/video0' }, 'USB Camera')).toBe(false);
    expect(matchesLabel(c920, '  ')).toBe(false);
  });
});

describe('the Linux presence probe', () => {
  it('finds a capture node, and the one the label names', async () => {
    await addNode(0, { name: 'Integrated Camera', index: 0 });
    await addNode(2, { name: '高拍仪 Document Camera', index: 0, usb: ['1b17', '0211', '1-2'] });
    await addNode(3, { name: '高拍仪 Document Camera', index: 1, usb: ['1b17', '0211', '1-2'] });
    expect(await videoDeviceProbe({ devRoot, sysRoot })()).toEqual({ present: true, name: 'Integrated Camera' });
    expect(await videoDeviceProbe({ devRoot, sysRoot, deviceLabel: '高拍仪 Document Camera (1b17:0211)' })()).toEqual({
      present: true,
      name: '高拍仪 Document Camera',
    });
    expect(await videoDeviceProbe({ devRoot, sysRoot, deviceLabel: 'Face Camera' })()).toEqual({
      present: false,
      reason: 'no camera matches "Face Camera" (found: Integrated Camera, 高拍仪 Document Camera)',
    });
  });

  it('does not count a metadata node as a camera', async () => {
    await addNode(1, { name: 'USB Camera', index: 1 });
    expect(await videoDeviceProbe({ devRoot, sysRoot })()).toEqual({ present: false, reason: `no camera: no capture node /dev/video* under ${devRoot}` });
  });
});
