import { afterEach, describe, expect, it } from 'vitest';
import { BarcodeReader } from './barcode-reader';
import { type HidBackend, type HidDeviceInfo, HidScanSource } from './hid-scan-source';
import type { Scan } from './scan';

let reader: BarcodeReader | undefined;
afterEach(async () => {
  await reader?.close();
  reader = undefined;
});

describe('HID POS reader through node-hid', () => {
  it('reports noDevice with a clear reason when no such device is attached (real node-hid, real hidraw/libusb)', async () => {
    // No HID POS reader exists on this machine: this runs node-hid's real enumeration and finds nothing.
    reader = new BarcodeReader('barcode-hid', new HidScanSource({ vendorId: 0xfff0, productId: 0x0001 }));
    await reader.start();
    expect(reader.status()).toEqual({ common: { device: 'noDevice' }, barcodeReader: {} });
    expect(reader.reason).toBe('no HID device fff0:0001 is connected');
    expect(await reader.read({ timeoutMs: 1_000 })).toMatchObject({ code: 'deviceNotReady' });
  });
});

/** A scripted HID backend (the boundary faked: no HID POS hardware here). */
function fakeBackend() {
  let attached: HidDeviceInfo[] = [];
  let handle: { report?: (r: Uint8Array) => void; error?: (e: Error) => void; closed: boolean } | undefined;
  const backend: HidBackend = {
    devices: async (vendorId, productId) => attached.filter((d) => d.vendorId === vendorId && d.productId === productId),
    async open(path) {
      if (path === '/dev/hidraw-denied') throw new Error('EACCES: permission denied');
      const current: NonNullable<typeof handle> = { closed: false };
      handle = current;
      return {
        onReport: (listener) => void (current.report = listener),
        onError: (listener) => void (current.error = listener),
        close: async () => void (current.closed = true),
      };
    },
  };
  return {
    backend: async () => backend,
    attach: (devices: HidDeviceInfo[]) => void (attached = devices),
    send: (report: number[]) => handle?.report?.(Uint8Array.from(report)),
    unplug() {
      attached = [];
      handle?.error?.(new Error('could not read from HID device'));
    },
    get handleClosed() {
      return handle?.closed;
    },
  };
}

function scanReport(data: number[], aim = ']Q1', more = false): number[] {
  const bytes = new Array<number>(64).fill(0);
  bytes[0] = 0x02;
  bytes[1] = data.length;
  [...aim].forEach((c, i) => (bytes[2 + i] = c.charCodeAt(0)));
  data.forEach((b, i) => (bytes[5 + i] = b));
  bytes[63] = more ? 1 : 0;
  return bytes;
}

describe('HID POS reader with a scripted backend', () => {
  it('picks the usage-page 0x8C interface, reads scans, goes offline when unplugged and comes back', async () => {
    const hid = fakeBackend();
    hid.attach([
      { path: '/dev/hidraw0', vendorId: 0x0c2e, productId: 0x0b8f, usagePage: 0x01 },
      { path: '/dev/hidraw1', vendorId: 0x0c2e, productId: 0x0b8f, usagePage: 0x8c },
    ]);
    reader = new BarcodeReader('barcode-hid', new HidScanSource({ vendorId: 0x0c2e, productId: 0x0b8f }, { backend: hid.backend, pollMs: 10 }));
    const scans: Scan[] = [];
    reader.onScan((scan) => scans.push(scan));
    await reader.start();
    expect(reader.status()).toEqual({ common: { device: 'online' }, barcodeReader: { reader: 'on' } });

    // 网证 in UTF-8 over two reports, with the reader's CR LF suffix at the end.
    hid.send(scanReport([0xe7, 0xbd, 0x91, 0xe8], ']Q1', true));
    hid.send(scanReport([0xaf, 0x81, 0x0d, 0x0a]));
    expect(scans).toEqual([{ text: '网证', encoding: 'utf8', symbology: { aimId: ']Q1', name: 'qrCode' } }]);

    hid.unplug();
    expect(reader.status()).toEqual({ common: { device: 'offline' }, barcodeReader: { reader: 'off' } });
    expect(hid.handleClosed).toBe(true);
    hid.attach([{ path: '/dev/hidraw2', vendorId: 0x0c2e, productId: 0x0b8f, usagePage: 0x8c }]);
    await expect.poll(() => reader?.status().common.device).toBe('online');
    hid.send(scanReport([0x31], ']E0'));
    expect(scans[1]).toEqual({ text: '1', encoding: 'utf8', symbology: { aimId: ']E0', name: 'eanUpc' } });
  });

  it('reports a device it cannot open as a hardware error with the reason', async () => {
    const hid = fakeBackend();
    hid.attach([{ path: '/dev/hidraw-denied', vendorId: 1, productId: 2, usagePage: 0x8c }]);
    reader = new BarcodeReader('barcode-hid', new HidScanSource({ vendorId: 1, productId: 2 }, { backend: hid.backend }));
    await reader.start();
    expect(reader.status()).toEqual({ common: { device: 'hardwareError' }, barcodeReader: { reader: 'inoperative' } });
    expect(reader.reason).toBe('cannot open /dev/hidraw-denied: EACCES: permission denied');
  });

  it('reports a missing node-hid as a hardware error', async () => {
    const backend = () => Promise.reject(new Error('libusb-1.0.so.0: cannot open shared object file'));
    reader = new BarcodeReader('barcode-hid', new HidScanSource({ vendorId: 1, productId: 2 }, { backend }));
    await reader.start();
    expect(reader.status().common.device).toBe('hardwareError');
    expect(reader.reason).toMatch(/^node-hid could not be loaded \(is libusb-1\.0-0 installed\?\): libusb/);
  });
});
