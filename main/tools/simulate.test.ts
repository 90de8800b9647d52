// `npm run simulate` end to end: the kiosk built by createKiosk with its real simulated devices and outbox, in
// process and through the browser host's WebSocket, with the accepted ids checked against the outbox. The kiosk is
// offline (its platform does not answer), so what was accepted stays in the outbox, attachments and all, to be checked.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiFilePath, writeApiFile } from '../browser-host/api-file';
import { startBrowserHost } from '../browser-host/browser-host';
import { openTestOutbox } from '../outbox/test-support/outbox-fixture';
import { openInProcessKiosk } from './kiosk-connection';
import { loadScriptedItems } from './scripted-items';
import { type SimulateIo, runSessions, simulate, summaryLine } from './simulate';
import { parseSimulateArgs } from './simulate-args';

const projectRoot = path.resolve(import.meta.dirname, '../..');
let dir: string;
let config: string;
let io: SimulateIo & { out: string[]; err: string[] };

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'simulate-test-'));
  // Simulated devices (the defaults) and a platform nobody listens for: the sync agent retries, nothing is delivered.
  const credentialsFile = path.join(dir, 'credentials.json');
  await writeFile(credentialsFile, JSON.stringify({ terminalId: 'DEMO-0001', secret: 'A'.repeat(43) }), { mode: 0o600 });
  config = path.join(dir, 'offline.json');
  await writeFile(config, JSON.stringify({ platform: { mode: 'remote', url: 'http://127.0.0.1:9', credentialsFile } }));
  const out: string[] = [];
  const err: string[] = [];
  io = { out, err, cwd: dir, stdout: (line) => out.push(line), stderr: (line) => err.push(line) };
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function idsIn(file: string): Promise<string[]> {
  return (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean);
}

/** The outbox holds exactly these transactions, undelivered, each with its 1-2 pages whole (PNG, hash checked). */
async function expectInOutbox(dataDir: string, ids: string[]): Promise<void> {
  const outbox = await openTestOutbox(dataDir);
  try {
    expect(outbox.stats().depth).toBe(ids.length);
    for (const id of ids) {
      const record = outbox.get(id);
      expect(record?.state).toBe('accepted');
      expect(record?.attachmentCount).toBeGreaterThanOrEqual(1);
      expect(record?.attachmentCount).toBeLessThanOrEqual(2);
      for (let index = 0; index < (record?.attachmentCount ?? 0); index++) {
        const data = await outbox.readAttachment(id, index);
        expect(data.ok && data.data.subarray(1, 4).toString()).toBe('PNG');
      }
    }
  } finally {
    await outbox.close();
  }
}

describe('npm run simulate', { timeout: 30_000 }, () => {
  it('runs 3 sessions in process, each ending in an accepted transaction recorded in the file and the outbox', async () => {
    const dataDir = path.join(dir, 'kiosk');
    const code = await simulate(['--sessions', '3', '--config', config, '--data-dir', dataDir, '--out', 'ids.txt'], io);
    expect(io.err).toEqual([]);
    expect(io.out).toEqual(['simulate: 3 sessions, 3 accepted, 0 failed']);
    expect(code).toBe(0);
    const ids = await idsIn(path.join(dir, 'ids.txt'));
    expect(ids).toHaveLength(3);
    await expectInOutbox(dataDir, ids);
  });

  it('runs sessions side by side, taking the card reader in turn', async () => {
    const dataDir = path.join(dir, 'kiosk');
    expect(await simulate(['--sessions', '4', '--parallel', '3', '--config', config, '--data-dir', dataDir, '--out', 'ids.txt'], io)).toBe(0);
    const ids = await idsIn(path.join(dir, 'ids.txt'));
    expect(new Set(ids).size).toBe(4);
    await expectInOutbox(dataDir, ids);
  });

  it('writes no id when the accept fails, and says why', async () => {
    const items = await loadScriptedItems(path.join(projectRoot, 'platform', 'catalog', 'demo-catalog.json'));
    if (!items.ok) throw new Error(items.error);
    const opened = await openInProcessKiosk({ config, dataDir: path.join(dir, 'kiosk'), projectRoot, cwd: dir });
    if (!opened.ok) throw new Error(opened.error);
    const { kiosk, client } = opened.connection;
    try {
      await kiosk.outbox.close();
      const out = path.join(dir, 'ids.txt');
      const summary = await runSessions({ client, sessions: 2, parallel: 1, items: items.items, out });
      expect(summary.accepted).toEqual([]);
      expect(summary.failures).toEqual([
        { session: 1, reason: 'transaction.submit: unavailable (the outbox is closed)' },
        { session: 2, reason: 'transaction.submit: unavailable (the outbox is closed)' },
      ]);
      expect(summaryLine(summary)).toBe('simulate: 2 sessions, 0 accepted, 2 failed: 2× transaction.submit: unavailable (the outbox is closed)');
      expect(await idsIn(out)).toEqual([]);
    } finally {
      await opened.connection.close();
    }
  });

  it('runs against a running kiosk through its API file and the WebSocket bridge', async () => {
    const dataDir = path.join(dir, 'kiosk');
    const opened = await openInProcessKiosk({ config, dataDir, projectRoot, cwd: dir });
    if (!opened.ok) throw new Error(opened.error);
    const { kiosk } = opened.connection;
    const host = await startBrowserHost({ server: kiosk.server, rendererDir: dir, logger: kiosk.logger });
    try {
      await writeApiFile(apiFilePath(kiosk.dataDir), host);
      const code = await simulate(['--sessions', '2', '--api-file', apiFilePath(kiosk.dataDir), '--out', 'ids.txt'], io);
      expect(io.err).toEqual([]);
      expect(code).toBe(0);
      const ids = await idsIn(path.join(dir, 'ids.txt'));
      expect(ids).toHaveLength(2);
      for (const id of ids) expect(kiosk.outbox.get(id)?.state).toBe('accepted');
    } finally {
      await host.close();
      await opened.connection.close();
    }
  });

  it('reports a kiosk that cannot be reached at once, with exit status 2', async () => {
    const file = path.join(dir, 'kiosk-api.json');
    await writeFile(file, JSON.stringify({ url: 'http://127.0.0.1:9/#token=x', origin: 'http://127.0.0.1:9', token: 'x' }));
    expect(await simulate(['--sessions', '1', '--api-file', file], io)).toBe(2);
    expect(io.err.join('\n')).toMatch(/^simulate: kiosk at http:\/\/127\.0\.0\.1:9: .*ECONNREFUSED/);
  });
});

describe('simulate arguments', () => {
  it('needs --sessions, and keeps in-process and remote options apart', () => {
    expect(() => parseSimulateArgs([])).toThrow('--sessions is required');
    expect(() => parseSimulateArgs(['--sessions', '0'])).toThrow('--sessions must be a whole number');
    expect(() => parseSimulateArgs(['--sessions', '1', '--parallel', '17'])).toThrow('--parallel');
    expect(() => parseSimulateArgs(['--sessions', '1', '--api-file', 'a', '--data-dir', 'd'])).toThrow('--data-dir is for the in-process kiosk');
    expect(() => parseSimulateArgs(['--sessions', '1', '--token-file', 't'])).toThrow('--token-file goes with --url');
    expect(parseSimulateArgs(['--sessions', '2'])).toEqual({ sessions: 2, parallel: 1, out: 'accepted-ids.txt', target: { kind: 'inProcess', config: 'demo' } });
    expect(parseSimulateArgs(['--sessions', '2', '--url', 'http://127.0.0.1:1/', '--token-file', 't'])).toMatchObject({
      target: { kind: 'url', url: 'http://127.0.0.1:1/', tokenFile: 't' },
    });
    expect(parseSimulateArgs(['--help'])).toBe('help');
  });
});
