// The CUPS driver against a real, private cupsd (test-support/private-cupsd.ts): the cups-pdf queue for real output,
// and `kiosk-sim:` queues whose backend raises printer-state-reasons the way printer backends do.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceEvent } from '../../contracts/device-model';
import { JobState, getJobAttributes, getPrinterAttributes } from './cups-operations';
import { CupsDocumentPrinter, type CupsPrinterOptions } from './cups-document-printer';
import { GroupTag, ValueTag, integersOf } from './ipp-encoding';
import { parseCupsServer, postIpp } from './ipp-transport';
import { findCjkFont } from './test-page';
import { pageSimilarity, pdfText, renderPage } from './test-support/pdf-inspection';
import {
  CUPS_PDF_PPD,
  DEBIAN_PACKAGES,
  type PrivateCupsd,
  cupsPdfAnonymousDir,
  cupsdPath,
  findCupsPdfOutput,
  startPrivateCupsd,
} from './test-support/private-cupsd';

const suite = cupsdPath
  ? 'CUPS document printer against a private cupsd'
  : `CUPS document printer — SKIPPED: cupsd is not installed (Debian: ${DEBIAN_PACKAGES})`;

function pdfWith(chinese: string, marker: string): Promise<Uint8Array> {
  const font = findCjkFont();
  if (!font) throw new Error('no CJK font (Debian: fonts-noto-cjk or fonts-droid-fallback)');
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56 });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.registerFont('cjk', font.path, font.postscriptName);
    doc.font('cjk').fontSize(36).text(chinese);
    doc.font('Helvetica').fontSize(12).text(marker);
    doc.end();
  });
}

describe.skipIf(!cupsdPath)(suite, () => {
  let cupsd: PrivateCupsd;
  const printers: CupsDocumentPrinter[] = [];
  const outputs: string[] = [];

  async function open(queue: string, extra: Partial<CupsPrinterOptions> = {}): Promise<CupsDocumentPrinter> {
    const printer = new CupsDocumentPrinter({ id: `a4-${queue.toLowerCase()}`, queue, server: cupsd.server, pollIntervalMs: 0, jobPollIntervalMs: 50, ...extra });
    printers.push(printer);
    await printer.start();
    return printer;
  }

  function recordEvents(printer: CupsDocumentPrinter): DeviceEvent[] {
    const events: DeviceEvent[] = [];
    printer.onEvent((e) => events.push(e));
    return events;
  }

  /** Get-Jobs (RFC 8011 §4.2.6) for every job the queue has seen: job-state per job, oldest first. */
  async function queueJobs(queue: string): Promise<number[]> {
    const endpoint = parseCupsServer(cupsd.server);
    if (!endpoint.ok) throw new Error(endpoint.error);
    const result = await postIpp(
      endpoint.endpoint,
      `/printers/${queue}`,
      {
        operation: 0x000a,
        requestId: 9,
        groups: [
          {
            tag: GroupTag.operation,
            attributes: [
              { name: 'attributes-charset', tag: ValueTag.charset, values: ['utf-8'] },
              { name: 'attributes-natural-language', tag: ValueTag.naturalLanguage, values: ['en'] },
              { name: 'printer-uri', tag: ValueTag.uri, values: [`ipp://${cupsd.server}/printers/${queue}`] },
              { name: 'which-jobs', tag: ValueTag.keyword, values: ['all'] },
              { name: 'requested-attributes', tag: ValueTag.keyword, values: ['job-id', 'job-state'] },
            ],
          },
        ],
      },
      { timeoutMs: 5000 },
    );
    if (!result.ok) throw new Error(result.message);
    return result.response.groups
      .filter((g) => g.tag === GroupTag.job)
      .map((g) => ({ id: integersOf(g.attributes, 'job-id')[0] ?? 0, state: integersOf(g.attributes, 'job-state')[0] ?? 0 }))
      .sort((a, b) => a.id - b.id)
      .map((job) => job.state);
  }

  async function jobState(queue: string, jobId: number): Promise<number | undefined> {
    const endpoint = parseCupsServer(cupsd.server);
    if (!endpoint.ok) throw new Error(endpoint.error);
    const result = await getJobAttributes({ endpoint: endpoint.endpoint, queue, userName: 'kiosk' }, jobId, { timeoutMs: 5000 });
    return result.ok ? result.job.state : undefined;
  }

  beforeAll(async () => {
    cupsd = await startPrivateCupsd();
    await cupsd.addQueue('PDF', 'cups-pdf:/', CUPS_PDF_PPD);
    await cupsd.addQueue('SIM_PAPER_OUT', 'kiosk-sim:/media-empty-error,exit=4');
    await cupsd.addQueue('SIM_JAM', 'kiosk-sim:/media-jam-error,exit=4');
    await cupsd.addQueue('SIM_DOOR', 'kiosk-sim:/door-open-error,exit=4');
    await cupsd.addQueue('SIM_TONER_LOW', 'kiosk-sim:/toner-low-warning,media-low-report,marker=8');
    await cupsd.addQueue('SIM_SLOW', 'kiosk-sim:/sleep=30');
  }, 30_000);

  afterAll(async () => {
    await Promise.all(printers.map((p) => p.close()));
    await cupsd?.stop();
    await Promise.all(outputs.map((f) => rm(f, { recursive: true, force: true })));
  });

  it('prints a PDF with Chinese text through cups-pdf: the PDF comes out with its text and its glyphs', async () => {
    const printer = await open('PDF');
    expect(printer.status().common.device).toBe('online');
    const token = `kiosktest${randomBytes(6).toString('hex')}`;
    const chinese = '政务服务自助终端打印测试';
    const document = await pdfWith(chinese, `marker ${token}`);
    const submittedFile = await writeTemp(document);
    outputs.push(path.dirname(submittedFile));
    expect(await pdfText(submittedFile)).toContain(chinese);

    const result = await printer.print(document, { jobName: token, timeoutMs: 30_000 });
    expect(result).toEqual({ code: 'success', value: { jobId: expect.any(Number) } });

    const dir = await cupsPdfAnonymousDir('PDF');
    const output = await findCupsPdfOutput(dir, token);
    expect(output, `cups-pdf output for ${token} in ${dir}`).toBeDefined();
    outputs.push(output as string);
    expect(await pdfText(output as string)).toContain(token);
    // cups-pdf prints through PostScript, which drops the Unicode map of CID fonts, so the Chinese is checked as
    // glyphs: the printed page must look like the submitted one, and unlike the same page with other characters.
    const printed = await renderPage(output as string, 100);
    const submitted = await renderPage(document, 100);
    const other = await renderPage(await pdfWith('身份证明材料扫描上传', `marker ${token}`), 100);
    expect(pageSimilarity(printed, submitted)).toBeGreaterThan(0.8);
    expect(pageSimilarity(printed, other)).toBeLessThan(0.5);
  }, 60_000);

  it('reads the full attribute set CUPS sends (collections included) without a decoding error', async () => {
    const endpoint = parseCupsServer(cupsd.server);
    if (!endpoint.ok) throw new Error(endpoint.error);
    const result = await getPrinterAttributes({ endpoint: endpoint.endpoint, queue: 'PDF', userName: 'kiosk' }, { timeoutMs: 5000, requested: ['all'] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const printer = result.response.groups.find((g) => g.tag === 0x04)?.attributes;
    expect(printer?.get('printer-name')?.values[0]).toEqual({ kind: 'string', value: 'PDF' });
    expect([...(printer?.values() ?? [])].some((a) => a.values.some((v) => v.kind === 'collection'))).toBe(true);
  });

  it('maps a disabled queue (cupsdisable) to offline and refuses to print, then recovers after cupsenable', async () => {
    const printer = await open('PDF');
    const events = recordEvents(printer);
    await cupsd.admin('cupsdisable', ['-r', 'maintenance', 'PDF']);
    try {
      await printer.refresh();
      expect(printer.status().common.device).toBe('offline');
      const result = await printer.print(await pdfWith('测试', 'x'), { timeoutMs: 10_000 });
      expect(result.code).toBe('deviceNotReady');
      expect(result.code !== 'success' && result.message).toMatch(/stopped \(paused\)/);
    } finally {
      await cupsd.admin('cupsenable', ['PDF']);
    }
    await printer.refresh();
    expect(printer.status().common.device).toBe('online');
    expect(events.filter((e) => e.type === 'statusChanged').map((e) => e.type === 'statusChanged' && e.changes.common?.device)).toEqual(['offline', 'online']);
  });

  it('refuses a queue that rejects jobs (cupsreject)', async () => {
    const printer = await open('PDF');
    await cupsd.admin('cupsreject', ['PDF']);
    try {
      const result = await printer.print(await pdfWith('测试', 'x'));
      expect(result).toEqual({ code: 'deviceNotReady', message: 'queue "PDF" is not accepting jobs' });
      expect(printer.status().common.device).toBe('offline');
    } finally {
      await cupsd.admin('cupsaccept', ['PDF']);
    }
  });

  it('reports a queue that does not exist as noDevice with a clear reason', async () => {
    const printer = await open('NO_SUCH_QUEUE');
    expect(printer.status().common.device).toBe('noDevice');
    expect(await printer.print(await pdfWith('测试', 'x'))).toEqual({ code: 'deviceNotReady', message: 'no CUPS queue "NO_SUCH_QUEUE"' });
  });

  it.each([
    ['SIM_PAPER_OUT', 'deviceNotReady', /out of paper/, { device: 'offline', paper: 'out', cover: 'closed' }],
    ['SIM_JAM', 'hardwareError', /paper jam/, { device: 'offline', paper: 'jammed', cover: 'closed' }],
    ['SIM_DOOR', 'userError', /door open/, { device: 'offline', paper: 'full', cover: 'open' }],
  ] as const)('%s: the backend stops the queue mid-job; the job is cancelled and the cause mapped', async (queue, code, message, expected) => {
    const printer = await open(queue);
    const events = recordEvents(printer);
    const result = await printer.print(await pdfWith('测试', 'x'), { timeoutMs: 20_000 });
    expect(result.code).toBe(code);
    expect(result.code !== 'success' && result.message).toMatch(message);
    const jobId = Number(/job (\d+) cancelled/.exec(result.code !== 'success' ? result.message : '')?.[1]);
    expect(await jobState(queue, jobId)).toBe(JobState.canceled);
    const status = printer.status();
    expect({ device: status.common.device, paper: status.documentPrinter.paper?.tray1, cover: status.documentPrinter.cover }).toEqual(expected);
    if (expected.paper === 'out') expect(events).toContainEqual({ type: 'paperThreshold', deviceId: 'a4-sim_paper_out', deviceClass: 'documentPrinter', source: 'tray1', threshold: 'out' });
  }, 30_000);

  it('reads toner level and warnings that a backend reports, with threshold events, while printing succeeds', async () => {
    const printer = await open('SIM_TONER_LOW');
    const events = recordEvents(printer);
    const result = await printer.print(await pdfWith('测试', 'x'), { timeoutMs: 20_000 });
    expect(result.code).toBe('success');
    await printer.refresh();
    expect(printer.status()).toEqual({ common: { device: 'online' }, documentPrinter: { paper: { tray1: 'low' }, cover: 'closed', toner: 'low' } });
    expect(printer.capabilities.consumables).toEqual(['toner']);
    expect(events.filter((e) => e.type !== 'statusChanged').map((e) => e.type)).toEqual(expect.arrayContaining(['paperThreshold', 'tonerThreshold']));
  }, 30_000);

  it('cancels the CUPS job when the caller aborts, and when the timeout expires', async () => {
    const printer = await open('SIM_SLOW');
    const controller = new AbortController();
    const printing = printer.print(await pdfWith('测试', 'x'), { signal: controller.signal, timeoutMs: 20_000 });
    for (let i = 0; i < 100 && (await queueJobs('SIM_SLOW')).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    expect(await printing).toEqual({ code: 'canceled', message: 'printer.print canceled' });
    expect(await queueJobs('SIM_SLOW')).toEqual([JobState.canceled]);

    const timedOut = await printer.print(await pdfWith('测试', 'x'), { timeoutMs: 1000 });
    expect(timedOut.code).toBe('timeOut');
    // Whatever had reached the queue by then was cancelled: nothing is left to come out later.
    const jobs = await queueJobs('SIM_SLOW');
    expect(jobs.filter((state) => state !== JobState.canceled)).toEqual([]);
  }, 30_000);

  it('goes offline when the CUPS server is unreachable', async () => {
    const printer = await open('PDF', { server: '127.0.0.1:1' });
    expect(printer.status().common.device).toBe('offline');
    const result = await printer.print(await pdfWith('测试', 'x'));
    expect(result.code).toBe('deviceNotReady');
    expect(result.code !== 'success' && result.message).toMatch(/unreachable: ECONNREFUSED/);
  });
});

async function writeTemp(bytes: Uint8Array): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-doc-'));
  const file = path.join(dir, 'doc.pdf');
  await writeFile(file, bytes);
  return file;
}
