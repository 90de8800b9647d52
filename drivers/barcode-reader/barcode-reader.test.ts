// The driver through the real serial stack: a socat pty pair, serialport on the driver's end, and the simulated
// reader (or hand-written bytes) on the other.
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceEvent } from '../../contracts/device-model';
import { BarcodeReader } from './barcode-reader';
import type { Scan, ScanReadError } from './scan';
import { type SerialScanSourceOptions, SerialScanSource } from './serial-scan-source';
import { BarcodeReaderSimulator } from './simulator';
import { type SimulatorLine, createPtyLine } from './simulator-line';
import { concat, hex, vectors } from './test-support/test-vectors';

interface Rig {
  line: SimulatorLine;
  reader: BarcodeReader;
  simulator: BarcodeReaderSimulator;
  scans: Scan[];
  errors: ScanReadError[];
  events: DeviceEvent[];
}

let rig: Rig | undefined;

async function start(options: SerialScanSourceOptions = {}): Promise<Rig> {
  const line = await createPtyLine();
  const reader = new BarcodeReader('barcode-test', new SerialScanSource(line.driverSpec, { retryMs: 20, maxRetryMs: 100, ...options }));
  const scans: Scan[] = [];
  const errors: ScanReadError[] = [];
  const events: DeviceEvent[] = [];
  reader.onScan((scan) => scans.push(scan));
  reader.onReadError((error) => errors.push(error));
  reader.onEvent((event) => events.push(event));
  await reader.start();
  rig = { line, reader, simulator: new BarcodeReaderSimulator(line), scans, errors, events };
  return rig;
}

afterEach(async () => {
  await rig?.reader.close();
  await rig?.line.close();
  rig = undefined;
});

describe('barcode reader over a pty', () => {
  it('reads UTF-8 and GB18030 Chinese payloads, with and without an AIM prefix', async () => {
    const { line, reader, scans } = await start();
    expect(reader.status()).toEqual({ common: { device: 'online' }, barcodeReader: { reader: 'on' } });
    await line.write(concat(vectors.aimQ1, vectors.wangzhengUtf8, [0x0d, 0x0a]));
    await line.write(concat(vectors.urlGb18030, [0x0d]));
    await line.write(concat(vectors.aimC0, hex('36 39 30 31 32 33 34'), [0x0a]));
    await line.write(concat(vectors.jiGb18030, [0x0d]));
    await expect.poll(() => scans).toHaveLength(4);
    expect(scans).toEqual([
      { text: '网证', encoding: 'utf8', symbology: { aimId: ']Q1', name: 'qrCode' } },
      { text: vectors.url, encoding: 'gb18030' },
      { text: '6901234', encoding: 'utf8', symbology: { aimId: ']C0', name: 'code128' } },
      { text: '𠮷', encoding: 'gb18030' },
    ]);
  });

  it('ends a frame sent without a suffix after the idle gap', async () => {
    const { line, scans } = await start({ idleGapMs: 30 });
    await line.write(concat(vectors.aimQ1, vectors.urlUtf8));
    await expect.poll(() => scans).toEqual([{ text: vectors.url, encoding: 'utf8', symbology: { aimId: ']Q1', name: 'qrCode' } }]);
    await line.write(vectors.wangzhengGb18030);
    await expect.poll(() => scans[1]).toEqual({ text: '网证', encoding: 'gb18030' });
  });

  it('puts chunked arrival back together (simulator: random chunks, small pauses)', async () => {
    // The idle gap stays on, well above the simulator's pauses, as in production.
    const { simulator, scans } = await start({ idleGapMs: 250 });
    const text = `${vectors.url}&事项=居民身份证换领`;
    expect(await simulator.scan({ text, symbology: ']Q1', encoding: 'gb18030', suffix: 'crlf', chunked: true })).toBe(true);
    expect(await simulator.scan({ text, encoding: 'utf8', suffix: 'cr', chunked: true })).toBe(true);
    await expect.poll(() => scans).toHaveLength(2);
    expect(scans).toEqual([
      { text, encoding: 'gb18030', symbology: { aimId: ']Q1', name: 'qrCode' } },
      { text, encoding: 'utf8' },
    ]);
  });

  it('reports an overlong frame as a typed error and still reads the next one', async () => {
    const { line, scans, errors } = await start({ maxFrameBytes: 64 });
    await line.write(concat(new Uint8Array(200).fill(0x41), [0x0d]));
    await line.write(concat(vectors.wangzhengUtf8, [0x0d]));
    await expect.poll(() => scans).toEqual([{ text: '网证', encoding: 'utf8' }]);
    expect(errors).toEqual([{ code: 'overlong', length: 200, limit: 64 }]);
  });

  it('reports undecodable bytes as a typed error', async () => {
    const { line, scans, errors } = await start();
    await line.write(hex('41 ff 80 0d 42 0d'));
    await expect.poll(() => scans).toEqual([{ text: 'B', encoding: 'utf8' }]);
    expect(errors).toEqual([{ code: 'undecodable', length: 3 }]);
  });

  it('goes offline when unplugged and online again when plugged back, then reads again', async () => {
    const { simulator, reader, scans, events } = await start();
    await simulator.powerOff();
    await expect.poll(() => reader.status().common.device, { timeout: 5_000 }).toBe('offline');
    expect(reader.status().barcodeReader.reader).toBe('off');
    expect(await simulator.scan({ text: 'lost' })).toBe(false);
    await simulator.powerOn();
    await expect.poll(() => reader.status().common.device, { timeout: 5_000 }).toBe('online');
    await simulator.scan({ text: '回来了' });
    await expect.poll(() => scans).toEqual([{ text: '回来了', encoding: 'utf8' }]);
    const change = (device: string, state: string) => ({
      type: 'statusChanged',
      deviceId: 'barcode-test',
      deviceClass: 'barcodeReader',
      changes: { common: { device }, barcodeReader: { reader: state } },
    });
    expect(events).toEqual([change('online', 'on'), change('offline', 'off'), change('online', 'on')]);
  });

  it('read waits for the next scan, times out, is cancelled, and refuses while offline', async () => {
    const { reader, simulator } = await start();
    const next = reader.read({ timeoutMs: 5_000 });
    await simulator.scan({ text: 'ABC', symbology: ']Q1' });
    expect(await next).toEqual({ code: 'success', value: { text: 'ABC', encoding: 'utf8', symbology: { aimId: ']Q1', name: 'qrCode' } } });
    expect(await reader.read({ timeoutMs: 20 })).toMatchObject({ code: 'timeOut' });
    const controller = new AbortController();
    const canceled = reader.read({ timeoutMs: 5_000, signal: controller.signal });
    controller.abort();
    expect(await canceled).toMatchObject({ code: 'canceled' });
    const interrupted = reader.read({ timeoutMs: 5_000 });
    await simulator.powerOff();
    expect(await interrupted).toMatchObject({ code: 'deviceNotReady' });
    expect(await reader.read({ timeoutMs: 5_000 })).toMatchObject({ code: 'deviceNotReady' });
  });

  it('starts offline with the reason when the port does not exist, and reports offline after close', async () => {
    const reader = new BarcodeReader('barcode-test', new SerialScanSource({ kind: 'serial', path: '/dev/nonexistent-reader', baudRate: 9600 }));
    await reader.start();
    expect(reader.status()).toEqual({ common: { device: 'offline' }, barcodeReader: { reader: 'off' } });
    expect(reader.reason).toMatch(/nonexistent-reader/);
    await reader.close();
    expect(reader.reason).toBe('closed');
  });
});
