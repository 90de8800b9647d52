// `npm run simulate -- --sessions N [...]`: N scripted citizen sessions through KioskApi against simulated devices,
// each meant to end in an accepted transaction; accepted ids go to a file (see simulate-args.ts for the options).
// Exit 0 when every session ended accepted, 1 when any failed, 2 when the run could not start.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { KioskApiClient } from '../../contracts/kiosk-api-client';
import { testCardIds } from '../../drivers/idcard/simulator/test-cards';
import { SerialQueue } from '../services/serial-queue';
import { AcceptedIdsFile } from './accepted-ids-file';
import { type CitizenScript, runCitizenScript } from './citizen-script';
import { type KioskConnection, apiFileCredentials, connectToKiosk, openInProcessKiosk, urlCredentials } from './kiosk-connection';
import { type ScriptedItem, loadScriptedItems } from './scripted-items';
import { type SimulateArgs, SimulateUsageError, parseSimulateArgs, simulateUsage } from './simulate-args';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface SimulationSummary {
  sessions: number;
  /** Ids whose submit resolved ok, in the order they were written to the out file. */
  accepted: string[];
  failures: { session: number; reason: string }[];
}

/** Session `index`'s script: card types, items, page counts and materials vary from one session to the next. */
export function scriptFor(index: number, items: readonly ScriptedItem[]): CitizenScript {
  const item = items[index % items.length] as ScriptedItem;
  const materialCode = item.materialCodes.length > 0 ? item.materialCodes[index % item.materialCodes.length] : undefined;
  return { card: testCardIds[index % testCardIds.length] ?? 'resident', item, pages: 1 + (index % 2), ...(materialCode ? { materialCode } : {}) };
}

/** Runs `sessions` scripted sessions, `parallel` at a time, appending each accepted id to `out` as it comes. */
export async function runSessions(options: {
  client: KioskApiClient;
  sessions: number;
  parallel: number;
  items: readonly ScriptedItem[];
  out: string;
}): Promise<SimulationSummary> {
  const { client } = options;
  const { devices } = await client.invoke('simulation.list', {});
  const reader = devices.find((device) => device.deviceClass === 'idCardReader');
  const summary: SimulationSummary = { sessions: options.sessions, accepted: [], failures: [] };
  if (!reader) {
    for (let i = 0; i < options.sessions; i++) summary.failures.push({ session: i + 1, reason: 'the kiosk has no simulated ID card reader' });
    return summary;
  }
  const file = await AcceptedIdsFile.open(options.out);
  const cardTurn = new SerialQueue();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < options.sessions) {
      const index = next++;
      const result = await runCitizenScript(
        {
          client,
          idCardDeviceId: reader.deviceId,
          cardTurn,
          onAccepted: async (id) => {
            await file.append(id);
            summary.accepted.push(id);
          },
        },
        scriptFor(index, options.items),
      );
      if (!result.ok) summary.failures.push({ session: index + 1, reason: result.reason });
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(options.parallel, options.sessions) }, worker));
  } finally {
    await file.close();
  }
  return summary;
}

/** `simulate: 5 sessions, 4 accepted, 1 failed: 1× transaction.submit: diskFull (…)`. */
export function summaryLine(summary: SimulationSummary): string {
  const line = `simulate: ${summary.sessions} sessions, ${summary.accepted.length} accepted, ${summary.failures.length} failed`;
  if (summary.failures.length === 0) return line;
  const byReason = new Map<string, number>();
  for (const { reason } of summary.failures) byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
  return `${line}: ${[...byReason].map(([reason, n]) => `${n}× ${reason}`).join('; ')}`;
}

export interface SimulateIo {
  stdout(line: string): void;
  stderr(line: string): void;
  cwd: string;
}

const processIo: SimulateIo = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  cwd: process.cwd(),
};

export async function simulate(argv: string[], io: SimulateIo = processIo): Promise<number> {
  let args: SimulateArgs | 'help';
  try {
    args = parseSimulateArgs(argv);
  } catch (error) {
    if (!(error instanceof SimulateUsageError)) throw error;
    io.stderr(`simulate: ${error.message}\n\n${simulateUsage}`);
    return 2;
  }
  if (args === 'help') {
    io.stdout(simulateUsage);
    return 0;
  }
  const loaded = await loadScriptedItems(path.resolve(io.cwd, args.catalog ?? path.join(projectRoot, 'platform', 'catalog', 'demo-catalog.json')));
  if (!loaded.ok) {
    io.stderr(`simulate: ${loaded.error}`);
    return 2;
  }

  let temporaryDataDir: string | undefined;
  let connection: KioskConnection;
  const { target } = args;
  if (target.kind === 'inProcess') {
    if (!target.dataDir) temporaryDataDir = await mkdtemp(path.join(tmpdir(), 'simulate-kiosk-'));
    const opened = await openInProcessKiosk({ config: target.config, dataDir: target.dataDir ?? (temporaryDataDir as string), projectRoot, cwd: io.cwd });
    if (!opened.ok) {
      io.stderr(`simulate: the kiosk did not start: ${opened.error}`);
      if (temporaryDataDir) await rm(temporaryDataDir, { recursive: true, force: true });
      return 2;
    }
    connection = opened.connection;
  } else {
    const credentials = target.kind === 'apiFile' ? apiFileCredentials(path.resolve(io.cwd, target.file)) : urlCredentials(target.url, target.tokenFile && path.resolve(io.cwd, target.tokenFile));
    const connected = await connectToKiosk(credentials);
    if (!connected.ok) {
      io.stderr(`simulate: ${connected.error}`);
      return 2;
    }
    connection = connected.connection;
  }

  try {
    const summary = await runSessions({
      client: connection.client,
      sessions: args.sessions,
      parallel: args.parallel,
      items: loaded.items,
      out: path.resolve(io.cwd, args.out),
    });
    for (const failure of summary.failures) io.stderr(`session ${failure.session}: ${failure.reason}`);
    io.stdout(summaryLine(summary));
    return summary.failures.length === 0 ? 0 : 1;
  } finally {
    await connection.close();
    if (temporaryDataDir) await rm(temporaryDataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  simulate(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`simulate: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
