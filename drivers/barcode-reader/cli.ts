// `npm run device -- barcode …`: diagnostics for installers. `listen` prints every scan as one JSON line until Ctrl+C;
// `simulate` sends one scan down a serial line as a reader would, to test whatever listens at the other end.
import { type PortSpec, openBytePort, parsePortSpec } from '../common/byte-port';
import type { CliContext, CliResult, CliValues, DeviceCliCommands } from '../cli/cli-command';
import { BarcodeReader } from './barcode-reader';
import { HidScanSource } from './hid-scan-source';
import { describeReadError } from './scan';
import { SimulatedScan, encodeScanFrame } from './scan-encoder';
import type { ScanSource } from './scan-source';
import { DEFAULT_IDLE_GAP_MS, SerialScanSource } from './serial-scan-source';

const DEFAULT_BAUD = 9600;

function str(values: CliValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

function portSpecText(values: CliValues): string | undefined {
  const port = str(values, 'port');
  const baud = str(values, 'baud');
  if (port === undefined) return undefined;
  return baud === undefined || port.includes('@') ? port : `${port}@${baud}`;
}

/**
 * parsePortSpec, plus any absolute path as a serial port: installers and tests link socat ptys outside /dev
 * (`socat pty,link=/tmp/ttyV0 …`), which parsePortSpec refuses.
 */
function portSpecOf(text: string): PortSpec {
  const [path = '', baud] = text.split('@');
  if (path.startsWith('/') && !path.startsWith('/dev/')) {
    const baudRate = baud === undefined ? DEFAULT_BAUD : Number(baud);
    if (!Number.isInteger(baudRate) || baudRate <= 0) throw new Error(`bad baud rate in ${text}`);
    return { kind: 'serial', path, baudRate };
  }
  return parsePortSpec(text, { baudRate: DEFAULT_BAUD });
}

function parseHidIds(text: string): { vendorId: number; productId: number } | undefined {
  const match = /^(?:0x)?([0-9a-f]{4}):(?:0x)?([0-9a-f]{4})$/i.exec(text);
  return match ? { vendorId: parseInt(match[1] as string, 16), productId: parseInt(match[2] as string, 16) } : undefined;
}

function sourceOf(values: CliValues): ScanSource | string {
  const portText = portSpecText(values);
  const hid = str(values, 'hid');
  if ((portText === undefined) === (hid === undefined)) return 'give either --port P or --hid VID:PID';
  if (hid !== undefined) {
    const ids = parseHidIds(hid);
    return ids ? new HidScanSource(ids) : `bad --hid ${hid}: expected VID:PID in hex, e.g. 0c2e:0b8f`;
  }
  const gapText = str(values, 'idle-gap');
  const idleGapMs = gapText === undefined ? DEFAULT_IDLE_GAP_MS : Number(gapText);
  if (!(idleGapMs > 0)) return `bad --idle-gap ${gapText}: milliseconds, or Infinity for suffix-only framing`;
  return new SerialScanSource(portSpecOf(portText as string), { idleGapMs });
}

async function listen(values: CliValues, context: CliContext): Promise<CliResult> {
  const source = sourceOf(values);
  if (typeof source === 'string') return { ok: false, reason: source, exitCode: 2 };
  const reader = new BarcodeReader('barcode-cli', source, { aim: values['no-aim'] === true ? 'off' : 'detect' });
  const where = (): string => (reader.reason.startsWith(reader.description) ? reader.reason : `${reader.description}: ${reader.reason}`);
  await reader.start();
  if (reader.status().common.device !== 'online') {
    const reason = where();
    await reader.close();
    return { ok: false, reason };
  }
  reader.onScan((scan) => context.out(JSON.stringify(scan)));
  reader.onReadError((error) => context.err(describeReadError(error)));
  const stopStatus = reader.onEvent(() => {
    const device = reader.status().common.device;
    context.err(device === 'online' ? `${reader.description}: online` : `${device}: ${where()}`);
  });
  context.err(`listening on ${reader.description}; Ctrl+C to stop`);
  await new Promise<void>((resolve) => {
    if (context.signal.aborted) return resolve();
    context.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  stopStatus();
  await reader.close();
  return { ok: true };
}

async function simulate(values: CliValues, context: CliContext): Promise<CliResult> {
  const portText = portSpecText(values);
  if (portText === undefined) return { ok: false, reason: '--port is required', exitCode: 2 };
  const scan = SimulatedScan.safeParse({
    text: str(values, 'text'),
    symbology: str(values, 'symbology'),
    encoding: str(values, 'encoding'),
    suffix: str(values, 'suffix'),
  });
  if (!scan.success) {
    const issue = scan.error.issues[0];
    return { ok: false, reason: `--${String(issue?.path[0] ?? 'text')}: ${issue?.message ?? 'invalid'}`, exitCode: 2 };
  }
  const bytes = encodeScanFrame(scan.data);
  const port = await openBytePort(portSpecOf(portText));
  try {
    await port.write(bytes);
  } finally {
    await port.close();
  }
  context.out(JSON.stringify({ sent: bytes.length, port: port.description, hex: Buffer.from(bytes).toString('hex') }));
  return { ok: true };
}

export const barcodeCli: DeviceCliCommands = {
  listen: {
    usage: 'listen (--port P [--baud B] [--idle-gap MS] | --hid VID:PID) [--no-aim]  print each scan as a JSON line until Ctrl+C',
    options: {
      port: { type: 'string' },
      baud: { type: 'string' },
      hid: { type: 'string' },
      'idle-gap': { type: 'string' },
      'no-aim': { type: 'boolean' },
    },
    run: listen,
  },
  simulate: {
    usage: 'simulate --port P --text T [--baud B] [--symbology ]Q1] [--encoding utf8|gb18030] [--suffix cr|lf|crlf|none]  send one scan as a reader would',
    options: {
      port: { type: 'string' },
      baud: { type: 'string' },
      text: { type: 'string' },
      symbology: { type: 'string' },
      encoding: { type: 'string' },
      suffix: { type: 'string' },
    },
    run: simulate,
  },
};
