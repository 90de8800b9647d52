// The agent against the real platform process over loopback HTTP, with real outbox files: the happy path, the
// answers it keeps, heartbeats and the catalog.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Outbox } from '../outbox/outbox';
import { openTestOutbox, tempDataDir } from '../outbox/test-support/outbox-fixture';
import { startFaultProxy } from '../../test/support/fault-proxy';
import { OpsTerminal } from '../../contracts/sync-api';
import { catalogDir, readCatalogFile } from './catalog-file';
import type { SyncAgent } from './sync-agent';
import { type PlatformProcess, startPlatformProcess } from './test-support/platform-process';
import { accept, demoTransaction, startAgent, waitFor } from './test-support/sync-fixture';

let platform: PlatformProcess;
let temp: ReturnType<typeof tempDataDir>;
let outbox: Outbox;
let agent: SyncAgent | undefined;

beforeAll(async () => {
  platform = await startPlatformProcess();
}, 90_000);
afterAll(async () => {
  await platform.remove();
});
beforeEach(async () => {
  temp = tempDataDir('sync-agent-');
  outbox = await openTestOutbox(temp.dataDir);
});
afterEach(async () => {
  await agent?.stop();
  agent = undefined;
  await outbox.close();
  temp.remove();
});

describe('sync agent', () => {
  it('delivers every transaction once, keeps the answers and purges the personal data', async () => {
    const sizes = (seq: number) => (seq % 3 === 0 ? [] : seq === 7 ? [600_000, 3_000] : [2_000 + seq * 100]);
    const ids: string[] = [];
    for (let seq = 0; seq < 30; seq++) ids.push(await accept(outbox, demoTransaction(seq, sizes(seq))));
    agent = await startAgent({ outbox, credentials: platform.credentials, platformUrl: platform.url, dataDir: temp.dataDir, tuning: { batchSize: 8, chunkBytes: 256 * 1024 } });
    // The counter moves once the outbox's acknowledgement (which also deletes the files) has returned: wait for both.
    await waitFor(() => outbox.stats().depth === 0 && agent?.status().acknowledged === 30, 'the queue to drain');

    expect(outbox.stats().byState).toMatchObject({ purged: 30, needsAttention: 0 });
    for (const id of ids) {
      const record = outbox.get(id);
      expect(record?.answer).toMatchObject({ caseNumber: expect.stringMatching(/^370202-\d{8}-\d{6,9}$/), outcome: 'approved', reasons: expect.any(String) });
    }
    const atPlatform = await platform.transactions();
    expect(atPlatform.map((t) => t.transactionId).sort()).toEqual([...ids].sort());
    expect(atPlatform.every((t) => t.status === 'committed' && t.attachments.complete === t.attachments.count)).toBe(true);
    // Case numbers follow id order: the backlog reached the platform in the order it was accepted.
    const byId = [...atPlatform].sort((a, b) => a.transactionId.localeCompare(b.transactionId)).map((t) => t.caseNumber);
    expect(byId).toEqual([...byId].sort());

    expect(agent.status()).toMatchObject({ connection: 'online', breaker: 'closed', acknowledged: 30, rejected: 0, lastError: null, queue: { depth: 0 } });
    expect(agent.status().lastHeartbeatAt).not.toBeNull();
  }, 90_000);

  it('reports devices, queue and versions in heartbeats, leaving out device entries that break the contract', async () => {
    await accept(outbox, demoTransaction(50));
    // A backlog the platform cannot take yet: only heartbeats get through.
    const proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: platform.port }, plan: (r) => (r.target === '/v1/heartbeats' || r.target === '/v1/catalog' ? { kind: 'pass' } : { kind: 'reset', afterBytes: 0 }) });
    try {
      agent = await startAgent({
        outbox,
        credentials: platform.credentials,
        platformUrl: proxy.url,
        dataDir: temp.dataDir,
        tuning: { heartbeatIntervalMs: 100 },
        deviceSummary: () => [
          { id: 'printer-1', class: 'receiptPrinter', state: 'online', conditions: ['paperLow'] },
          { id: 'cam era', class: 'camera', state: 'online' },
        ],
      });
      await waitFor(() => agent?.catalog() !== null, 'the catalog');
      await waitFor(async () => ((await (await platform.ops('GET', `/v1/ops/terminals/${platform.credentials.terminalId}`)).json()) as OpsTerminal).lastHeartbeat?.heartbeat.versions.catalog === '2026.11.01-1', 'a heartbeat naming the catalog');
      const terminal = OpsTerminal.parse(await (await platform.ops('GET', `/v1/ops/terminals/${platform.credentials.terminalId}`)).json());
      expect(terminal.lastHeartbeat?.heartbeat).toMatchObject({
        versions: { app: '0.1.0-test', catalog: '2026.11.01-1' },
        queue: { depth: 1, oldestPendingAgeSeconds: expect.any(Number), needsAttention: 0 },
        devices: [{ id: 'printer-1', class: 'receiptPrinter', state: 'online', conditions: ['paperLow'] }],
      });
    } finally {
      await agent?.stop();
      agent = undefined;
      await proxy.close();
    }
  }, 60_000);

  it('fetches the catalog, stores it atomically, and does not fetch it again while its ETag holds', async () => {
    agent = await startAgent({ outbox, credentials: platform.credentials, platformUrl: platform.url, dataDir: temp.dataDir });
    await waitFor(() => agent?.catalog() !== null, 'the catalog');
    const first = await readCatalogFile(temp.dataDir, platform.credentials.catalogPublicKey);
    expect(first.ok && first.catalog).toMatchObject({ version: '2026.11.01-1', etag: expect.any(String) });
    expect(JSON.parse(JSON.parse(readFileSync(path.join(catalogDir(temp.dataDir), 'catalog.json'), 'utf8')).text).items.length).toBeGreaterThan(5);
    await agent.stop();

    agent = await startAgent({ outbox, credentials: platform.credentials, platformUrl: platform.url, dataDir: temp.dataDir });
    expect(agent.catalog()?.fetchedAt).toBe(first.ok && first.catalog.fetchedAt);
    await waitFor(() => agent?.status().lastHeartbeatAt !== null, 'a heartbeat');
    await agent.idle();
    const again = await readCatalogFile(temp.dataDir, platform.credentials.catalogPublicKey);
    expect(again.ok && again.catalog.fetchedAt).toBe(first.ok && first.catalog.fetchedAt);
  }, 60_000);

  it('takes a newly published catalog at the next heartbeat, and refuses one that fails its signature', async () => {
    const proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: platform.port } });
    try {
      const events: string[] = [];
      agent = await startAgent({ outbox, credentials: platform.credentials, platformUrl: proxy.url, dataDir: temp.dataDir, tuning: { heartbeatIntervalMs: 100 } });
      agent.onCatalog((catalog) => events.push(catalog.version));
      await waitFor(() => agent?.catalog() !== null, 'the catalog');
      const current = agent.catalog()?.document;
      const version = `test-${Date.now()}`;
      const published = await platform.ops('PUT', '/v1/ops/catalog', { ...current, version });
      expect(published.status).toBe(200);
      // On the way, someone alters the catalog: same headers, other bytes.
      proxy.setPlan((request) => {
        if (request.target !== '/v1/catalog') return { kind: 'pass' };
        return { kind: 'respond', status: 200, headers: { etag: '"forged"', 'x-catalog-signature': 'ed25519:AAAA' }, body: JSON.stringify({ ...current, version }) };
      });
      await waitFor(() => /refused/.test(agent?.status().lastError?.message ?? ''), 'the forged catalog to be refused');
      expect(agent.status().lastError?.message).toMatch(new RegExp(`^catalog ${version} refused: the catalog signature does not verify`));
      expect(agent.catalog()?.version).toBe('2026.11.01-1');
      const kept = await readCatalogFile(temp.dataDir, platform.credentials.catalogPublicKey);
      expect(kept.ok && kept.catalog.version).toBe('2026.11.01-1');
      // The heartbeats tell ops what was refused and why, until a good catalog is taken.
      const lastHeartbeat = async () => ((await (await platform.ops('GET', `/v1/ops/terminals/${platform.credentials.terminalId}`)).json()) as OpsTerminal).lastHeartbeat?.heartbeat;
      await waitFor(async () => (await lastHeartbeat())?.refusals !== undefined, 'a heartbeat that reports the refusal');
      expect((await lastHeartbeat())?.refusals).toEqual({
        catalog: { version, at: expect.any(String), reason: expect.stringMatching(/^the catalog signature does not verify/) },
      });

      proxy.setPlan(() => ({ kind: 'pass' }));
      await waitFor(() => agent?.catalog()?.version === version, 'the new catalog');
      await waitFor(async () => (await lastHeartbeat())?.versions.catalog === version, 'a heartbeat naming the new catalog');
      expect((await lastHeartbeat())?.refusals).toBeUndefined();
      const stored = await readCatalogFile(temp.dataDir, platform.credentials.catalogPublicKey);
      expect(stored.ok && stored.catalog.version).toBe(version);
      expect(events).toEqual(['2026.11.01-1', version]);
    } finally {
      await agent?.stop();
      agent = undefined;
      await proxy.close();
    }
  }, 60_000);

  it('hands every transaction in hand back to the outbox when stopped mid-drain; the next agent finishes', async () => {
    const ids: string[] = [];
    for (let seq = 100; seq < 140; seq++) ids.push(await accept(outbox, demoTransaction(seq, [40_000])));
    const statuses: string[] = [];
    agent = await startAgent({ outbox, credentials: platform.credentials, platformUrl: platform.url, dataDir: temp.dataDir, tuning: { chunkBytes: 8 * 1024 } });
    agent.onStatus((status) => statuses.push(status.connection));
    await waitFor(() => (agent?.status().acknowledged ?? 0) >= 3, 'a few acknowledgements');
    await agent.stop();
    expect(agent.status().connection).toBe('stopped');
    expect(statuses.at(-1)).toBe('stopped');
    const stats = outbox.stats();
    expect(stats.byState.sending).toBe(0);
    expect(stats.depth).toBeGreaterThan(0);

    agent = await startAgent({ outbox, credentials: platform.credentials, platformUrl: platform.url, dataDir: temp.dataDir });
    await waitFor(() => outbox.stats().depth === 0, 'the rest to drain');
    const atPlatform = new Set((await platform.transactions()).map((t) => t.transactionId));
    expect(ids.every((id) => atPlatform.has(id) && outbox.get(id)?.state === 'purged')).toBe(true);
  }, 60_000);
});
