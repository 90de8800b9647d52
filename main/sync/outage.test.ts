// Issue 4, "Done when: outage": the platform unreachable for a simulated 24 hours (injected clock, no real waiting)
// while the kiosk keeps accepting; the agent backs off (breaker open, a probe now and then, not a request storm);
// when the platform returns, the backlog drains in id order and the breaker closes.
//
// The kiosk's simulated clock starts 24 h before the real time, so it ends the outage close to the platform's (real)
// clock; requests are real, over loopback, through the proxy that refuses every connection during the outage.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type FaultProxy, seededRandom, startFaultProxy } from '../../test/support/fault-proxy';
import type { Outbox } from '../outbox/outbox';
import { openTestOutbox, tempDataDir } from '../outbox/test-support/outbox-fixture';
import type { SyncAgent } from './sync-agent';
import { defaultTuning } from './sync-tuning';
import { type PlatformProcess, startPlatformProcess } from './test-support/platform-process';
import { SimulatedClock } from './test-support/simulated-clock';
import { accept, demoTransaction, runSimulated, startAgent } from './test-support/sync-fixture';

const HOUR = 3_600_000;
const OUTAGE = 24 * HOUR;
const ACCEPT_EVERY = 20 * 60_000;

let platform: PlatformProcess;
let proxy: FaultProxy;
let temp: ReturnType<typeof tempDataDir>;
let outbox: Outbox;
let agent: SyncAgent | undefined;
const clock = new SimulatedClock(Date.now() - OUTAGE - 10 * 60_000);

beforeAll(async () => {
  platform = await startPlatformProcess();
  proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: platform.port }, plan: () => ({ kind: 'reset', afterBytes: 0 }) });
  temp = tempDataDir('sync-outage-');
  outbox = await openTestOutbox(temp.dataDir, { now: () => clock.now() });
}, 90_000);

afterAll(async () => {
  await agent?.stop();
  await outbox?.close();
  await proxy?.close();
  await platform?.remove();
  temp?.remove();
});

/** Moves simulated time to `until`, letting the agent finish each step's real I/O before the next timer fires. */
async function advanceTo(until: number): Promise<void> {
  for (;;) {
    await agent?.idle();
    const next = clock.nextTimerAt();
    if (next === undefined || next > until) return clock.advanceTo(until);
    clock.advanceTo(next);
  }
}

it('keeps accepting through a 24-hour outage, then drains the backlog in id order and closes the breaker', async () => {
  // Production timings: 1 s to 5 min backoff, breaker after 5 failures, heartbeats every minute.
  agent = await startAgent({ outbox, credentials: platform.credentials, platformUrl: proxy.url, dataDir: temp.dataDir, clock, random: seededRandom(7), tuning: defaultTuning });
  const ids: string[] = [];
  const start = clock.now();
  for (let seq = 0; clock.now() - start < OUTAGE; seq++) {
    ids.push(await accept(outbox, demoTransaction(seq, seq % 3 === 0 ? [5_000 + seq] : [], clock.now())));
    agent.syncNow();
    await advanceTo(clock.now() + ACCEPT_EVERY);
  }
  expect(ids).toHaveLength(OUTAGE / ACCEPT_EVERY);
  expect(outbox.stats()).toMatchObject({ depth: ids.length, byState: { needsAttention: 0 } });
  expect(agent.status()).toMatchObject({ connection: 'offline', breaker: 'open', acknowledged: 0 });
  expect(agent.status().lastError?.message).toMatch(/no connection to the platform/);
  // Backing off: on average far less than one attempt a minute over the day (heartbeats included).
  const duringOutage = proxy.stats().requests;
  expect(duringOutage).toBeGreaterThan(24);
  expect(duringOutage).toBeLessThan(24 * 60 / 2);
  expect((await platform.transactions()).length).toBe(0);

  proxy.setPlan(() => ({ kind: 'pass' }));
  const back = clock.now();
  await runSimulated(agent, clock, () => outbox.stats().depth === 0 && agent?.status().uploadsPending === 0, 'the backlog to drain', HOUR);
  // The first probe waits out the breaker's backoff (at most its 5-minute cap); then the backlog goes at once.
  expect(clock.now() - back).toBeLessThanOrEqual(defaultTuning.backoff.capMs + 60_000);
  expect(agent.status()).toMatchObject({ connection: 'online', breaker: 'closed', consecutiveFailures: 0, acknowledged: ids.length, rejected: 0 });
  expect(outbox.stats().byState).toMatchObject({ purged: ids.length, needsAttention: 0 });

  const atPlatform = await platform.transactions();
  expect(atPlatform).toHaveLength(ids.length);
  expect(atPlatform.every((t) => t.status === 'committed')).toBe(true);
  // In id order: case numbers (issued at first receipt, one counter per day) ascend with the ids.
  const caseNumbersInIdOrder = ids.map((id) => atPlatform.find((t) => t.transactionId === id)?.caseNumber);
  expect(caseNumbersInIdOrder).toEqual([...caseNumbersInIdOrder].sort());
}, 120_000);
