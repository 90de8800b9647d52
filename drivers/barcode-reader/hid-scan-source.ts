// A HID POS barcode reader through node-hid (hidapi over hidraw on Linux; libusb-1.0-0 must be installed). The device
// is found by vendor and product id, preferring its usage page 0x8C interface (a reader in HID POS mode may expose a
// keyboard interface beside it). Absent devices are polled for, so a reader plugged in later, or unplugged and
// plugged back, is picked up without a restart.
import { HID_POS_USAGE_PAGE, HidPosAssembler } from './hid-pos-report';
import { type ScanSource, SourceListeners, type SourceState } from './scan-source';

export interface HidDeviceInfo {
  path?: string;
  vendorId: number;
  productId: number;
  usagePage?: number;
}

export interface HidHandle {
  onReport(listener: (report: Uint8Array) => void): void;
  /** Called when the device fails (unplugged): the handle is dead afterwards. */
  onError(listener: (error: Error) => void): void;
  close(): Promise<void>;
}

/** The part of node-hid this source uses; replaced by a fake in unit tests. */
export interface HidBackend {
  devices(vendorId: number, productId: number): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidHandle>;
}

export async function loadNodeHid(): Promise<HidBackend> {
  // Loaded on first use: a kiosk without a HID reader never needs the native module.
  const hid = await import('node-hid');
  return {
    devices: (vendorId, productId) => hid.devicesAsync(vendorId, productId),
    async open(path) {
      const device = await hid.HIDAsync.open(path);
      return {
        onReport: (listener) => device.on('data', (data: Buffer) => listener(data)),
        onError: (listener) => device.on('error', (error: Error) => listener(error)),
        close: () => device.close(),
      };
    },
  };
}

export function hexId(id: number): string {
  return id.toString(16).padStart(4, '0');
}

export interface HidScanSourceOptions {
  /** How often an absent device is looked for. */
  pollMs?: number;
  maxFrameBytes?: number;
  /** Defaults to node-hid. */
  backend?: () => Promise<HidBackend>;
}

export class HidScanSource implements ScanSource {
  readonly description: string;
  readonly #vendorId: number;
  readonly #productId: number;
  readonly #pollMs: number;
  readonly #loadBackend: () => Promise<HidBackend>;
  readonly #assembler: HidPosAssembler;
  readonly #listeners = new SourceListeners();
  #backend: HidBackend | undefined;
  #handle: HidHandle | undefined;
  #state: SourceState = { state: 'noDevice', reason: 'not looked for yet' };
  #everConnected = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  constructor(ids: { vendorId: number; productId: number }, options: HidScanSourceOptions = {}) {
    this.#vendorId = ids.vendorId;
    this.#productId = ids.productId;
    this.description = `hid ${hexId(ids.vendorId)}:${hexId(ids.productId)}`;
    this.#pollMs = options.pollMs ?? 2_000;
    this.#loadBackend = options.backend ?? loadNodeHid;
    this.#assembler = new HidPosAssembler({ maxFrameBytes: options.maxFrameBytes });
  }

  async start(): Promise<void> {
    await this.#attempt();
  }

  onEvent: ScanSource['onEvent'] = (listener) => this.#listeners.onEvent(listener);
  onState: ScanSource['onState'] = (listener) => this.#listeners.onState(listener);

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    const handle = this.#handle;
    this.#handle = undefined;
    await handle?.close().catch(() => {});
  }

  async #attempt(): Promise<void> {
    if (this.#closed) return;
    try {
      this.#backend ??= await this.#loadBackend();
    } catch (error) {
      return this.#retry({ state: 'failed', reason: `node-hid could not be loaded (is libusb-1.0-0 installed?): ${messageOf(error)}` });
    }
    let found: HidDeviceInfo | undefined;
    try {
      const candidates = (await this.#backend.devices(this.#vendorId, this.#productId)).filter((d) => d.path);
      found = candidates.find((d) => d.usagePage === HID_POS_USAGE_PAGE) ?? candidates[0];
    } catch (error) {
      return this.#retry({ state: 'failed', reason: `listing HID devices failed: ${messageOf(error)}` });
    }
    if (!found?.path) {
      const reason = `no HID device ${hexId(this.#vendorId)}:${hexId(this.#productId)} is connected`;
      return this.#retry(this.#everConnected ? { state: 'disconnected', reason } : { state: 'noDevice', reason });
    }
    let handle: HidHandle;
    try {
      handle = await this.#backend.open(found.path);
    } catch (error) {
      // Typically EACCES on /dev/hidraw*: a udev rule must give the kiosk user access.
      return this.#retry({ state: 'failed', reason: `cannot open ${found.path}: ${messageOf(error)}` });
    }
    if (this.#closed) {
      await handle.close().catch(() => {});
      return;
    }
    this.#handle = handle;
    this.#everConnected = true;
    this.#assembler.reset();
    handle.onReport((report) => {
      if (this.#handle !== handle) return;
      for (const event of this.#assembler.push(report)) {
        this.#listeners.event(event.type === 'frame' ? { ...event, bytes: stripLineBreak(event.bytes) } : event);
      }
    });
    handle.onError((error) => {
      if (this.#handle !== handle) return;
      this.#handle = undefined;
      void handle.close().catch(() => {});
      this.#retry({ state: 'disconnected', reason: messageOf(error) });
    });
    this.#setState({ state: 'connected' });
  }

  #retry(state: SourceState): void {
    this.#setState(state);
    if (this.#closed) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#attempt(), this.#pollMs);
  }

  #setState(state: SourceState): void {
    const changed = state.state !== this.#state.state || ('reason' in state && 'reason' in this.#state && state.reason !== this.#state.reason);
    this.#state = state;
    if (changed) this.#listeners.state(state);
  }
}

/** A reader in HID POS mode may still append its configured suffix; the report framing already ends the scan. */
function stripLineBreak(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d)) end--;
  return bytes.subarray(0, end);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
