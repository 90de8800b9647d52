// Issue 4, "Done when: bad input" (the sync part) and item 3's clock skew: a malformed platform answer is a typed
// error that loses nothing, and a kiosk clock off by an hour either way is corrected after the first refusal.
// Real platform process and proxy; the kiosk runs on a simulated clock so its state can be inspected between steps.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Fault, type FaultProxy, seededRandom, serviceUnavailable, startFaultProxy } from '../../test/support/fault-proxy';
import type { Outbox } from '../outbox/outbox';
import { openTestOutbox, tempDataDir } from '../outbox/test-support/outbox-fixture';
import type { SyncAgent } from './sync-agent';
import { type PlatformProcess, startPlatformProcess } from './test-support/platform-process';
import { SimulatedClock } from './test-support/simulated-clock';
import { accept, demoTransaction, runSimulated, startAgent } from './test-support/sync-fixture';

const HOUR = 3_600_000;

let platform: PlatformProcess;
let proxy: FaultProxy;
let temp: ReturnType<typeof tempDataDir>;
let outbox: Outbox;
let agent: SyncAgent | undefined;
let clock: SimulatedClock;

beforeAll(async () => {
  platform = await startPlatformProcess();
  proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: platform.port } });
}, 90_000);
afterAll(async () => {
  await proxy?.close();
  await platform?.remove();
});
afterEach(async () => {
  await agent?.stop();
  agent = undefined;
  await outbox.close();
  temp.remove();
});

async function setUp(offsetMs: number): Promise<void> {
  clock = new SimulatedClock(Date.now() + offsetMs);
  temp = tempDataDir('sync-bad-');
  outbox = await openTestOutbox(temp.dataDir, { now: () => clock.now() });
}

async function drained(ids: readonly string[]): Promise<void> {
  if (!agent) throw new Error('no agent');
  await runSimulated(agent, clock, () => ids.every((id) => outbox.get(id)?.state === 'purged'), 'the transactions to be acknowledged', HOUR);
  const atPlatform = (await platform.transactions()).filter((t) => ids.includes(t.transactionId));
  expect(atPlatform.map((t) => t.transactionId).sort()).toEqual([...ids].sort());
  expect(atPlatform.every((t) => t.status === 'committed')).toBe(true);
}

describe('malformed platform answers', () => {
  beforeEach(() => setUp(0));

  it('are typed errors: retried, recorded without personal data, nothing lost or refused', async () => {
    const once = new Map<string, Fault>([
      ['POST /v1/heartbeats', { kind: 'respond', status: 200, body: '<html>Wi-Fi login</html>' }],
      ['POST /v1/transaction-batches', { kind: 'respond', status: 200, body: '{"results":[{"ok":true,"transactionId":"x"}]}' }],
      ['POST /v1/attachment-frames', { kind: 'respond', status: 200, body: '{"results":[{"ok":true,"answer":{"attachment":{"id":"a0","size":-1},"transactionStatus":"maybe"}}]}' }],
      ['GET', { kind: 'respond', status: 502, body: '<html>Bad Gateway</html>' }],
    ]);
    proxy.setPlan((request) => {
      const key = [...once.keys()].find((k) => `${request.method} ${request.target}`.startsWith(k));
      const fault = key ? once.get(key) : undefined;
      if (!key || !fault) return { kind: 'pass' };
      once.delete(key);
      return fault;
    });
    const ids = [await accept(outbox, demoTransaction(1, [4_000])), await accept(outbox, demoTransaction(2))];
    agent = await startAgent({ outbox, credentials: platform.credentials, platformUrl: proxy.url, dataDir: temp.dataDir, clock, random: seededRandom(1) });

    await agent.idle();
    expect(agent.status()).toMatchObject({ connection: 'backoff', lastError: { message: expect.stringMatching(/^heartbeat: malformed answer from the platform \(HTTP 200\): the 200 answer is not JSON/) } });
    await drained(ids);
    expect(once.size).toBe(0);
    // The batch's bad answer is on the rows, as the last error before they got through.
    for (const id of ids) expect(outbox.get(id)?.lastError).toMatch(/malformed answer from the platform \(HTTP 200\): the 200 answer does not fit the contract: results/);
    expect(agent.status()).toMatchObject({ connection: 'online', rejected: 0, queue: { needsAttention: 0 } });
  }, 60_000);
});

describe.each([
  ['ahead', HOUR],
  ['behind', -HOUR],
])('a kiosk clock an hour %s', (_name, offset) => {
  beforeEach(() => setUp(offset));

  it('is corrected after the first stale-timestamp refusal, and everything is delivered', async () => {
    const statusesBefore = proxy.stats().statuses.length;
    proxy.setPlan(() => ({ kind: 'pass' }));
    const ids = [await accept(outbox, demoTransaction(3, [2_000])), await accept(outbox, demoTransaction(4))];
    agent = await startAgent({ outbox, credentials: platform.credentials, platformUrl: proxy.url, dataDir: temp.dataDir, clock, random: seededRandom(2) });
    await drained(ids);
    // Platform minus kiosk: the opposite of the kiosk's error, to within the few real seconds the test took.
    expect(Math.abs(agent.status().clockOffsetMs + offset)).toBeLessThan(30_000);
    const statuses = proxy.stats().statuses.slice(statusesBefore);
    expect(statuses.filter((s) => s === 401)).toHaveLength(1);
    expect(statuses[0]).toBe(401);
    expect(agent.status()).toMatchObject({ connection: 'online', lastError: null });
  }, 60_000);
});

describe('503 with Retry-After', () => {
  beforeEach(() => setUp(0));

  it('holds every lane until the time the platform asked for', async () => {
    const requestsBefore = proxy.stats().requests;
    proxy.setPlan((request) => (request.request === requestsBefore + 1 ? serviceUnavailable(120) : { kind: 'pass' }));
    const ids = [await accept(outbox, demoTransaction(5, [2_000]))];
    agent = await startAgent({ outbox, credentials: platform.credentials, platformUrl: proxy.url, dataDir: temp.dataDir, clock, random: seededRandom(3) });
    const started = clock.now();
    await agent.idle();
    expect(agent.status()).toMatchObject({ connection: 'backoff', nextAttemptAt: started + 120_000, lastError: { message: expect.stringContaining('HTTP 503 unavailable') } });
    // Polls and heartbeats come due meanwhile; none of them sends.
    while ((clock.nextTimerAt() ?? Infinity) < started + 120_000) {
      clock.advanceTo(clock.nextTimerAt() ?? 0);
      await agent.idle();
    }
    expect(proxy.stats().requests - requestsBefore).toBe(1);
    await drained(ids);
    expect(clock.now()).toBeGreaterThanOrEqual(started + 120_000);
  }, 60_000);
});
