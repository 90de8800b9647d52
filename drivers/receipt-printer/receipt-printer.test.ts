// The real driver against the simulator through real transports: a socat pty pair (the serial stack) and TCP on
// 127.0.0.1. What was printed is checked in the simulator's transcript, which it decodes from the bytes the driver
// sent with its own parser (simulator/escpos-stream-parser.ts).
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceEvent } from '../../contracts/device-model';
import { type PtyPair, createPtyPair } from '../common/pty-pair';
import { type Bitmap, countInk, createBitmap, cropColumns, sameBitmap } from './bitmap';
import { qrBitmap } from './qr-raster';
import type { ReceiptDocument } from './receipt-document';
import { ReceiptPrinter, type ReceiptPrinterOptions } from './receipt-printer';
import { PrinterSimulator } from './simulator/printer-simulator';
import type { PrintedItem, SimulatedPrinterOptions } from './simulator/simulated-printer';
import { GlyphFonts } from './text-raster';

interface Rig {
  simulator: PrinterSimulator;
  printer: ReceiptPrinter;
  events: DeviceEvent[];
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const fast: Partial<ReceiptPrinterOptions> = { pollIntervalMs: 40, replyTimeoutMs: 300, reconnect: { retryMs: 20, maxRetryMs: 60 } };

async function start(simulator: PrinterSimulator, options: Omit<ReceiptPrinterOptions, 'id'>): Promise<Rig> {
  const printer = await ReceiptPrinter.open({ id: 'receipt-1', ...fast, ...options });
  cleanup.push(() => printer.close());
  const events: DeviceEvent[] = [];
  printer.onEvent((event) => events.push(event));
  return { simulator, printer, events };
}

async function overTcp(options: Partial<ReceiptPrinterOptions> = {}, simulatorOptions: SimulatedPrinterOptions = {}): Promise<Rig> {
  const simulator = new PrinterSimulator(simulatorOptions);
  cleanup.push(() => simulator.close());
  const address = await simulator.serveTcp();
  return start(simulator, { port: { kind: 'tcp', ...address }, ...options });
}

async function overPty(options: Partial<ReceiptPrinterOptions> = {}): Promise<Rig & { pty: PtyPair }> {
  const pty = await createPtyPair();
  cleanup.push(() => pty.close());
  const simulator = new PrinterSimulator();
  cleanup.push(() => simulator.close());
  await simulator.servePty(pty.devicePath);
  return { ...(await start(simulator, { port: { kind: 'serial', path: pty.driverPath, baudRate: 9600 }, ...options })), pty };
}

const texts = (items: readonly PrintedItem[]): string[] => items.flatMap((item) => (item.type === 'text' ? [item.text] : []));
const images = (items: readonly PrintedItem[]): Bitmap[] => items.flatMap((item) => (item.type === 'image' ? [item.image] : []));

const NAME_LINE = '申请人：王䶮𠮷';
const rareNameReceipt: ReceiptDocument = {
  blocks: [
    { type: 'text', text: '政务服务受理回执', align: 'center', bold: true, width: 2, height: 2 },
    { type: 'separator' },
    { type: 'text', text: '受理编号：2024-000123' },
    { type: 'text', text: NAME_LINE },
    { type: 'text', text: '事项：居民身份证换领' },
    { type: 'qr', data: 'https://zwfw.example.cn/progress?id=2024-000123' },
    { type: 'feed', lines: 2 },
    { type: 'cut' },
  ],
};

describe('receipt printer over a socat pty', () => {
  it('reads the status of a ready printer', async () => {
    const { printer } = await overPty();
    expect(printer.status()).toEqual({ common: { device: 'online' }, receiptPrinter: { paper: { roll: 'full' }, cover: 'closed', cutter: 'ok' } });
    expect(printer.capabilities).toMatchObject({ qrCode: 'native', paperLowSensor: true, realTimeStatus: true });
  });

  it('prints a receipt for a name with 䶮 and 𠮷 that carries every character', async () => {
    const { printer, simulator } = await overPty();
    const result = await printer.print(rareNameReceipt);
    expect(result).toMatchObject({ code: 'success', value: { rasterLines: 1, missingGlyphs: [] } });
    const printed = simulator.printer.transcript;

    // The Chinese-mode text decoded as GB18030 by the simulator.
    expect(texts(printed)).toEqual(['政务服务受理回执', '-'.repeat(48), '受理编号：2024-000123', '事项：居民身份证换领', '']);
    expect(printed.find((item) => item.type === 'text' && item.text === '政务服务受理回执')).toMatchObject({ align: 'center', bold: true, width: 2, height: 2 });
    expect(printed).toContainEqual({ type: 'qr', data: 'https://zwfw.example.cn/progress?id=2024-000123', moduleSize: 6, errorLevel: 'M', align: 'center' });
    expect(printed.at(-1)).toEqual({ type: 'cut', partial: false });

    // The name line arrived as one raster image: the same dots as a fresh rendering, rare glyphs included.
    const [picture] = images(printed);
    const fonts = new GlyphFonts();
    const expected = fonts.render(NAME_LINE, { width: 1, height: 1, bold: false }, 576);
    const line = expected.lines[0] as Bitmap;
    expect(picture?.height).toBe(24);
    expect(sameBitmap(cropColumns(picture as Bitmap, 0, line.width), line)).toBe(true);
    expect(countInk(cropColumns(picture as Bitmap, line.width, (picture?.width ?? 0) - line.width))).toBe(0);
    for (const rare of ['䶮', '𠮷']) {
      const glyph = expected.glyphs.find((g) => g.char === rare);
      if (!glyph) throw new Error(`${rare} not laid out`);
      const printedGlyph = cropColumns(picture as Bitmap, glyph.x, glyph.advance);
      const alone = cropColumns(fonts.render(rare, { width: 1, height: 1, bold: false }, 576).lines[0] as Bitmap, 0, glyph.advance);
      expect(countInk(printedGlyph), rare).toBeGreaterThan(50);
      expect(sameBitmap(printedGlyph, alone), rare).toBe(true);
    }
  });

  it('refuses to print with the cover open, and says why', async () => {
    const { printer, simulator } = await overPty();
    await simulator.control('receipt-1').actions.openCover?.run(undefined);
    expect(await printer.print(rareNameReceipt)).toEqual({ code: 'deviceNotReady', message: 'cannot print: cover open' });
    expect(printer.status()).toMatchObject({ common: { device: 'userError' }, receiptPrinter: { cover: 'open' } });
    expect(simulator.printer.transcript).toEqual([]);
    await simulator.control('receipt-1').actions.closeCover?.run(undefined);
    await expect.poll(() => printer.status().common.device).toBe('online');
  });

  it('goes offline when a serial printer stops answering, and comes back', async () => {
    const { printer, simulator } = await overPty();
    await simulator.powerOff();
    await expect.poll(() => printer.status().common.device, { timeout: 5_000 }).toBe('offline');
    expect(printer.status().receiptPrinter).toEqual({});
    expect((await printer.print(rareNameReceipt)).code).toBe('deviceNotReady');
    await simulator.powerOn();
    await expect.poll(() => printer.status().common.device, { timeout: 5_000 }).toBe('online');
  });
});

describe('receipt printer over TCP', () => {
  it('prints over TCP too', async () => {
    const { printer, simulator } = await overTcp();
    expect((await printer.print(rareNameReceipt)).code).toBe('success');
    expect(texts(simulator.printer.transcript)).toContain('受理编号：2024-000123');
  });

  it('stops when the paper runs out mid-receipt and says what was sent', async () => {
    const { printer, simulator, events } = await overTcp({ chunkBytes: 48 });
    simulator.printer.paperRunsOutAfter(0, 3);
    const lines: ReceiptDocument['blocks'] = Array.from({ length: 12 }, (_, i) => ({ type: 'text', text: `第${i + 1}行` }));
    const result = await printer.print({ blocks: [...lines, { type: 'cut' }] });
    expect(result.code).toBe('hardwareError');
    expect(result.code !== 'success' && result.message).toMatch(/^paper out after blocks 1–\d+ of 13 were sent \(blocks \d+–13 were not\); the receipt is incomplete$/);
    expect(texts(simulator.printer.transcript)).toEqual(['第1行', '第2行', '第3行']);
    expect(printer.status().receiptPrinter.paper).toEqual({ roll: 'out' });
    expect(events).toContainEqual({ type: 'paperThreshold', deviceId: 'receipt-1', deviceClass: 'receiptPrinter', source: 'roll', threshold: 'out' });
    expect(await printer.print(rareNameReceipt)).toEqual({ code: 'deviceNotReady', message: 'cannot print: paper out' });
  });

  it('raises threshold events as the paper goes low and is refilled', async () => {
    const { printer, simulator, events } = await overTcp();
    simulator.printer.setPaper('low');
    await expect.poll(() => printer.status().receiptPrinter.paper).toEqual({ roll: 'low' });
    simulator.printer.setPaper('full');
    await expect.poll(() => printer.status().receiptPrinter.paper).toEqual({ roll: 'full' });
    expect(events.filter((e) => e.type === 'paperThreshold').map((e) => e.type === 'paperThreshold' && e.threshold)).toEqual(['low', 'full']);
    const changes = events.flatMap((e) => (e.type === 'statusChanged' ? [e.changes] : []));
    expect(changes).toContainEqual({ receiptPrinter: { paper: { roll: 'low' } } });
  });

  it('never reports low paper without a near-end sensor', async () => {
    const { printer, simulator } = await overTcp({ paperLowSensor: false }, { nearEndSensor: false });
    expect(printer.capabilities.paperLowSensor).toBe(false);
    simulator.printer.setPaper('low');
    expect(await printer.refreshStatus()).toMatchObject({ code: 'success', value: { receiptPrinter: { paper: { roll: 'full' } } } });
  });

  it('reports a cutter fault and refuses to print', async () => {
    const { printer, simulator } = await overTcp();
    simulator.printer.setCutterFault(true);
    await expect.poll(() => printer.status()).toMatchObject({ common: { device: 'hardwareError' }, receiptPrinter: { cutter: 'fault' } });
    expect(await printer.print(rareNameReceipt)).toEqual({ code: 'deviceNotReady', message: 'cannot print: cutter error' });
  });

  it('goes powerOff when a network printer disappears, and recovers by itself', async () => {
    const { printer, simulator } = await overTcp();
    await simulator.powerOff();
    await expect.poll(() => printer.status(), { timeout: 5_000 }).toEqual({ common: { device: 'powerOff' }, receiptPrinter: {} });
    expect(await printer.print(rareNameReceipt)).toMatchObject({ code: 'deviceNotReady' });
    await simulator.powerOn();
    await expect.poll(() => printer.status().common.device, { timeout: 5_000 }).toBe('online');
    expect((await printer.print(rareNameReceipt)).code).toBe('success');
  });

  it('prints QR codes as raster on a printer without GS ( k', async () => {
    const { printer, simulator } = await overTcp({ qrCode: 'raster' }, { nativeQr: false });
    const data = 'https://zwfw.example.cn/q/1';
    expect((await printer.print({ blocks: [{ type: 'qr', data, moduleSize: 4, errorLevel: 'Q' }] })).code).toBe('success');
    const [picture] = images(simulator.printer.transcript);
    const expected = qrBitmap(new TextEncoder().encode(data), 4, 'Q');
    expect(picture?.height).toBe(expected.height);
    expect(sameBitmap(cropColumns(picture as Bitmap, 0, expected.width), expected)).toBe(true);
  });

  it('is not confused by a status request hidden in image data', async () => {
    const { printer, simulator } = await overTcp({ chunkBytes: 16 });
    // Rows whose bytes read 10 04 02 and 10 04 04: the printer answers them as real-time requests.
    const image = createBitmap(24, 2);
    image.data.set([0x10, 0x04, 0x02, 0x10, 0x04, 0x04]);
    simulator.printer.setPaper('low');
    const result = await printer.print({ blocks: [{ type: 'image', image }, { type: 'text', text: '完' }, { type: 'cut' }] });
    expect(result.code).toBe('success');
    expect(images(simulator.printer.transcript)[0]?.data).toEqual(image.data);
    expect(printer.status().receiptPrinter.paper).toEqual({ roll: 'low' });
    expect(texts(simulator.printer.transcript)).toEqual(['完']);
  });

  it('fails only the prints that need a font when the bundled font is missing', async () => {
    const { printer } = await overTcp({ bundledFont: '/nonexistent/font.otf' });
    expect(await printer.print({ blocks: [{ type: 'text', text: '王五' }, { type: 'cut' }] })).toMatchObject({ code: 'success' });
    expect(await printer.print(rareNameReceipt)).toMatchObject({ code: 'hardwareError', message: expect.stringContaining('/nonexistent/font.otf') });
  });

  it('completes with invalidData for a malformed document and canceled when aborted', async () => {
    const { printer } = await overTcp();
    expect((await printer.print({ blocks: [] })).code).toBe('invalidData');
    const controller = new AbortController();
    controller.abort();
    expect(await printer.print(rareNameReceipt, { signal: controller.signal })).toEqual({ code: 'canceled', message: 'receipt.print canceled' });
  });
});
