// `npm run device -- printer <status|test-print> --queue Q [--server host:port]`: the A4 printer for installers and
// branch staff, through the same driver the kiosk uses.
import { hostname } from 'node:os';
import type { CliCommand, DeviceCliCommands } from '../cli/cli-command';
import { getPrinterAttributes } from './cups-operations';
import { CupsDocumentPrinter } from './cups-document-printer';
import { parseCupsServer } from './ipp-transport';
import { type CjkFont, findCjkFont, renderTestPage } from './test-page';

const DEFAULT_SERVER = 'localhost:631';

const target = {
  queue: { type: 'string' },
  server: { type: 'string' },
} as const;

function openPrinter(values: Record<string, unknown>): { ok: true; printer: CupsDocumentPrinter; queue: string; server: string } | { ok: false; reason: string } {
  const queue = values.queue;
  if (typeof queue !== 'string' || queue === '') return { ok: false, reason: '--queue is required' };
  const server = typeof values.server === 'string' ? values.server : DEFAULT_SERVER;
  try {
    return { ok: true, printer: new CupsDocumentPrinter({ id: 'printer-cli', queue, server, pollIntervalMs: 0 }), queue, server };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

const status: CliCommand = {
  usage: 'status --queue Q [--server host:port]  the queue\'s state, reasons and consumables as JSON',
  options: target,
  async run(values, io) {
    const opened = openPrinter(values);
    if (!opened.ok) return opened;
    const { printer, queue, server } = opened;
    try {
      const refreshed = await printer.refresh();
      if (refreshed.code !== 'success') return { ok: false, reason: refreshed.message };
      const endpoint = parseCupsServer(server);
      const raw = endpoint.ok ? await getPrinterAttributes({ endpoint: endpoint.endpoint, queue, userName: 'kiosk' }, { timeoutMs: 10_000 }) : undefined;
      const cups = raw?.ok ? { printerState: raw.printer.state, reasons: raw.printer.reasons, message: raw.printer.stateMessage, acceptingJobs: raw.printer.acceptingJobs } : undefined;
      io.out(JSON.stringify({ queue, server, status: refreshed.value, capabilities: printer.capabilities, cups }, null, 2));
      return { ok: true };
    } finally {
      await printer.close();
    }
  },
};

const testPrint: CliCommand = {
  usage: 'test-print --queue Q [--server host:port] [--font FILE [--font-name PSNAME]] [--timeout S]  print the A4 test page and wait for it',
  options: { ...target, font: { type: 'string' }, 'font-name': { type: 'string' }, timeout: { type: 'string' } },
  async run(values, io) {
    const font: CjkFont | undefined =
      typeof values.font === 'string' ? { path: values.font, postscriptName: typeof values['font-name'] === 'string' ? values['font-name'] : undefined } : findCjkFont();
    if (!font) return { ok: false, reason: 'no CJK font found (Debian: fonts-noto-cjk or fonts-droid-fallback), or pass --font FILE' };
    const timeoutSeconds = typeof values.timeout === 'string' ? Number(values.timeout) : 120;
    if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) return { ok: false, reason: '--timeout must be a positive number of seconds' };
    const opened = openPrinter(values);
    if (!opened.ok) return opened;
    const { printer, queue, server } = opened;
    try {
      const page = await renderTestPage({
        font,
        details: [
          ['打印队列 / queue', queue],
          ['CUPS 服务器 / server', server],
          ['主机 / host', hostname()],
        ],
        marker: `KIOSK TEST PAGE ${queue} ${new Date().toISOString()}`,
      });
      io.err(`printing the test page (${page.length} bytes, font ${font.path}) on ${queue} …`);
      const result = await printer.print(page, { jobName: 'kiosk-test-page', timeoutMs: timeoutSeconds * 1000, signal: io.signal });
      if (result.code !== 'success') return { ok: false, reason: `${result.code}: ${result.message}` };
      io.out(`printed: job ${result.value.jobId} on ${queue}`);
      return { ok: true };
    } finally {
      await printer.close();
    }
  },
};

export const printerCli: DeviceCliCommands = { status, 'test-print': testPrint };
