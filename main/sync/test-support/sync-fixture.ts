// Helpers for the sync agent's tests: transactions for the demo terminal, an agent with short timings, and ways to
// wait for a condition in real or in simulated time.
import { createHash } from 'node:crypto';
import { pino } from 'pino';
import type { TerminalCredentials } from '../../../contracts/sync-api';
import type { Outbox } from '../../outbox/outbox';
import type { TransactionInput } from '../../outbox/outbox-types';
import { attachmentBytes, personalValues } from '../../outbox/test-support/outbox-fixture';
import type { Clock } from '../clock';
import { SyncAgent, type SyncAgentOptions } from '../sync-agent';
import type { SyncTuning } from '../sync-tuning';
import type { SimulatedClock } from './simulated-clock';

/** The demo catalog's 参保缴费证明 item: instantly approved for a well-formed application. */
export const demoItemCode = '370200-000112013000';

/** Timings for tests on loopback: quick retries, short timeouts. */
export const fastTuning: Partial<SyncTuning> = {
  requestTimeoutMs: 2_000,
  pollIntervalMs: 50,
  heartbeatIntervalMs: 5_000,
  backoff: { baseMs: 20, capMs: 300 },
  failureThreshold: 5,
};

/** Silent unless SYNC_TEST_LOG names a level (e.g. `SYNC_TEST_LOG=info` to follow a failing test). */
export function testLogger(): SyncAgentOptions['logger'] {
  return pino({ level: process.env.SYNC_TEST_LOG ?? 'silent' });
}

/** An application for the demo terminal with attachments of the given sizes (deterministic bytes from `seq`). */
export function demoTransaction(seq: number, attachmentSizes: readonly number[] = [], createdAt = Date.now()): TransactionInput {
  const person = personalValues(seq);
  return {
    kind: 'application',
    itemCode: demoItemCode,
    terminalId: 'DEMO-0001',
    createdAt,
    personal: { applicantName: person.name, idNumber: '11010519491231002X', phone: person.phone, purpose: 'housePurchase', periodMonths: 24 },
    attachments: attachmentSizes.map((size, index) => ({ label: index === 0 ? 'id-card' : `page-${index}`, mediaType: 'image/jpeg', data: attachmentBytes(seq, index, size) })),
  };
}

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Accepts a transaction, failing the test on an error; resolves its id. */
export async function accept(outbox: Outbox, input: TransactionInput): Promise<string> {
  const result = await outbox.accept(input);
  if (!result.ok) throw new Error(`accept failed: ${result.error.code}: ${result.error.message}`);
  return result.id;
}

export function startAgent(options: {
  outbox: Outbox;
  credentials: TerminalCredentials;
  platformUrl: string;
  dataDir: string;
  clock?: Clock;
  random?: () => number;
  tuning?: Partial<SyncTuning>;
  deviceSummary?: SyncAgentOptions['deviceSummary'];
}): Promise<SyncAgent> {
  return SyncAgent.start({
    deviceSummary: () => [{ id: 'printer-1', class: 'receiptPrinter', state: 'online', conditions: ['paperLow'] }],
    versions: { app: '0.1.0-test' },
    logger: testLogger(),
    ...options,
    tuning: { ...fastTuning, ...options.tuning },
  });
}

/** Polls `condition` (real time) until it holds; throws with `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Simulated time: lets the agent finish what it is doing (real I/O), then moves the clock to the next timer, until
 * `condition` holds. Throws when simulated time passes `maxMs` from now first.
 */
export async function runSimulated(agent: SyncAgent, clock: SimulatedClock, condition: () => boolean, what: string, maxMs: number): Promise<void> {
  const deadline = clock.now() + maxMs;
  for (;;) {
    await agent.idle();
    if (condition()) return;
    const next = clock.nextTimerAt();
    if (next === undefined) throw new Error(`no timer left while waiting for ${what}`);
    if (next > deadline) throw new Error(`simulated time ran out waiting for ${what}`);
    clock.advanceTo(next);
  }
}
