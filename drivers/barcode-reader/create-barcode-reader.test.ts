import { afterEach, describe, expect, it } from 'vitest';
import { SimulationHub } from '../simulation/simulator-control';
import { BarcodeReader } from './barcode-reader';
import { type RunningBarcodeReader, createBarcodeReader } from './create-barcode-reader';
import type { Scan } from './scan';
import { SerialScanSource } from './serial-scan-source';
import { BarcodeReaderSimulator } from './simulator';
import { createInProcessLine } from './simulator-line';

let running: RunningBarcodeReader | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('createBarcodeReader', () => {
  it('simulated: a pty pair, the simulator scripted through the hub', async () => {
    const hub = new SimulationHub();
    running = await createBarcodeReader({ kind: 'simulated' }, { id: 'barcode-1', hub });
    const { device } = running;
    expect(device.description).toMatch(/^serial \/.+\/driver @9600$/);
    expect(device.status().common.device).toBe('online');
    expect(hub.list()).toEqual([
      {
        deviceId: 'barcode-1',
        deviceClass: 'barcodeReader',
        actions: [
          { name: 'scan', description: '扫码 / present a code to the reader' },
          { name: 'powerOff', description: '断开扫码器 / unplug the reader' },
          { name: 'powerOn', description: '接回扫码器 / plug the reader back in' },
        ],
      },
    ]);
    const scans: Scan[] = [];
    device.onScan((scan) => scans.push(scan));
    expect(await hub.run('barcode-1', 'scan', { text: '网证', symbology: ']Q1', encoding: 'gb18030' })).toEqual({ ok: true });
    await expect.poll(() => scans).toEqual([{ text: '网证', encoding: 'gb18030', symbology: { aimId: ']Q1', name: 'qrCode' } }]);
    expect(await hub.run('barcode-1', 'scan', { text: 'x', symbology: 'Q1' })).toMatchObject({ ok: false });
    expect(await hub.run('barcode-1', 'powerOff', {})).toEqual({ ok: true });
    await expect.poll(() => device.status().common.device, { timeout: 5_000 }).toBe('offline');
    expect(await hub.run('barcode-1', 'powerOn', {})).toEqual({ ok: true });
    await expect.poll(() => device.status().common.device, { timeout: 5_000 }).toBe('online');
    await running.close();
    expect(hub.list()).toEqual([]);
    expect(device.status().common.device).toBe('offline');
  });

  it('serial: a configured port that is missing leaves the device offline, not a crash', async () => {
    running = await createBarcodeReader({ kind: 'serial', port: '/dev/ttyACM-missing', baudRate: 9600 }, { id: 'barcode-1' });
    expect(running.device.status().common.device).toBe('offline');
    expect(running.device.reason).toMatch(/ttyACM-missing/);
  });

  it('hid: an absent reader is noDevice (real node-hid)', async () => {
    running = await createBarcodeReader({ kind: 'hid', vendorId: 0xfff0, productId: 0x0002 }, { id: 'barcode-1' });
    expect(running.device.status().common.device).toBe('noDevice');
  });
});

describe('the in-process line (simulated reader without socat)', () => {
  it('carries scans and unplugs like the pty', async () => {
    const line = createInProcessLine();
    const simulator = new BarcodeReaderSimulator(line);
    const device = new BarcodeReader('barcode-1', new SerialScanSource(line.driverSpec, { open: line.open, retryMs: 10 }));
    const scans: Scan[] = [];
    device.onScan((scan) => scans.push(scan));
    await device.start();
    expect(device.status().common.device).toBe('online');
    await simulator.scan({ text: '网证', encoding: 'gb18030', chunked: true });
    await expect.poll(() => scans).toEqual([{ text: '网证', encoding: 'gb18030' }]);
    await simulator.powerOff();
    expect(device.status().common.device).toBe('offline');
    await simulator.powerOn();
    await expect.poll(() => device.status().common.device).toBe('online');
    await device.close();
    await simulator.close();
  });
});
