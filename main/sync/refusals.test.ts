// What the agent does with transactions the platform (or the contract) refuses, against the real platform process:
// a refusal no retry can fix sends the row to needsAttention with a reason for staff, and the rest of the queue
// carries on; a damaged upload is sent again once.
import { truncateSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { outboxPaths } from '../outbox/open-outbox';
import type { Outbox } from '../outbox/outbox';
import { attachmentFileName } from '../outbox/attachment-files';
import { openTestOutbox, tempDataDir } from '../outbox/test-support/outbox-fixture';
import { syncApi } from '../../contracts/sync-api';
import { startFaultProxy } from '../../test/support/fault-proxy';
import { systemClock } from './clock';
import { toSubmitRequest } from './submit-request';
import type { SyncAgent } from './sync-agent';
import { SyncClient } from './sync-client';
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
  await platform?.remove();
});
beforeEach(async () => {
  temp = tempDataDir('sync-refusals-');
  outbox = await openTestOutbox(temp.dataDir);
});
afterEach(async () => {
  await agent?.stop();
  agent = undefined;
  await outbox.close();
  temp.remove();
});

/** The request the agent will send for a row: claimed, built, and the row put back as it was. */
function requestFor(id: string) {
  const claimed = outbox.claim({ limit: 100 });
  if (!claimed.ok) throw new Error(claimed.error.message);
  const row = claimed.transactions.find((t) => t.id === id);
  for (const t of claimed.transactions) outbox.markRetry(t.id, { error: 'test', nextAttemptAt: 0 });
  const built = row && toSubmitRequest(row);
  if (!built?.ok) throw new Error('no request');
  return built.request;
}

const client = () => new SyncClient({ platformUrl: platform.url, credentials: platform.credentials, clock: systemClock, requestTimeoutMs: 5_000 });
const start = () => startAgent({ outbox, credentials: platform.credentials, platformUrl: platform.url, dataDir: temp.dataDir });

it('sends a refused transaction to needsAttention with the reason, and delivers the others', async () => {
  const before = await accept(outbox, demoTransaction(1));
  const conflicting = await accept(outbox, demoTransaction(2));
  const invalid = await accept(outbox, { ...demoTransaction(3), personal: { ['x'.repeat(65)]: 'a field name no form has' } });
  const after = await accept(outbox, demoTransaction(4, [3_000]));
  // Someone used the id before with other content: the platform refuses it for ever (409).
  const other = requestFor(conflicting);
  expect(await client().submit({ ...other, payload: { ...other.payload, purpose: 'somethingElse' } })).toMatchObject({ ok: true });

  agent = await start();
  // The counter moves once the outbox's acknowledgement (which also deletes the files) has returned: wait for both.
  await waitFor(() => outbox.stats().depth === 0 && agent?.status().acknowledged === 2, 'the queue to settle');
  expect(outbox.get(before)?.state).toBe('purged');
  expect(outbox.get(after)?.state).toBe('purged');
  expect(outbox.get(conflicting)).toMatchObject({ state: 'needsAttention', attention: { cause: 'rejected', reason: expect.stringMatching(/^refused \(HTTP 409 idempotencyConflict\)/) } });
  // Never sent: it would not fit the contract.
  expect(outbox.get(invalid)).toMatchObject({ state: 'needsAttention', attention: { cause: 'rejected', reason: 'the transaction does not fit the sync contract (payload: invalid_key)' } });
  expect((await platform.transactions()).some((t) => t.transactionId === invalid)).toBe(false);
  expect(agent.status()).toMatchObject({ rejected: 2, acknowledged: 2, connection: 'online', queue: { needsAttention: 2 } });
}, 60_000);

it('uploads an attachment again from 0 after the platform found its bytes did not match, and delivers it', async () => {
  const id = await accept(outbox, demoTransaction(5, [50_000]));
  const request = requestFor(id);
  const c = client();
  expect(await c.submit(request)).toMatchObject({ ok: true, value: { status: 'accepted' } });
  // Half the attachment arrives damaged (a bad link, a bad proxy): the agent completes it, the hash fails, the
  // platform discards the bytes, the agent sends the whole attachment again.
  expect(await c.uploadFrames([{ target: { transactionId: id, attachmentId: 'a0', offset: 0 }, bytes: Buffer.alloc(25_000, 0xff) }])).toMatchObject({
    ok: true,
    value: { results: [{ ok: true }] },
  });

  agent = await start();
  await waitFor(() => outbox.get(id)?.state === 'purged', 'the transaction to be acknowledged');
  expect((await platform.transactions()).find((t) => t.transactionId === id)).toMatchObject({ status: 'committed', attachments: { count: 1, complete: 1 } });
  expect(agent.status().rejected).toBe(0);
}, 60_000);

it('flags a transaction whose attachment file was damaged in the outbox, and delivers the others', async () => {
  const damaged = await accept(outbox, demoTransaction(6, [8_000]));
  const fine = await accept(outbox, demoTransaction(7, [8_000]));
  truncateSync(path.join(outboxPaths(temp.dataDir).attachments, attachmentFileName(damaged, 0)), 100);
  agent = await start();
  await waitFor(() => outbox.stats().depth === 0, 'the queue to settle');
  expect(outbox.get(fine)?.state).toBe('purged');
  expect(outbox.get(damaged)).toMatchObject({ state: 'needsAttention', attention: { cause: 'attachmentCorrupt' } });
  expect(agent.status()).toMatchObject({ rejected: 1, lastError: { message: expect.stringContaining(`transaction ${damaged} needs attention`) } });
}, 60_000);

it('refuses a transaction whose attachment fails its SHA-256 at the platform twice', async () => {
  const proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: platform.port } });
  try {
    const mismatch = JSON.stringify({
      results: [{ ok: false, httpStatus: 422, error: { code: 'attachmentHashMismatch', message: 'bytes discarded', receivedBytes: 0 } }],
    });
    proxy.setPlan((request) => (request.target === syncApi.uploadFrames.path ? { kind: 'respond', status: 200, body: mismatch } : { kind: 'pass' }));
    const id = await accept(outbox, demoTransaction(8, [6_000]));
    agent = await startAgent({ outbox, credentials: platform.credentials, platformUrl: proxy.url, dataDir: temp.dataDir });
    await waitFor(() => outbox.get(id)?.state === 'needsAttention', 'the transaction to be refused');
    expect(outbox.get(id)?.attention).toEqual({ cause: 'rejected', reason: 'attachment #0 does not match its SHA-256 at the platform, also when sent again' });
    expect(proxy.stats().faults.respond).toBe(2);
  } finally {
    await agent?.stop();
    agent = undefined;
    await proxy.close();
  }
}, 60_000);
