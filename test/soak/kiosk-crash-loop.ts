// Crash safety of the whole kiosk, through real processes: a platform process, a headless kiosk process killed with
// SIGKILL (with its socat children: the process group, as a power cut would) at random moments while
// `npm run simulate` keeps citizens coming through KioskApi. After the last restart and the drain, every id the kiosk
// reported as accepted must be at the platform exactly once, committed, with its attachments verified.
//
// Used with a few kills by test/e2e/kiosk-crash-safety.test.ts and with 200 by `npm run soak`.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OpsTransactionPage } from '../../contracts/sync-api';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface CrashLoopOptions {
  kills: number;
  seed: number;
  /** Longest a kiosk lives before its kill, after it is ready; each life is uniform in [minLifeMs, maxLifeMs]. */
  minLifeMs?: number;
  maxLifeMs?: number;
  /** How long the drain after the last restart may take. */
  drainTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface CrashLoopReport {
  kills: number;
  /** Ids `simulate` was told were accepted (its out file). */
  reportedAccepted: number;
  /** Transactions the platform holds for the terminal. */
  atPlatform: number;
  /** Kills after which the load went on to get new transactions accepted: proof the load survived each restart. */
  killsFollowedByAccepts: number;
  /** Reported ids the platform does not have committed (must be empty). */
  missing: string[];
  /** Ids the platform lists more than once (must be empty). */
  duplicated: string[];
  /** Reported ids committed with fewer verified attachments than declared (must be empty). */
  incompleteAttachments: string[];
  durationMs: number;
}

/** A small seeded generator (mulberry32), so a failing run can be repeated with its seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Spawned {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Spawned {
  // Its own process group, so a kill takes the children (socat ptys of the simulated devices) with it.
  const child = spawn(command, args, { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output = (output + chunk).slice(-20_000)));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output = (output + chunk).slice(-20_000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

function killGroup(spawned: Spawned, signal: NodeJS.Signals): void {
  if (spawned.child.pid === undefined || spawned.child.exitCode !== null || spawned.child.signalCode !== null) return;
  try {
    process.kill(-spawned.child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number, spawned?: Spawned): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (spawned && spawned.child.exitCode !== null) throw new Error(`${what}: the process exited (${spawned.child.exitCode}):\n${spawned.output()}`);
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms${spawned ? `:\n${spawned.output()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function listPlatformTransactions(url: string, token: string, terminalId: string): Promise<OpsTransactionPage['items']> {
  const items: OpsTransactionPage['items'] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: '200', ...(cursor ? { cursor } : {}) });
    const response = await fetch(`${url}/v1/ops/terminals/${terminalId}/transactions?${query}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`ops API answered ${response.status}: ${await response.text()}`);
    const page = OpsTransactionPage.parse(await response.json());
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

export async function runKioskCrashLoop(options: CrashLoopOptions): Promise<CrashLoopReport> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const random = seeded(options.seed);
  const minLife = options.minLifeMs ?? 500;
  const maxLife = options.maxLifeMs ?? 4_000;
  const work = await mkdtemp(path.join(tmpdir(), 'kiosk-crash-'));
  const platformDir = path.join(work, 'platform');
  const kioskDir = path.join(work, 'kiosk');
  const idsFile = path.join(work, 'accepted-ids.txt');
  const apiFile = path.join(kioskDir, 'kiosk-api.json');
  const node = process.execPath;
  const tsx = ['--import', 'tsx'];

  const platform = start(node, [...tsx, 'platform/main.ts', '--port', '0', '--data-dir', platformDir], { PLATFORM_LOG_LEVEL: 'warn' });
  let kiosk: Spawned | undefined;
  let load: Spawned | undefined;
  try {
    const platformUrl = await waitFor('platform start', () => /Platform listening on (\S+)/.exec(platform.output())?.[1], 60_000, platform);
    const credentialsFile = path.join(platformDir, 'terminals', 'DEMO-0001.json');
    const opsToken = (await readFile(path.join(platformDir, 'ops-token'), 'utf8')).trim();
    const terminalFile = path.join(work, 'terminal.json');
    await writeFile(
      terminalFile,
      JSON.stringify({
        dataDir: kioskDir,
        terminal: { id: 'DEMO-0001' },
        platform: { mode: 'remote', url: platformUrl, credentialsFile },
        logging: { level: 'warn' },
      }),
    );

    // The API file is left in place between lives (the load tool re-reads it on reconnect); a new kiosk is ready
    // when it has rewritten it.
    const apiFileTime = () => (existsSync(apiFile) ? statSync(apiFile).mtimeMs : 0);
    const startKiosk = async (): Promise<Spawned> => {
      const before = apiFileTime();
      const spawned = start(node, ['dist/main/start.js', '--headless', '--terminal', terminalFile]);
      await waitFor('kiosk start', () => (apiFileTime() > before ? true : undefined), 60_000, spawned);
      return spawned;
    };
    const reportedIds = async (): Promise<string[]> => {
      const text = existsSync(idsFile) ? await readFile(idsFile, 'utf8') : '';
      // A line without its newline was being written when the tool stopped: it was never reported.
      return text.split('\n').slice(0, -1).filter(Boolean);
    };
    const loadAlive = (spawned: Spawned) => {
      if (spawned.child.exitCode !== null) throw new Error(`the load (npm run simulate) died:\n${spawned.output()}`);
    };

    kiosk = await startKiosk();
    // Many sessions: the tool is stopped after the last kill; it re-reads the API file to find each new kiosk.
    const citizens = start(node, [...tsx, 'main/tools/simulate.ts', '--sessions', '1000000', '--parallel', '2', '--api-file', apiFile, '--out', idsFile]);
    load = citizens;
    // No kill before the load is really running: a test whose load never got going would prove nothing.
    await waitFor('first accepted transaction', async () => ((await reportedIds()).length > 0 ? true : undefined), 120_000, citizens);

    let killsFollowedByAccepts = 0;
    let countAtKill = (await reportedIds()).length;
    for (let kill = 1; kill <= options.kills; kill++) {
      const lifeMs = minLife + random() * (maxLife - minLife);
      await new Promise((resolve) => setTimeout(resolve, lifeMs));
      loadAlive(citizens);
      const count = (await reportedIds()).length;
      if (kill > 1 && count > countAtKill) killsFollowedByAccepts++;
      countAtKill = count;
      killGroup(kiosk, 'SIGKILL');
      await kiosk.exited;
      if (kill % 10 === 0 || kill === options.kills) log(`kill ${kill}/${options.kills}: ${count} accepted so far`);
      kiosk = await startKiosk();
    }
    // Let the last kiosk serve a few more citizens, so the load's survival of the last kill is shown too.
    await waitFor('accepts after the last restart', async () => ((await reportedIds()).length > countAtKill ? true : undefined), 120_000, citizens);
    killsFollowedByAccepts++;

    // Stop the citizens, then let the last kiosk drain its outbox.
    killGroup(citizens, 'SIGTERM');
    await citizens.exited;
    const reported = await reportedIds();

    const drainTimeoutMs = options.drainTimeoutMs ?? 120_000;
    let items: OpsTransactionPage['items'] = [];
    await waitFor(
      'drain',
      async () => {
        items = await listPlatformTransactions(platformUrl, opsToken, 'DEMO-0001');
        const committed = new Set(items.filter((i) => i.status === 'committed').map((i) => i.transactionId));
        return reported.every((id) => committed.has(id)) ? true : undefined;
      },
      drainTimeoutMs,
    ).catch(() => undefined);

    const counts = new Map<string, number>();
    for (const item of items) counts.set(item.transactionId, (counts.get(item.transactionId) ?? 0) + 1);
    const byId = new Map(items.map((i) => [i.transactionId, i]));
    return {
      kills: options.kills,
      reportedAccepted: reported.length,
      atPlatform: items.length,
      killsFollowedByAccepts,
      missing: reported.filter((id) => byId.get(id)?.status !== 'committed'),
      duplicated: [...counts].filter(([, n]) => n > 1).map(([id]) => id),
      incompleteAttachments: reported.filter((id) => {
        const item = byId.get(id);
        return item !== undefined && item.attachments.complete !== item.attachments.count;
      }),
      durationMs: Date.now() - started,
    };
  } finally {
    if (load) killGroup(load, 'SIGKILL');
    if (kiosk) killGroup(kiosk, 'SIGTERM');
    await kiosk?.exited;
    killGroup(platform, 'SIGTERM');
    await platform.exited;
    await rm(work, { recursive: true, force: true });
  }
}
