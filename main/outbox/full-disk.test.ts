// A full disk at accept time, on a real size-limited file system: the caller gets `diskFull`, nothing half-stored
// remains, and everything accepted before is intact after a restart.
import { readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outboxPaths } from './open-outbox';
import type { Outbox } from './outbox';
import type { TransactionInput } from './outbox-types';
import { attachmentBytes, claim, openTestOutbox, sampleTransaction } from './test-support/outbox-fixture';
import { type Tmpfs, mountTmpfs, probeTmpfs } from './test-support/tmpfs';

const unavailable = probeTmpfs();
const title = `full disk on a 512 KiB tmpfs${unavailable ? ` — SKIPPED: ${unavailable}` : ''}`;

describe.skipIf(unavailable !== undefined)(title, () => {
  let disk: Tmpfs;
  let outbox: Outbox | undefined;

  beforeEach(() => {
    disk = mountTmpfs('512k');
  });
  afterEach(async () => {
    await outbox?.close();
    outbox = undefined;
    disk.unmount();
  });

  /** Accepts transactions until one fails; returns the seqs and ids that succeeded and the failure. */
  async function fill(make: (seq: number) => TransactionInput) {
    const accepted: { seq: number; id: string }[] = [];
    for (let seq = 1; seq < 1_000; seq++) {
      const result = await outbox!.accept(make(seq));
      if (!result.ok) return { accepted, error: result.error };
      accepted.push({ seq, id: result.id });
    }
    throw new Error('the disk never filled');
  }

  /** After staff free space and the kiosk restarts: every accepted transaction present and whole, nothing else. */
  async function expectIntact(accepted: { seq: number; id: string }[], make: (seq: number) => TransactionInput) {
    await outbox!.close();
    disk.resize('4m');
    outbox = await openTestOutbox(disk.dir);
    expect(outbox.recovery).toMatchObject({ flagged: [], orphanFilesRemoved: 0, tempFilesRemoved: 0 });
    const claimed = claim(outbox, { limit: 1_000 });
    expect(claimed.map((t) => t.id)).toEqual(accepted.map((a) => a.id));
    for (const [i, transaction] of claimed.entries()) {
      const input = make(accepted[i]!.seq);
      expect(transaction.personal).toEqual(input.personal);
      for (const [index, attachment] of (input.attachments ?? []).entries()) {
        expect(await outbox.readAttachment(transaction.id, index)).toEqual({ ok: true, data: 'data' in attachment ? Buffer.from(attachment.data) : undefined });
      }
    }
    const expectedFiles = claimed.flatMap((t) => t.attachments.map((a) => `${t.id}.${a.index}.sealed`)).sort();
    expect(readdirSync(outboxPaths(disk.dir).attachments).sort()).toEqual(expectedFiles);
  }

  it('attachment files fill the disk (ENOSPC): accept says diskFull, leaves no file behind, earlier transactions are intact', async () => {
    outbox = await openTestOutbox(disk.dir, { minFreeBytes: 0 });
    const make = (seq: number) => sampleTransaction(seq, { attachments: 2, attachmentSize: 30_000 });
    const { accepted, error } = await fill(make);
    expect(accepted.length).toBeGreaterThan(2);
    expect(error).toEqual({ code: 'diskFull', message: 'storing the transaction: the disk is full (ENOSPC)' });
    expect(outbox.list().map((r) => r.id)).toEqual(accepted.map((a) => a.id));
    await expectIntact(accepted, make);
  });

  it('the database fills the disk (SQLITE_FULL): accept says diskFull, the row is not there, earlier ones are', async () => {
    outbox = await openTestOutbox(disk.dir, { minFreeBytes: 0 });
    const make = (seq: number) => ({ ...sampleTransaction(seq), personal: { ...sampleTransaction(seq).personal, note: attachmentBytes(seq, 0, 24_000).toString('base64') } });
    const { accepted, error } = await fill(make);
    expect(accepted.length).toBeGreaterThan(2);
    expect(error).toEqual({ code: 'diskFull', message: 'storing the transaction: the disk is full (SQLITE_FULL)' });
    expect(outbox.list().map((r) => r.id)).toEqual(accepted.map((a) => a.id));
    await expectIntact(accepted, make);
  });

  it('keeps a reserve: accept stops before the disk is full, the queue still drains, and accepting resumes', async () => {
    outbox = await openTestOutbox(disk.dir, { minFreeBytes: 160 * 1024 });
    const make = (seq: number) => sampleTransaction(seq, { attachments: 1, attachmentSize: 40_000 });
    const { accepted, error } = await fill(make);
    expect(accepted.length).toBeGreaterThan(2);
    expect(error).toMatchObject({ code: 'diskFull', message: expect.stringContaining('is kept free so queued transactions can still be delivered') });
    // The sync agent can still deliver and purge everything.
    for (const transaction of claim(outbox, { limit: 1_000 })) {
      expect(await outbox.readAttachment(transaction.id, 0)).toMatchObject({ ok: true });
      expect(await outbox.markAcknowledged(transaction.id, { caseNumber: 'C' })).toMatchObject({ ok: true, record: { state: 'purged' } });
    }
    await outbox.sweep();
    expect(readdirSync(outboxPaths(disk.dir).attachments)).toEqual([]);
    expect(await outbox.accept(make(999))).toMatchObject({ ok: true });
  });
});
