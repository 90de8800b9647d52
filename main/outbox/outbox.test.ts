import { rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openOutbox, outboxPaths } from './open-outbox';
import type { Outbox } from './outbox';
import { attachmentBytes, attachmentFileNames, keyFileProtector, openTestOutbox, personalValues, sampleTransaction, tempDataDir, claim } from './test-support/outbox-fixture';
import { isUuidV7 } from './uuidv7';

const DAY = 86_400_000;
let temp: ReturnType<typeof tempDataDir>;
let now: number;
let outbox: Outbox;

beforeEach(async () => {
  temp = tempDataDir();
  now = 1_760_000_000_000;
  outbox = await openTestOutbox(temp.dataDir, { now: () => now, retentionDays: 30 });
});
afterEach(async () => {
  await outbox.close();
  temp.remove();
});

async function accepted(seq: number, options?: Parameters<typeof sampleTransaction>[1]): Promise<string> {
  const result = await outbox.accept(sampleTransaction(seq, options));
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.id;
}

describe('accept', () => {
  it('stores a transaction as accepted under a UUIDv7 id, with its metadata readable and nothing personal', async () => {
    const result = await outbox.accept(sampleTransaction(1));
    expect(result).toMatchObject({ ok: true, acceptedAt: now });
    const id = result.ok ? result.id : '';
    expect(isUuidV7(id)).toBe(true);
    const record = outbox.get(id);
    expect(record).toMatchObject({ id, kind: 'application', terminalId: 'T-0001', state: 'accepted', attempts: 0, attention: null, attachmentCount: 0 });
    expect(JSON.stringify(record)).not.toContain(personalValues(1).idNumber);
  });

  it('writes each attachment as a sealed 0600 file recorded in the row, and serves the plaintext back', async () => {
    const id = await accepted(2, { attachments: 2, attachmentSize: 5_000 });
    const files = attachmentFileNames(temp.dataDir);
    expect(files).toEqual([`${id}.0.sealed`, `${id}.1.sealed`]);
    for (const file of files) expect(statSync(path.join(outboxPaths(temp.dataDir).attachments, file)).mode & 0o777).toBe(0o600);
    const [claimed] = claim(outbox, { limit: 1 });
    expect(claimed?.attachments).toEqual([
      { index: 0, label: 'material-1', mediaType: 'image/jpeg', size: 5_000, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      { index: 1, label: 'material-2', mediaType: 'image/jpeg', size: 5_000, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    expect(await outbox.readAttachment(id, 1)).toEqual({ ok: true, data: attachmentBytes(2, 1, 5_000) });
    expect(await outbox.readAttachment(id, 7)).toMatchObject({ ok: false, error: { code: 'notFound' } });
  });

  it('reads an attachment given by path', async () => {
    const scan = path.join(temp.dataDir, 'scan.jpg');
    writeFileSync(scan, attachmentBytes(3, 0, 3_000));
    const result = await outbox.accept({ ...sampleTransaction(3), attachments: [{ label: 'scan', mediaType: 'image/jpeg', path: scan }] });
    const id = result.ok ? result.id : '';
    expect((await outbox.readAttachment(id, 0)).ok && (await outbox.readAttachment(id, 0))).toEqual({ ok: true, data: attachmentBytes(3, 0, 3_000) });
  });

  it('refuses an unreadable attachment path and leaves no row and no file', async () => {
    const result = await outbox.accept({
      ...sampleTransaction(4, { attachments: 1 }),
      attachments: [{ label: 'a', mediaType: 'image/jpeg', data: attachmentBytes(4, 0, 100) }, { label: 'b', mediaType: 'image/jpeg', path: path.join(temp.dataDir, 'missing.jpg') }],
    });
    expect(result).toEqual({ ok: false, error: { code: 'attachmentUnreadable', message: 'attachments.1: cannot read the file (ENOENT)' } });
    expect(outbox.list()).toEqual([]);
    expect(attachmentFileNames(temp.dataDir)).toEqual([]);
  });

  it('refuses invalid input naming the field, never its value', async () => {
    const bad = { ...sampleTransaction(5), terminalId: personalValues(5).idNumber + ' /' };
    const result = await outbox.accept(bad);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalidTransaction', message: expect.stringContaining('terminalId') } });
    expect(JSON.stringify(result)).not.toContain(personalValues(5).idNumber);
    expect(await outbox.accept({ ...sampleTransaction(5), personal: [] as never })).toMatchObject({ ok: false, error: { code: 'invalidTransaction' } });
    expect(await outbox.accept({ ...sampleTransaction(5), attachments: [{ label: 'x', mediaType: 'image/jpeg' } as never] })).toMatchObject({
      ok: false,
      error: { code: 'invalidTransaction', message: 'attachments.0: give either data (bytes) or path' },
    });
  });

  it('returns a typed I/O error and stores nothing when the attachment folder is gone', async () => {
    const { attachments } = outboxPaths(temp.dataDir);
    rmSync(attachments, { recursive: true });
    writeFileSync(attachments, 'not a directory');
    const result = await outbox.accept(sampleTransaction(6, { attachments: 1 }));
    expect(result).toEqual({ ok: false, error: { code: 'ioError', message: 'storing the transaction: ENOTDIR' } });
    expect(outbox.list()).toEqual([]);
  });

  it('close() waits for an accept under way, which then is durable', async () => {
    const pending = outbox.accept(sampleTransaction(8, { attachments: 2, attachmentSize: 100_000 }));
    await outbox.close();
    const result = await pending;
    expect(result).toMatchObject({ ok: true });
    outbox = await openTestOutbox(temp.dataDir);
    expect(outbox.recovery).toMatchObject({ flagged: [], orphanFilesRemoved: 0 });
    expect(outbox.get(result.ok ? result.id : '')?.state).toBe('accepted');
  });

  it('resolves `closed` after close()', async () => {
    await outbox.close();
    expect(await outbox.accept(sampleTransaction(7))).toMatchObject({ ok: false, error: { code: 'closed' } });
    outbox = await openTestOutbox(temp.dataDir);
  });
});

describe('id order and claiming', () => {
  it('hands out transactions in id (acceptance) order, by kind, up to the limit, marking them sending', async () => {
    const ids: string[] = [];
    for (let seq = 1; seq <= 12; seq++) ids.push(await accepted(seq));
    expect([...ids].sort()).toEqual(ids);
    const ratings = claim(outbox, { limit: 10, kind: 'rating' });
    expect(ratings.map((t) => t.id)).toEqual([ids[4], ids[9]]);
    const first = claim(outbox, { limit: 3 });
    expect(first.map((t) => t.id)).toEqual(ids.filter((_, i) => i !== 4 && i !== 9).slice(0, 3));
    expect(first[0]).toMatchObject({ state: 'sending', attempts: 1, lastAttemptAt: now, personal: { applicantName: personalValues(1).name } });
    expect(claim(outbox, { limit: 100 })).toHaveLength(7);
    expect(claim(outbox, { limit: 100 })).toEqual([]);
  });

  it('records retries: not claimed again before the next attempt time, attempts counted, error kept without personal data', async () => {
    const id = await accepted(1);
    claim(outbox, { limit: 1 });
    const retry = outbox.markRetry(id, { error: `HTTP 503 for ${personalValues(1).idNumber}`, nextAttemptAt: now + 60_000 });
    expect(retry).toMatchObject({ ok: true, record: { state: 'accepted', nextAttemptAt: now + 60_000, lastError: 'HTTP 503 for [ID]' } });
    expect(claim(outbox, { limit: 1 })).toEqual([]);
    now += 60_000;
    expect(claim(outbox, { limit: 1 })).toMatchObject([{ id, attempts: 2 }]);
  });
});

describe('state machine', () => {
  it('acknowledged → purged: the answer is kept, the personal data and files are gone', async () => {
    const id = await accepted(1, { attachments: 1 });
    claim(outbox, { limit: 1 });
    const result = await outbox.markAcknowledged(id, { caseNumber: 'SB2025-000123', decision: 'approved' });
    expect(result).toMatchObject({ ok: true, record: { state: 'purged', answer: { caseNumber: 'SB2025-000123', decision: 'approved' }, acknowledgedAt: now, purgedAt: now } });
    expect(attachmentFileNames(temp.dataDir)).toEqual([]);
    expect(await outbox.readAttachment(id, 0)).toMatchObject({ ok: false, error: { code: 'notFound' } });
  });

  it('rejected → needsAttention with a reason staff can read and no personal data in it', async () => {
    const id = await accepted(1);
    claim(outbox, { limit: 1 });
    const result = outbox.markRejected(id, { reason: `422 item not offered; applicant phone ${personalValues(1).phone}` });
    expect(result).toMatchObject({ ok: true, record: { state: 'needsAttention', attention: { cause: 'rejected', reason: '422 item not offered; applicant phone [PHONE]' } } });
    expect(outbox.list({ state: 'needsAttention' }).map((r) => r.id)).toEqual([id]);
  });

  it('refuses illegal moves and unknown ids, changing nothing', async () => {
    const id = await accepted(1);
    const notSent = await outbox.markAcknowledged(id);
    expect(notSent).toMatchObject({ ok: false, error: { code: 'illegalTransition', message: expect.stringContaining('is accepted; it cannot become acknowledged') } });
    expect(outbox.markRetry(id, { error: 'x', nextAttemptAt: now })).toMatchObject({ ok: false, error: { code: 'illegalTransition' } });
    expect(outbox.markRejected(id, { reason: 'x' })).toMatchObject({ ok: true });
    // needsAttention is never left by the sync agent's calls, nor claimed again.
    expect(outbox.markRetry(id, { error: 'x', nextAttemptAt: now })).toMatchObject({ ok: false, error: { code: 'illegalTransition' } });
    expect(await outbox.markAcknowledged(id)).toMatchObject({ ok: false, error: { code: 'illegalTransition' } });
    expect(claim(outbox, { limit: 10 })).toEqual([]);
    expect(outbox.markRetry('0190a000-0000-7000-8000-000000000000', { error: 'x', nextAttemptAt: now })).toMatchObject({ ok: false, error: { code: 'notFound' } });

    const other = await accepted(2);
    claim(outbox, { limit: 1 });
    await outbox.markAcknowledged(other);
    expect(outbox.markRetry(other, { error: 'x', nextAttemptAt: now })).toMatchObject({ ok: false, error: { code: 'illegalTransition' } });
    expect(await outbox.markAcknowledged(other)).toMatchObject({ ok: false, error: { code: 'illegalTransition' } });
    expect(outbox.get(other)?.state).toBe('purged');
  });
});

describe('stats and retention', () => {
  it('reports queue depth and the age of the oldest pending transaction', async () => {
    expect(outbox.stats()).toMatchObject({ depth: 0, oldestPendingAcceptedAt: null, oldestPendingAgeMs: null });
    const first = await accepted(1);
    now += 1_000;
    await accepted(2);
    await accepted(3);
    claim(outbox, { limit: 1 });
    now += 4_000;
    expect(outbox.stats()).toEqual({
      byState: { accepted: 2, sending: 1, acknowledged: 0, purged: 0, needsAttention: 0 },
      depth: 3,
      oldestPendingAcceptedAt: now - 5_000,
      oldestPendingAgeMs: 5_000,
    });
    await outbox.markAcknowledged(first);
    expect(outbox.stats()).toMatchObject({ depth: 2, oldestPendingAgeMs: 4_000, byState: { purged: 1 } });
  });

  it('deletes purged rows after retentionDays; never pending or needsAttention rows, however old', async () => {
    const done = await accepted(1);
    const waiting = await accepted(2);
    const refused = await accepted(3);
    claim(outbox, { limit: 3 });
    await outbox.markAcknowledged(done);
    outbox.markRetry(waiting, { error: 'timeout', nextAttemptAt: now });
    outbox.markRejected(refused, { reason: 'refused' });
    now += 30 * DAY - 1;
    expect(await outbox.sweep()).toEqual({ purged: 0, expired: 0, orphanFilesRemoved: 0 });
    now += 2;
    expect(await outbox.sweep()).toEqual({ purged: 0, expired: 1, orphanFilesRemoved: 0 });
    now += 3650 * DAY;
    await outbox.sweep();
    expect(outbox.list().map((r) => [r.id, r.state])).toEqual([
      [waiting, 'accepted'],
      [refused, 'needsAttention'],
    ]);
  });
});

describe('opening', () => {
  it('refuses a second opener while the outbox is open', async () => {
    const second = await openOutbox({ dataDir: temp.dataDir, keyProtector: keyFileProtector(temp.dataDir), retentionDays: 30, lockTimeoutMs: 0 });
    expect(second).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await outbox.accept(sampleTransaction(1))).toMatchObject({ ok: true });
  });

  it('keeps ids increasing across restarts even when the clock went back', async () => {
    const before = await accepted(1);
    await outbox.close();
    now -= DAY;
    outbox = await openTestOutbox(temp.dataDir, { now: () => now });
    const after = await accepted(2);
    expect(after > before).toBe(true);
    expect(outbox.list().map((r) => r.id)).toEqual([before, after]);
  });
});
