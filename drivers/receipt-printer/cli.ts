// `npm run device -- receipt <action>`: diagnostics for installers and branch staff (drivers/cli/).
import os from 'node:os';
import type { CliCommand, CliContext, CliResult, CliValues, DeviceCliCommands } from '../cli/cli-command';
import { type PortSpec, parsePortSpec } from '../common/byte-port';
import { ReceiptPrinter } from './receipt-printer';
import { PrinterSimulator } from './simulator/printer-simulator';
import type { PrintedItem } from './simulator/simulated-printer';
import { testReceipt } from './test-receipt';

/** Most ESC/POS printers leave the factory at 9600 baud (kiosk-config/schema.ts uses the same default). */
const DEFAULT_BAUD = 9600;

const portOption = { port: { type: 'string' }, 'qr-raster': { type: 'boolean' } } as const;

function portOf(values: CliValues): PortSpec | string {
  if (typeof values.port !== 'string') return '--port is required';
  try {
    return parsePortSpec(values.port, { baudRate: DEFAULT_BAUD });
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Opens the printer for one command, without idle polling, and closes it afterwards. */
async function withPrinter(values: CliValues, run: (printer: ReceiptPrinter) => Promise<CliResult>): Promise<CliResult> {
  const port = portOf(values);
  if (typeof port === 'string') return { ok: false, reason: port };
  const printer = await ReceiptPrinter.open({ id: 'receipt-cli', port, pollIntervalMs: 0, qrCode: values['qr-raster'] === true ? 'raster' : 'native' });
  try {
    return await run(printer);
  } finally {
    await printer.close();
  }
}

const status: CliCommand = {
  usage: 'status --port P  read the real-time status (DLE EOT 1–4) as JSON',
  options: portOption,
  run: (values, io) =>
    withPrinter(values, async (printer) => {
      const result = await printer.refreshStatus({ signal: io.signal });
      if (result.code !== 'success') return { ok: false, reason: result.message };
      io.out(JSON.stringify({ port: printer.description, status: result.value, capabilities: printer.capabilities }, null, 2));
      return { ok: true };
    }),
};

const testPrint: CliCommand = {
  usage: 'test-print --port P [--qr-raster]  print a test receipt: Chinese text, rare characters as raster, QR, cut',
  options: portOption,
  run: (values, io) =>
    withPrinter(values, async (printer) => {
      const result = await printer.print(testReceipt(os.hostname(), new Date()), { signal: io.signal });
      if (result.code !== 'success') return { ok: false, reason: `${result.code}: ${result.message}` };
      io.out(JSON.stringify({ port: printer.description, ...result.value, status: printer.status() }, null, 2));
      return { ok: true };
    }),
};

function describeItem(item: PrintedItem, showText: boolean): string {
  switch (item.type) {
    case 'text':
      return `text  ${item.align}${item.bold ? ' bold' : ''}${item.width > 1 || item.height > 1 ? ` ×${item.width}×${item.height}` : ''}: ${showText ? item.text : `${[...item.text].length} characters`}`;
    case 'image':
      return `image ${item.image.width}×${item.image.height} dots`;
    case 'qr':
      return `qr    module ${item.moduleSize}, level ${item.errorLevel}: ${showText ? item.data : `${item.data.length} characters`}`;
    case 'feed':
      return `feed  ${item.lines} lines`;
    case 'cut':
      return `cut   ${item.partial ? 'partial' : 'full'}`;
  }
}

const simulate: CliCommand = {
  usage: 'simulate --port P | --tcp PORT [--show-text]  run the printer simulator on a serial device (e.g. a socat pty) or 127.0.0.1:PORT until Ctrl+C',
  options: { port: { type: 'string' }, tcp: { type: 'string' }, 'show-text': { type: 'boolean' } },
  async run(values, io: CliContext) {
    const simulator = new PrinterSimulator();
    const showText = values['show-text'] === true;
    simulator.onPrinted((item) => io.out(describeItem(item, showText)));
    if (typeof values.tcp === 'string') {
      const port = Number(values.tcp);
      if (!Number.isInteger(port) || port < 0 || port > 65535) return { ok: false, reason: `bad TCP port: ${values.tcp}` };
      const address = await simulator.serveTcp(port, '127.0.0.1');
      io.err(`simulated ESC/POS printer on tcp://${address.host}:${address.port} (Ctrl+C stops)`);
    } else if (typeof values.port === 'string') {
      await simulator.servePty(values.port, DEFAULT_BAUD);
      io.err(`simulated ESC/POS printer on ${values.port} (Ctrl+C stops)`);
    } else {
      return { ok: false, reason: '--port P or --tcp PORT is required' };
    }
    await new Promise<void>((resolve) => (io.signal.aborted ? resolve() : io.signal.addEventListener('abort', () => resolve(), { once: true })));
    await simulator.close();
    io.err(`stopped after ${simulator.printer.receipts} receipt(s)`);
    return { ok: true };
  },
};

export const receiptCli: DeviceCliCommands = { status, 'test-print': testPrint, simulate };
