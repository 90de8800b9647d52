// `npm run device -- idcard <action>`: diagnostics for installers and branch staff.
//
//   read --port P [--baud B] [--show-pii] [--timeout S]   the next card presented, as JSON (personal fields masked)
//   status --port P [--baud B]                            whether the reader answers, and its SAM ID
//   simulate [--port P] [--card C]                        a simulated reader to try the other two against
import { createPtyPair } from '../common/pty-pair';
import { type PortSpec, parsePortSpec } from '../common/byte-port';
import { ReconnectingPort } from '../common/reconnecting-port';
import type { CliContext, CliResult, CliValues, DeviceCliCommands } from '../cli/cli-command';
import { cardJson } from './card-json';
import { IdCardReader } from './id-card-reader';
import { Ga467Simulator, type SimulatorPort } from './simulator/ga467-simulator';
import { type TestCardId, testCardIds } from './simulator/test-cards';

const DEFAULT_BAUD = 115_200;
const DEFAULT_READ_TIMEOUT_S = 10;

function fail(reason: string): CliResult {
  return { ok: false, reason };
}

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** `--port` and `--baud`. Besides what parsePortSpec takes, any absolute path is a serial line (socat links its ptys outside /dev). */
function portSpec(values: CliValues): Parsed<PortSpec> {
  const text = values.port;
  if (typeof text !== 'string' || text === '') return { ok: false, reason: '--port is required' };
  const baudRate = values.baud === undefined ? DEFAULT_BAUD : Number(values.baud);
  if (!Number.isInteger(baudRate) || baudRate <= 0) return { ok: false, reason: `bad --baud ${String(values.baud)}` };
  try {
    return { ok: true, value: parsePortSpec(text, { baudRate }) };
  } catch (error) {
    const [path = '', baud] = text.split('@');
    if (path.startsWith('/')) return { ok: true, value: { kind: 'serial', path, baudRate: baud === undefined ? baudRate : Number(baud) } };
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** A started reader, or why it is not usable; the caller closes it. */
async function openReader(spec: PortSpec): Promise<{ reader: IdCardReader; problem?: string }> {
  // One attempt: a diagnostic should say at once that the port is missing, not retry in silence.
  const port = new ReconnectingPort(spec, { retryMs: 60_000 });
  const reader = new IdCardReader({ id: 'idcard-cli', port, pollIntervalMs: 100 });
  await reader.start();
  const device = reader.status().common.device;
  if (device === 'online') return { reader };
  if (port.state.state === 'disconnected') return { reader, problem: `port not available: ${port.state.reason}` };
  if (device === 'hardwareError') {
    const info = await reader.samInfo();
    return { reader, problem: `the reader's SAM reports a fault (${info.code === 'success' ? 'status unknown' : info.message})` };
  }
  return { reader, problem: `no answer from a GA 467 reader on ${port.description} (switched on? right port and baud rate?)` };
}

async function withReader(values: CliValues, use: (reader: IdCardReader) => Promise<CliResult>): Promise<CliResult> {
  const spec = portSpec(values);
  if (!spec.ok) return fail(spec.reason);
  const { reader, problem } = await openReader(spec.value);
  try {
    return problem === undefined ? await use(reader) : fail(problem);
  } finally {
    await reader.close();
  }
}

const portOptions = { port: { type: 'string' }, baud: { type: 'string' } } as const;

async function read(values: CliValues, context: CliContext): Promise<CliResult> {
  const seconds = values.timeout === undefined ? DEFAULT_READ_TIMEOUT_S : Number(values.timeout);
  if (!Number.isFinite(seconds) || seconds <= 0) return fail(`bad --timeout ${String(values.timeout)}`);
  return withReader(values, async (reader) => {
    const completion = await reader.read({ timeoutMs: seconds * 1000, signal: context.signal });
    if (completion.code === 'success') {
      context.out(JSON.stringify(cardJson(completion.value, { showPii: values['show-pii'] === true }), null, 2));
      return { ok: true };
    }
    if (completion.code !== 'timeOut') return fail(completion.message);
    return fail(
      reader.cardPresence === 'alreadyRead'
        ? 'the card on the reader was read already: take it away and put it back'
        : `no card on the reader (waited ${seconds} s)`,
    );
  });
}

async function status(values: CliValues, context: CliContext): Promise<CliResult> {
  return withReader(values, async (reader) => {
    const info = await reader.samInfo({ signal: context.signal });
    context.out(
      JSON.stringify({ device: reader.status().common.device, samId: info.code === 'success' ? info.value.samId : null }, null, 2),
    );
    return info.code === 'success' ? { ok: true } : fail(info.message);
  });
}

async function simulate(values: CliValues, context: CliContext): Promise<CliResult> {
  const card = (values.card ?? 'resident') as TestCardId;
  if (!testCardIds.includes(card)) return fail(`unknown --card ${String(values.card)}; one of ${testCardIds.join(', ')}`);
  let devicePort: SimulatorPort & { close(): Promise<void> };
  let readerPath: string;
  let closeLine = async (): Promise<void> => {};
  if (values.port === undefined) {
    const pty = await createPtyPair();
    readerPath = pty.driverPath;
    closeLine = () => pty.close();
    const port = new ReconnectingPort({ kind: 'serial', path: pty.devicePath, baudRate: DEFAULT_BAUD });
    await port.start();
    devicePort = port;
  } else {
    const spec = portSpec(values);
    if (!spec.ok) return fail(spec.reason);
    const port = new ReconnectingPort(spec.value);
    const state = await port.start();
    if (state.state === 'disconnected') {
      await port.close();
      return fail(`cannot open ${port.description}: ${state.reason}`);
    }
    readerPath = '<the other end of the pty pair>';
    devicePort = port;
  }
  const simulator = new Ga467Simulator(devicePort);
  simulator.present(card);
  // Like a citizen who lifts the card and puts it back, so the next `idcard read` finds it again.
  let reads = 0;
  const putBack = setInterval(() => {
    if (simulator.readsServed === reads) return;
    reads = simulator.readsServed;
    simulator.present(card);
  }, 1_000);
  context.err(`GA 467 reader simulated with card "${card}"; the card is put back a second after each read. Ctrl+C stops.`);
  context.out(`reader port: ${readerPath}`);
  context.err(`try: npm run device -- idcard read --port ${readerPath}`);
  await new Promise<void>((resolve) => {
    if (context.signal.aborted) resolve();
    context.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  clearInterval(putBack);
  simulator.close();
  await devicePort.close();
  await closeLine();
  return { ok: true };
}

export const idcardCli: DeviceCliCommands = {
  read: {
    usage: 'read --port P [--baud B] [--show-pii] [--timeout S]  read the next card presented; JSON, personal fields masked',
    options: { ...portOptions, 'show-pii': { type: 'boolean' }, timeout: { type: 'string' } },
    run: read,
  },
  status: {
    usage: 'status --port P [--baud B]  whether the reader answers, and its SAM ID',
    options: portOptions,
    run: status,
  },
  simulate: {
    usage: `simulate [--port P] [--card ${testCardIds.join('|')}]  a simulated reader (on a new pty pair without --port)`,
    options: { ...portOptions, card: { type: 'string' } },
    run: simulate,
  },
};
