// The reference platform as a real process for the sync agent's tests: `platform/main.ts` (what `npm run platform`
// runs) on PGlite in a temporary folder, listening on 127.0.0.1. The kiosk reaches it only over HTTP, as in
// production; main/ never imports platform code (eslint.config.js).
//
// Creating a PGlite database takes seconds (initdb in WebAssembly), so the first start builds a template folder,
// shared by test workers through the temporary directory and keyed by the platform's schema and seed files; later
// starts copy it.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { OpsTransactionPage, type OpsTransaction, TerminalCredentials } from '../../../contracts/sync-api';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const mainScript = path.join(root, 'platform', 'main.ts');

export interface PlatformProcess {
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  port: number;
  /** The demo terminal's (DEMO-0001), provisioned by the platform at start. */
  credentials: TerminalCredentials;
  dataDir: string;
  /** Every transaction of the demo terminal, via the ops API (all pages). */
  transactions(): Promise<OpsTransaction[]>;
  /** A request to the ops API with the platform's ops token. */
  ops(method: string, target: string, body?: unknown): Promise<Response>;
  /** Stops the process (SIGTERM, then SIGKILL after 10 s). */
  stop(): Promise<void>;
  /** Stops it if running and removes its folder. */
  remove(): Promise<void>;
}

/**
 * Starts the platform on `dataDir` (a fresh copy of the template when not given). `port` 0: any free port.
 * `demoCatalog`: what a fresh platform publishes — `small` (default: the 12 items of demo-catalog.json, quick) or
 * `full` (5,000+ items, the life-event items and bundles).
 */
export async function startPlatformProcess(options: { dataDir?: string; port?: number; demoCatalog?: 'small' | 'full' } = {}): Promise<PlatformProcess> {
  let dataDir = options.dataDir;
  if (!dataDir) {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'sync-platform-'));
    await cp(await template(options.demoCatalog ?? 'small'), dataDir, { recursive: true });
  }
  const { child, url } = await spawnPlatform(dataDir, options.port ?? 0);
  const credentials = TerminalCredentials.parse(JSON.parse(await readFile(path.join(dataDir, 'terminals', 'DEMO-0001.json'), 'utf8')));
  const opsToken = (await readFile(path.join(dataDir, 'ops-token'), 'utf8')).trim();
  const stop = () => stopChild(child);
  const folder = dataDir;
  const ops = (method: string, target: string, body?: unknown) =>
    fetch(`${url}${target}`, {
      method,
      headers: { authorization: `Bearer ${opsToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return {
    url,
    port: Number(new URL(url).port),
    credentials,
    dataDir,
    async transactions() {
      const all: OpsTransaction[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `limit=200${cursor ? `&cursor=${cursor}` : ''}`;
        const response = await ops('GET', `/v1/ops/terminals/${credentials.terminalId}/transactions?${query}`);
        if (response.status !== 200) throw new Error(`ops API: HTTP ${response.status}: ${await response.text()}`);
        const page = OpsTransactionPage.parse(await response.json());
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return all;
    },
    ops,
    stop,
    async remove() {
      await stop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/**
 * SHA-256 and size of every stored attachment (keyed `<transaction id>/<attachment id>`), read from the stopped
 * platform's PGlite database (platform/storage: `<dataDir>/db/pgdata`, tables attachments and attachment_chunks).
 */
export async function storedAttachments(dataDir: string): Promise<Map<string, { size: number; sha256: string; complete: boolean }>> {
  const db = new PGlite(path.join(dataDir, 'db', 'pgdata'));
  try {
    const declared = await db.query<{ transaction_id: string; attachment_id: string; size: number; completed: boolean }>(
      'SELECT transaction_id, attachment_id, size, completed_at IS NOT NULL AS completed FROM attachments',
    );
    const chunks = await db.query<{ transaction_id: string; attachment_id: string; data: Uint8Array }>(
      'SELECT transaction_id, attachment_id, data FROM attachment_chunks ORDER BY transaction_id, attachment_id, chunk_offset',
    );
    const hashes = new Map<string, ReturnType<typeof createHash>>();
    const sizes = new Map<string, number>();
    for (const row of chunks.rows) {
      const key = `${row.transaction_id}/${row.attachment_id}`;
      if (!hashes.has(key)) hashes.set(key, createHash('sha256'));
      hashes.get(key)?.update(row.data);
      sizes.set(key, (sizes.get(key) ?? 0) + row.data.length);
    }
    const out = new Map<string, { size: number; sha256: string; complete: boolean }>();
    for (const row of declared.rows) {
      const key = `${row.transaction_id}/${row.attachment_id}`;
      out.set(key, { size: sizes.get(key) ?? 0, sha256: hashes.get(key)?.digest('hex') ?? '', complete: row.completed });
    }
    return out;
  } finally {
    await db.close();
  }
}

/** `demoCatalog` matters only for an empty data folder: a platform publishes it when it has no catalog. */
async function spawnPlatform(dataDir: string, port: number, demoCatalog: 'small' | 'full' = 'small'): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', mainScript, '--port', String(port), '--data-dir', dataDir, '--demo-catalog', demoCatalog], {
    cwd: root,
    env: { ...process.env, PLATFORM_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    let listening: string | undefined;
    const timer = setTimeout(() => reject(new Error(`the platform did not start within 60 s: ${stderr}`)), 60_000);
    lines.on('line', (line) => {
      const match = /^Platform listening on (http:\/\/\S+)/.exec(line);
      if (match?.[1]) listening = match[1];
      // The last line of the start-up report: by then it handles SIGTERM (and closes its database cleanly).
      if (!line.startsWith('OpenAPI:') || !listening) return;
      clearTimeout(timer);
      resolve(listening);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the platform exited with ${code}: ${stderr}`));
    });
  });
  return { child, url };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** A data folder of a platform started once and stopped: migrated PGlite, demo terminal, ops token. */
async function template(demoCatalog: 'small' | 'full'): Promise<string> {
  const key = createHash('sha256').update(demoCatalog);
  for (const file of ['platform/storage/migrations.ts', 'platform/terminals/provision.ts', 'platform/launch-platform.ts', 'platform/catalog/demo-catalog.json', 'platform/catalog/published-demo-catalog.ts', 'platform/catalog/life-event-items.ts']) {
    key.update(readFileSync(path.join(root, file)));
  }
  const dir = path.join(os.tmpdir(), `sync-platform-template-${key.digest('hex').slice(0, 16)}`);
  if (existsSync(path.join(dir, 'ready'))) return dir;
  const building = await mkdtemp(`${dir}-building-`);
  const { child } = await spawnPlatform(building, 0, demoCatalog);
  await stopChild(child);
  await writeFile(path.join(building, 'ready'), '');
  // Another worker may have finished first; its copy is as good as ours.
  await rename(building, dir).catch(() => rm(building, { recursive: true, force: true }));
  return dir;
}
