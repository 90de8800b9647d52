// The kiosk's durable outbox: citizens' transactions, kept until the platform has them (see README.md here).
//
// accept() is the only way in: it resolves ok only once the transaction's files and row are on disk, so the screen
// may then say "submitted". The sync agent drives the rest: claim() hands out due transactions in id order and
// marks them `sending`; markRetry / markRejected / markAcknowledged record each outcome. Every state change is
// checked against states.ts. Made by openOutbox() (open-outbox.ts), which runs start-up recovery first.
import { readFile, stat, statfs } from 'node:fs/promises';
import type Database from 'better-sqlite3';
import { redact, redactString } from '../logging/redact';
import { type AttachmentFiles, attachmentFileName } from './attachment-files';
import { expire, purge, purgeAcknowledged, removeOrphans } from './housekeeping';
import { type AttachmentRow, type OutboxStore, toRecord } from './outbox-store';
import type {
  AcceptError,
  AcceptResult,
  ClaimResult,
  ClaimedTransaction,
  OutboxStats,
  PlatformAnswer,
  ReadAttachmentResult,
  RecoveryReport,
  SweepReport,
  TransactionInput,
  TransactionKind,
  TransactionRecord,
  TransitionResult,
} from './outbox-types';
import type { TransactionState } from './states';
import { classifyStorageError } from './storage-errors';
import { type Opened, TransactionOpener, TransactionSealer, sha256 } from './transaction-crypto';
import type { UuidV7Generator } from './uuidv7';
import { validateTransaction } from './validate-transaction';

/** Longest reason or error text kept on a row. */
const MAX_REASON = 500;

/** What openOutbox() hands the Outbox; not for other callers. */
export interface OutboxParts {
  db: Database.Database;
  store: OutboxStore;
  files: AttachmentFiles;
  deviceKey: Buffer;
  ids: UuidV7Generator;
  now: () => number;
  retentionMs: number;
  /** accept() refuses what would leave less free space than this (see OpenOutboxOptions.minFreeBytes). */
  minFreeBytes: number;
  recovery: RecoveryReport;
  /** Where the device key is held, for diagnostics. */
  keyDescription: string;
}

export class Outbox {
  /** What start-up recovery found and did; the composition root logs it. */
  readonly recovery: RecoveryReport;
  readonly keyDescription: string;
  readonly #db: Database.Database;
  readonly #store: OutboxStore;
  readonly #files: AttachmentFiles;
  readonly #deviceKey: Buffer;
  readonly #ids: UuidV7Generator;
  readonly #now: () => number;
  readonly #retentionMs: number;
  readonly #minFreeBytes: number;
  /** Transactions being accepted: their files exist before their row. */
  readonly #accepting = new Set<string>();
  readonly #inFlight = new Set<Promise<unknown>>();
  #closed = false;

  constructor(parts: OutboxParts) {
    this.recovery = parts.recovery;
    this.keyDescription = parts.keyDescription;
    this.#db = parts.db;
    this.#store = parts.store;
    this.#files = parts.files;
    this.#deviceKey = parts.deviceKey;
    this.#ids = parts.ids;
    this.#now = parts.now;
    this.#retentionMs = parts.retentionMs;
    this.#minFreeBytes = parts.minFreeBytes;
  }

  /**
   * Stores a transaction durably: attachment files sealed, written atomically and fsynced (with their directory),
   * then the row committed with synchronous=FULL. On any failure nothing of it remains and a typed error says why.
   */
  accept(input: TransactionInput): Promise<AcceptResult> {
    if (this.#closed) return Promise.resolve({ ok: false, error: { code: 'closed', message: 'the outbox is closed' } });
    const invalid = validateTransaction(input);
    if (invalid) return Promise.resolve({ ok: false, error: invalid });
    return this.#track(this.#accept(input));
  }

  async #accept(input: TransactionInput): Promise<AcceptResult> {
    const id = this.#ids.next();
    this.#accepting.add(id);
    const sealer = new TransactionSealer(id);
    const written: string[] = [];
    try {
      const short = await this.#checkFreeSpace(input);
      if (short) return fail(short);
      const attachments: AttachmentRow[] = [];
      for (const [index, attachment] of (input.attachments ?? []).entries()) {
        let plain: Uint8Array;
        if ('path' in attachment) {
          try {
            plain = await readFile(attachment.path);
          } catch (error) {
            return fail({ code: 'attachmentUnreadable', message: `attachments.${index}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
          }
        } else {
          plain = attachment.data;
        }
        const sealed = sealer.attachment(index, plain);
        const plainSize = plain.length;
        const plainSha256 = sha256(plain);
        // Our own copy of a scan read from disk: no need to keep the plaintext in memory.
        if ('path' in attachment) plain.fill(0);
        const fileName = attachmentFileName(id, index);
        written.push(fileName);
        await this.#files.write(fileName, sealed);
        attachments.push({
          transaction_id: id,
          idx: index,
          file_name: fileName,
          label: attachment.label,
          media_type: attachment.mediaType,
          size: sealed.length,
          sha256: sha256(sealed),
          plain_size: plainSize,
          plain_sha256: plainSha256,
        });
      }
      if (written.length > 0) await this.#files.sync();
      const payload = sealer.payload(input.personal);
      const acceptedAt = this.#now();
      this.#store.insert(
        {
          id,
          kind: input.kind,
          item_code: input.itemCode,
          terminal_id: input.terminalId,
          created_at: input.createdAt,
          accepted_at: acceptedAt,
          attachment_count: attachments.length,
          key_wrapped: sealer.wrappedKey(this.#deviceKey),
          payload,
        },
        attachments,
      );
      written.length = 0;
      return { ok: true, id, acceptedAt };
    } catch (error) {
      const classified = classifyStorageError(error, 'storing the transaction');
      if (!classified) throw error;
      return fail(classified);
    } finally {
      sealer.close();
      // Files of a transaction that was not committed: remove them now (recovery would, at the next start).
      if (written.length > 0) await this.#files.remove(written).catch(() => {});
      this.#accepting.delete(id);
    }
  }

  /** Refuses a transaction that would eat into the space kept free for delivering (and so purging) the queue. */
  async #checkFreeSpace(input: TransactionInput): Promise<AcceptError | undefined> {
    if (this.#minFreeBytes === 0) return undefined;
    let needed = JSON.stringify(input.personal).length * 3;
    for (const attachment of input.attachments ?? []) {
      // A file that cannot be stat'ed is reported as unreadable when it is read.
      needed += 'path' in attachment ? await stat(attachment.path).then((s) => s.size, () => 0) : attachment.data.length;
    }
    const fs = await statfs(this.#files.dir);
    const free = fs.bavail * fs.bsize;
    if (free - needed >= this.#minFreeBytes) return undefined;
    const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
    return { code: 'diskFull', message: `the disk has ${mib(free)} free; ${mib(this.#minFreeBytes)} is kept free so queued transactions can still be delivered` };
  }

  /**
   * Hands out up to `limit` due transactions (accepted, next attempt time reached) in id order, marked `sending`,
   * with their personal payload decrypted. A row whose payload does not open is moved to needsAttention instead, so
   * fewer than `limit` may come back while more are due.
   */
  claim(options: { limit: number; kind?: TransactionKind }): ClaimResult {
    this.#open();
    try {
      return { ok: true, transactions: this.#claim(options) };
    } catch (error) {
      const classified = classifyStorageError(error, 'claiming transactions');
      if (!classified) throw error;
      return { ok: false, error: classified };
    }
  }

  #claim(options: { limit: number; kind?: TransactionKind }): ClaimedTransaction[] {
    const now = this.#now();
    return this.#store.transaction(() => {
      const claimed: ClaimedTransaction[] = [];
      for (const row of this.#store.due(now, options.limit, options.kind)) {
        const opener = new TransactionOpener(this.#deviceKey, row.id, row.key_wrapped);
        const payload = opener.payload(row.payload);
        opener.close();
        if (!payload.ok) {
          this.#store.move(row.id, 'needsAttention', now, { attention_cause: 'payloadCorrupt', attention_reason: payload.reason });
          continue;
        }
        const moved = this.#store.move(row.id, 'sending', now, { attempts: row.attempts + 1, last_attempt_at: now });
        if (!moved.ok) continue;
        claimed.push({
          ...toRecord(moved.row),
          personal: payload.value,
          attachments: this.#store.attachments(row.id).map((a) => ({ index: a.idx, label: a.label, mediaType: a.media_type, size: a.plain_size, sha256: a.plain_sha256 })),
        });
      }
      return claimed;
    });
  }

  /**
   * The plaintext of one attachment, after checking the file against its recorded size and SHA-256 and opening it.
   * A damaged file moves its transaction to needsAttention (cause attachmentCorrupt).
   */
  async readAttachment(id: string, index: number): Promise<ReadAttachmentResult> {
    this.#open();
    const row = this.#store.get(id);
    const attachment = row ? this.#store.attachments(id).find((a) => a.idx === index) : undefined;
    if (!row || !attachment) return { ok: false, error: { code: 'notFound', message: `no attachment #${index} of transaction ${id}` } };
    const file = await this.#files.check(attachment);
    let opened: Opened<Buffer>;
    if (file.ok) {
      const opener = new TransactionOpener(this.#deviceKey, id, row.key_wrapped);
      opened = opener.attachment(index, file.data);
      opener.close();
    } else {
      opened = file;
    }
    if (opened.ok) return { ok: true, data: opened.value };
    // If even flagging fails (disk full), recovery flags the row at the next start.
    this.#move(id, 'needsAttention', { attention_cause: 'attachmentCorrupt', attention_reason: opened.reason });
    return { ok: false, error: { code: 'attachmentCorrupt', message: opened.reason } };
  }

  /** sending → accepted after a failed attempt: not claimed again before `nextAttemptAt`. `error`: non-personal. */
  markRetry(id: string, outcome: { error: string; nextAttemptAt: number }): TransitionResult {
    this.#open();
    return this.#move(id, 'accepted', { last_error: clean(outcome.error), next_attempt_at: outcome.nextAttemptAt });
  }

  /** sending → needsAttention: the platform refused the transaction for good. `reason`: non-personal, shown to staff. */
  markRejected(id: string, outcome: { reason: string }): TransitionResult {
    this.#open();
    return this.#move(id, 'needsAttention', { attention_cause: 'rejected', attention_reason: clean(outcome.reason) });
  }

  /**
   * sending → acknowledged → purged: records the platform's answer, then forgets the personal payload and removes the
   * attachment files. Resolves once the acknowledgement is committed; if removing files fails, sweep() or the next
   * start finishes it.
   */
  async markAcknowledged(id: string, answer: PlatformAnswer = {}): Promise<TransitionResult> {
    this.#open();
    const now = this.#now();
    const moved = this.#move(id, 'acknowledged', { answer_json: JSON.stringify(redact(answer)), acknowledged_at: now });
    if (!moved.ok) return moved;
    await this.#track(purge(this.#store, this.#files, id, now)).catch(() => {});
    const row = this.#store.get(id);
    return row ? { ok: true, record: toRecord(row) } : moved;
  }

  /** One transaction without its personal data. */
  get(id: string): TransactionRecord | undefined {
    this.#open();
    const row = this.#store.get(id);
    return row && toRecord(row);
  }

  /** Transactions in id order, a page at a time (pass the last id as `afterId`); e.g. `{ state: 'needsAttention' }` for staff. */
  list(options: { state?: TransactionState; afterId?: string; limit?: number } = {}): TransactionRecord[] {
    this.#open();
    return this.#store.list({ ...options, limit: options.limit ?? 100 }).map(toRecord);
  }

  /** Queue depth and the age of the oldest transaction still to deliver, for heartbeats and the staff screen. */
  stats(): OutboxStats {
    this.#open();
    const byState = this.#store.counts();
    const oldest = this.#store.oldestPendingAcceptedAt();
    return {
      byState,
      depth: byState.accepted + byState.sending,
      oldestPendingAcceptedAt: oldest,
      oldestPendingAgeMs: oldest === null ? null : Math.max(0, this.#now() - oldest),
    };
  }

  /**
   * Housekeeping to run now and then (say hourly): finishes interrupted purges, deletes rows past retention, removes
   * orphan files, and truncates the WAL so purged pages do not linger in it.
   */
  async sweep(): Promise<SweepReport> {
    this.#open();
    return this.#track(
      (async () => {
        const now = this.#now();
        const purged = await purgeAcknowledged(this.#store, this.#files, now);
        const expired = expire(this.#store, now, this.#retentionMs);
        const removed = await removeOrphans(this.#store, this.#files, this.#accepting);
        this.#truncateWal();
        return { purged, expired, orphanFilesRemoved: removed.temp + removed.orphans };
      })(),
    );
  }

  /** Waits for accepts and purges under way, then closes the database. Later calls to accept() resolve `closed`. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.allSettled([...this.#inFlight]);
    this.#truncateWal();
    this.#db.close();
    this.#deviceKey.fill(0);
  }

  /**
   * Copies the WAL into the database and empties it, so pages of purged rows do not linger there. Best effort: on a
   * full disk the copy cannot grow the database, and the WAL (complete and valid) simply stays until next time.
   */
  #truncateWal(): void {
    try {
      this.#db.pragma('wal_checkpoint(TRUNCATE)');
    } catch (error) {
      if (!classifyStorageError(error, 'checkpoint')) throw error;
    }
  }

  #track<T>(work: Promise<T>): Promise<T> {
    this.#inFlight.add(work);
    const done = () => this.#inFlight.delete(work);
    work.then(done, done);
    return work;
  }

  #open(): void {
    if (this.#closed) throw new Error('the outbox is closed');
  }

  #move(id: string, to: TransactionState, set: Parameters<OutboxStore['move']>[3]): TransitionResult {
    let moved;
    try {
      moved = this.#store.move(id, to, this.#now(), set);
    } catch (error) {
      const classified = classifyStorageError(error, `marking ${id} ${to}`);
      if (!classified) throw error;
      return { ok: false, error: classified };
    }
    return moved.ok ? { ok: true, record: toRecord(moved.row) } : { ok: false, error: { code: moved.code, message: moved.message } };
  }
}

function fail(error: AcceptError): AcceptResult {
  return { ok: false, error };
}

/** Reasons come from the platform or the network layer: personal data is masked, length is capped. */
function clean(text: string): string {
  return redactString(text).slice(0, MAX_REASON);
}
