import { readFileSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outboxPaths } from './open-outbox';
import type { Outbox } from './outbox';
import { seal, unseal } from './sealing';
import { keyFiles } from './select-key-protector';
import { attachmentBytes, attachmentFileNames, openTestOutbox, sampleTransaction, tempDataDir, claim } from './test-support/outbox-fixture';
import { places } from './transaction-crypto';

let temp: ReturnType<typeof tempDataDir>;
let outbox: Outbox;

beforeEach(async () => {
  temp = tempDataDir('outbox-recovery-');
  outbox = await openTestOutbox(temp.dataDir);
});
afterEach(async () => {
  await outbox.close();
  temp.remove();
});

async function accept(seq: number, attachments = 0): Promise<string> {
  const result = await outbox.accept(sampleTransaction(seq, { attachments }));
  if (!result.ok) throw new Error(result.error.message);
  return result.id;
}

/** Closes the outbox, lets `change` work on the database file directly (as damage would), and opens it again. */
async function withDatabase(change: (db: Database.Database) => void): Promise<void> {
  await outbox.close();
  const db = new Database(outboxPaths(temp.dataDir).database);
  change(db);
  db.close();
  outbox = await openTestOutbox(temp.dataDir);
}

async function reopen(): Promise<void> {
  await outbox.close();
  outbox = await openTestOutbox(temp.dataDir);
}

const attachmentPath = (id: string, index: number) => path.join(outboxPaths(temp.dataDir).attachments, `${id}.${index}.sealed`);

describe('start-up recovery', () => {
  it('returns rows left in sending to accepted, attempts kept', async () => {
    const a = await accept(1);
    const b = await accept(2);
    claim(outbox, { limit: 2 });
    await reopen();
    expect(outbox.recovery).toMatchObject({ returnedToAccepted: 2, flagged: [] });
    expect(outbox.list().map((r) => [r.id, r.state, r.attempts])).toEqual([
      [a, 'accepted', 1],
      [b, 'accepted', 1],
    ]);
    expect(claim(outbox, { limit: 5 }).map((t) => t.id)).toEqual([a, b]);
  });

  it('removes temporary files and files no row refers to, keeping every referenced file', async () => {
    const id = await accept(1, 2);
    const dir = outboxPaths(temp.dataDir).attachments;
    writeFileSync(path.join(dir, '.tmp-0190a000-0000-7000-8000-000000000001.0.sealed'), 'half written');
    writeFileSync(path.join(dir, '0190a000-0000-7000-8000-000000000002.0.sealed'), 'never committed');
    await reopen();
    expect(outbox.recovery).toMatchObject({ tempFilesRemoved: 1, orphanFilesRemoved: 1, flagged: [] });
    expect(attachmentFileNames(temp.dataDir)).toEqual([`${id}.0.sealed`, `${id}.1.sealed`]);
  });

  it('flags a file whose hash no longer matches, keeps the file and the other rows', async () => {
    const before = await accept(1, 1);
    const damaged = await accept(2, 2);
    const after = await accept(3, 1);
    const bytes = readFileSync(attachmentPath(damaged, 1));
    bytes[100] = bytes[100]! ^ 0xff;
    writeFileSync(attachmentPath(damaged, 1), bytes);
    await reopen();
    expect(outbox.recovery.flagged).toEqual([{ id: damaged, cause: 'attachmentCorrupt', reason: 'attachment corrupt: #1 SHA-256 mismatch' }]);
    expect(outbox.get(damaged)).toMatchObject({ state: 'needsAttention', attention: { cause: 'attachmentCorrupt', reason: expect.stringMatching(/^attachment corrupt/) } });
    expect(attachmentFileNames(temp.dataDir)).toContain(`${damaged}.1.sealed`);
    expect(claim(outbox, { limit: 5 }).map((t) => t.id)).toEqual([before, after]);
  });

  it('flags truncated and missing files', async () => {
    const truncated = await accept(1, 1);
    const missing = await accept(2, 2);
    truncateSync(attachmentPath(truncated, 0), 10);
    unlinkSync(attachmentPath(missing, 0));
    await reopen();
    expect(outbox.recovery.flagged).toEqual([
      { id: truncated, cause: 'attachmentCorrupt', reason: expect.stringMatching(/^attachment corrupt: #0 is 10 bytes, \d+ recorded$/) },
      { id: missing, cause: 'attachmentCorrupt', reason: 'attachment corrupt: #0 missing' },
    ]);
  });

  it('flags corrupt rows (undecryptable payload, malformed JSON, damaged or swapped key) and carries on with the others', async () => {
    const ids = [];
    for (let seq = 1; seq <= 7; seq++) ids.push(await accept(seq));
    const [good1, flipped, malformed, noKey, good2, swapped, good3] = ids as [string, string, string, string, string, string, string];
    const deviceKey = readFileSync(keyFiles(temp.dataDir).keyFile);
    await withDatabase((db) => {
      const row = (id: string) => db.prepare<[string], { payload: Buffer; key_wrapped: Buffer }>('SELECT payload, key_wrapped FROM transactions WHERE id = ?').get(id)!;
      const set = db.prepare('UPDATE transactions SET payload = ?, key_wrapped = ? WHERE id = ?');
      const flippedPayload = Buffer.from(row(flipped).payload);
      flippedPayload[30] = flippedPayload[30]! ^ 1;
      set.run(flippedPayload, row(flipped).key_wrapped, flipped);
      // Sealed correctly, but not JSON: only the content is wrong.
      const dataKey = unseal(deviceKey, row(malformed).key_wrapped, places.dataKey(malformed))!;
      set.run(seal(dataKey, Buffer.from('{"applicantName": "unterminated'), places.payload(malformed)), row(malformed).key_wrapped, malformed);
      set.run(row(noKey).payload, row(noKey).key_wrapped.subarray(0, 20), noKey);
      set.run(row(good1).payload, row(good1).key_wrapped, swapped);
    });
    expect(outbox.recovery.flagged).toEqual([
      { id: flipped, cause: 'payloadCorrupt', reason: 'payload corrupt: undecryptable' },
      { id: malformed, cause: 'payloadCorrupt', reason: 'payload corrupt: malformed JSON' },
      { id: noKey, cause: 'payloadCorrupt', reason: 'payload corrupt: data key missing or undecryptable' },
      { id: swapped, cause: 'payloadCorrupt', reason: 'payload corrupt: data key missing or undecryptable' },
    ]);
    const claimed = claim(outbox, { limit: 10 });
    expect(claimed.map((t) => t.id)).toEqual([good1, good2, good3]);
    expect(claimed[2]?.personal).toEqual(sampleTransaction(7).personal);
    expect(outbox.list({ state: 'needsAttention' })).toHaveLength(4);
  });

  it('finishes a purge interrupted after the acknowledgement was committed', async () => {
    const id = await accept(1, 2);
    await withDatabase((db) => db.prepare("UPDATE transactions SET state = 'acknowledged', acknowledged_at = ? WHERE id = ?").run(Date.now(), id));
    expect(outbox.recovery).toMatchObject({ purged: 1, flagged: [] });
    expect(outbox.get(id)?.state).toBe('purged');
    expect(attachmentFileNames(temp.dataDir)).toEqual([]);
  });
});

describe('damage found while running', () => {
  it('flags a transaction whose attachment is damaged when the sync agent reads it', async () => {
    const id = await accept(1, 1);
    claim(outbox, { limit: 1 });
    writeFileSync(attachmentPath(id, 0), attachmentBytes(1, 0, 100));
    expect(await outbox.readAttachment(id, 0)).toMatchObject({ ok: false, error: { code: 'attachmentCorrupt' } });
    expect(outbox.get(id)).toMatchObject({ state: 'needsAttention', attention: { cause: 'attachmentCorrupt' } });
  });
});
