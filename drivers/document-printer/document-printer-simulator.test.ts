import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceEvent } from '../../contracts/device-model';
import { SimulationHub } from '../simulation/simulator-control';
import { createDocumentPrinter } from './create-document-printer';
import type { DocumentPrinter } from './document-printer';
import { SimulatedDocumentPrinter, countPdfPages } from './document-printer-simulator';

function pdf(pages: number): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4', autoFirstPage: false });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    for (let i = 0; i < pages; i++) doc.addPage().text(`page ${i + 1}`);
    doc.end();
  });
}

describe('simulated document printer', () => {
  let dataDir: string;
  let hub: SimulationHub;
  let printer: DocumentPrinter;
  let events: DeviceEvent[];

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'kiosk-a4sim-'));
    hub = new SimulationHub();
    printer = new SimulatedDocumentPrinter({ id: 'a4-1', outputDir: path.join(dataDir, 'printed'), hub, pageMs: 40 });
    events = [];
    printer.onEvent((e) => events.push(e));
  });

  afterEach(async () => {
    await printer.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const run = (action: string, input: unknown = {}) => hub.run('a4-1', action, input);
  const printed = async () => readdir(path.join(dataDir, 'printed')).catch(() => [] as string[]);

  it('counts pages the way pdfkit writes them', async () => {
    expect(countPdfPages(await pdf(3))).toBe(3);
    expect(countPdfPages(new TextEncoder().encode('%PDF-1.7 compressed'))).toBe(1);
  });

  it('is what the factory builds for { kind: simulated }: registered in the hub, printing into dataDir/simulator/documents', async () => {
    const otherHub = new SimulationHub();
    const built = await createDocumentPrinter({ kind: 'simulated' }, { id: 'a4-2', hub: otherHub, dataDir });
    expect(built).toBeInstanceOf(SimulatedDocumentPrinter);
    expect(otherHub.list().map((c) => c.deviceId)).toEqual(['a4-2']);
    await built.close();
    expect(otherHub.list()).toEqual([]);
  });

  it('registers its control, prints the PDF as it came and removes the control on close', async () => {
    expect(hub.list()).toEqual([expect.objectContaining({ deviceId: 'a4-1', deviceClass: 'documentPrinter' })]);
    const document = await pdf(2);
    expect(await printer.print(document, { jobName: '回执 receipt' })).toEqual({ code: 'success', value: { jobId: 1 } });
    const files = await printed();
    expect(files).toEqual(['1.pdf']);
    expect(new Uint8Array(await readFile(path.join(dataDir, 'printed', files[0] as string)))).toEqual(document);
    await printer.close();
    expect(hub.list()).toEqual([]);
  });

  it('runs out of paper mid-job: the job is cancelled, thresholds go low then out, loading paper recovers', async () => {
    await run('loadPaper', { sheets: 21 });
    expect(await printer.print(await pdf(2))).toEqual({ code: 'success', value: { jobId: 1 } });
    await run('loadPaper', { sheets: 1 });
    const result = await printer.print(await pdf(2));
    expect(result).toEqual({ code: 'deviceNotReady', message: 'out of paper (media-empty); job 2 cancelled' });
    expect(printer.status().documentPrinter.paper).toEqual({ tray1: 'out' });
    await run('loadPaper', {});
    expect(printer.status().documentPrinter.paper).toEqual({ tray1: 'full' });
    const thresholds = events.flatMap((e) => (e.type === 'paperThreshold' ? [e.threshold] : []));
    expect(thresholds).toEqual(['low', 'out', 'full']);
    expect(await printed()).toHaveLength(1);
  });

  it('maps the door, a jam, toner and power to the same status and codes as the CUPS driver', async () => {
    await run('openDoor');
    expect(printer.status()).toMatchObject({ common: { device: 'userError' }, documentPrinter: { cover: 'open' } });
    expect((await printer.print(await pdf(1))).code).toBe('userError');
    await run('closeDoor');
    await run('jam');
    expect(printer.status()).toMatchObject({ common: { device: 'hardwareError' }, documentPrinter: { paper: { tray1: 'jammed' } } });
    expect((await printer.print(await pdf(1))).code).toBe('hardwareError');
    await run('clearJam');
    await run('tonerLow');
    expect(events).toContainEqual({ type: 'tonerThreshold', deviceId: 'a4-1', deviceClass: 'documentPrinter', threshold: 'low' });
    await run('tonerOut');
    expect(await printer.print(await pdf(1))).toMatchObject({ code: 'deviceNotReady', message: expect.stringMatching(/out of toner/) });
    await run('replaceToner');
    await run('powerOff');
    expect(printer.status().common.device).toBe('offline');
    await run('powerOn');
    expect(await printer.print(await pdf(1))).toMatchObject({ code: 'success' });
  });

  it('a jam during a job stops it; cancel and timeout stop a job too; nothing half-printed lands', async () => {
    const jamming = printer.print(await pdf(10));
    setTimeout(() => void run('jam'), 100);
    expect(await jamming).toMatchObject({ code: 'hardwareError', message: expect.stringMatching(/paper jam/) });
    await run('clearJam');

    const controller = new AbortController();
    const canceling = printer.print(await pdf(10), { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    expect((await canceling).code).toBe('canceled');
    expect((await printer.print(await pdf(10), { timeoutMs: 100 })).code).toBe('timeOut');
    expect(await printed()).toEqual([]);
  });

  it('refuses what is not a PDF', async () => {
    expect(await printer.print(new TextEncoder().encode('hello'))).toEqual({ code: 'invalidData', message: 'the document is not a PDF' });
    expect((await printer.print('/no/such/file.pdf')).code).toBe('invalidData');
  });
});
