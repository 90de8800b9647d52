// The outbox's SQL: rows in, rows out, state changes checked against the state machine. Synchronous (better-sqlite3);
// with synchronous=FULL each write transaction is on disk when its call returns.
import type Database from 'better-sqlite3';
import type { PlatformAnswer, TransactionRecord } from './outbox-types';
import { type AttentionCause, type TransactionState, canMove, pendingStates, transactionStates } from './states';

export interface TransactionRow {
  id: string;
  kind: string;
  item_code: string;
  terminal_id: string;
  created_at: number;
  accepted_at: number;
  state: TransactionState;
  state_changed_at: number;
  attempts: number;
  last_attempt_at: number | null;
  next_attempt_at: number | null;
  last_error: string | null;
  attention_cause: AttentionCause | null;
  attention_reason: string | null;
  answer_json: string | null;
  acknowledged_at: number | null;
  purged_at: number | null;
  attachment_count: number;
  key_wrapped: Buffer | null;
  payload: Buffer | null;
}

export interface AttachmentRow {
  transaction_id: string;
  idx: number;
  file_name: string;
  label: string;
  media_type: string;
  size: number;
  sha256: string;
  plain_size: number;
  plain_sha256: string;
}

type Settable = Exclude<keyof TransactionRow, 'id' | 'state' | 'state_changed_at'>;
type SqlValue = string | number | Buffer | null;

export type MoveResult =
  | { ok: true; row: TransactionRow }
  | { ok: false; code: 'notFound'; message: string }
  | { ok: false; code: 'illegalTransition'; message: string };

const pendingList = pendingStates.map((s) => `'${s}'`).join(', ');

export class OutboxStore {
  readonly #db: Database.Database;
  readonly #updates = new Map<string, Database.Statement>();
  readonly #statements;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#statements = {
      get: db.prepare<[string], TransactionRow>('SELECT * FROM transactions WHERE id = ?'),
      attachments: db.prepare<[string], AttachmentRow>('SELECT * FROM attachments WHERE transaction_id = ? ORDER BY idx'),
      insert: db.prepare(
        `INSERT INTO transactions (id, kind, item_code, terminal_id, created_at, accepted_at, state, state_changed_at, attachment_count, key_wrapped, payload)
         VALUES (@id, @kind, @item_code, @terminal_id, @created_at, @accepted_at, 'accepted', @accepted_at, @attachment_count, @key_wrapped, @payload)`,
      ),
      insertAttachment: db.prepare(
        `INSERT INTO attachments (transaction_id, idx, file_name, label, media_type, size, sha256, plain_size, plain_sha256)
         VALUES (@transaction_id, @idx, @file_name, @label, @media_type, @size, @sha256, @plain_size, @plain_sha256)`,
      ),
      due: db.prepare<[number, number], TransactionRow>(
        "SELECT * FROM transactions WHERE state = 'accepted' AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id LIMIT ?",
      ),
      dueOfKind: db.prepare<[string, number, number], TransactionRow>(
        "SELECT * FROM transactions WHERE state = 'accepted' AND kind = ? AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id LIMIT ?",
      ),
      inState: db.prepare<[string, string, number], TransactionRow>('SELECT * FROM transactions WHERE state = ? AND id > ? ORDER BY id LIMIT ?'),
      all: db.prepare<[string, number], TransactionRow>('SELECT * FROM transactions WHERE id > ? ORDER BY id LIMIT ?'),
      idsInState: db.prepare<[string], { id: string }>('SELECT id FROM transactions WHERE state = ? ORDER BY id'),
      sendingToAccepted: db.prepare<[number]>("UPDATE transactions SET state = 'accepted', state_changed_at = ? WHERE state = 'sending'"),
      deleteAttachments: db.prepare<[string]>('DELETE FROM attachments WHERE transaction_id = ?'),
      deleteExpired: db.prepare<[number]>("DELETE FROM transactions WHERE state = 'purged' AND acknowledged_at < ?"),
      fileNames: db.prepare<[], { file_name: string }>('SELECT file_name FROM attachments'),
      maxId: db.prepare<[], { id: string | null }>('SELECT max(id) AS id FROM transactions'),
      counts: db.prepare<[], { state: TransactionState; n: number }>('SELECT state, count(*) AS n FROM transactions GROUP BY state'),
      oldestPending: db.prepare<[], { at: number | null }>(`SELECT min(accepted_at) AS at FROM transactions WHERE state IN (${pendingList})`),
    };
  }

  get(id: string): TransactionRow | undefined {
    return this.#statements.get.get(id);
  }

  attachments(id: string): AttachmentRow[] {
    return this.#statements.attachments.all(id);
  }

  /** One durable commit: the row and its attachments, or nothing. */
  insert(row: Omit<TransactionRow, 'state' | 'state_changed_at' | 'attempts' | 'last_attempt_at' | 'next_attempt_at' | 'last_error' | 'attention_cause' | 'attention_reason' | 'answer_json' | 'acknowledged_at' | 'purged_at'>, attachments: readonly AttachmentRow[]): void {
    this.#db.transaction(() => {
      this.#statements.insert.run(row);
      for (const attachment of attachments) this.#statements.insertAttachment.run(attachment);
    })();
  }

  /** Accepted rows due at `now`, in id order. */
  due(now: number, limit: number, kind?: string): TransactionRow[] {
    return kind === undefined ? this.#statements.due.all(now, limit) : this.#statements.dueOfKind.all(kind, now, limit);
  }

  /** Rows in id order after `afterId`, optionally of one state. */
  list(options: { state?: TransactionState; afterId?: string; limit: number }): TransactionRow[] {
    const after = options.afterId ?? '';
    return options.state ? this.#statements.inState.all(options.state, after, options.limit) : this.#statements.all.all(after, options.limit);
  }

  idsInState(state: TransactionState): string[] {
    return this.#statements.idsInState.all(state).map((r) => r.id);
  }

  /** Runs `work` in one transaction (one durable commit). */
  transaction<T>(work: () => T): T {
    return this.#db.transaction(work)();
  }

  /** Moves a row to `to` if the state machine allows it from its current state, setting `set` too. */
  move(id: string, to: TransactionState, now: number, set: Partial<Record<Settable, SqlValue>> = {}): MoveResult {
    return this.transaction(() => {
      const row = this.get(id);
      if (!row) return { ok: false, code: 'notFound', message: `no transaction ${id}` };
      if (!canMove(row.state, to)) return { ok: false, code: 'illegalTransition', message: `transaction ${id} is ${row.state}; it cannot become ${to}` };
      const columns = Object.keys(set).sort();
      const key = columns.join(',');
      let update = this.#updates.get(key);
      if (!update) {
        update = this.#db.prepare(
          `UPDATE transactions SET state = @state, state_changed_at = @now${columns.map((c) => `, ${c} = @${c}`).join('')} WHERE id = @id`,
        );
        this.#updates.set(key, update);
      }
      update.run({ ...set, id, state: to, now });
      return { ok: true, row: this.get(id) as TransactionRow };
    });
  }

  /** Crash recovery: a delivery in progress when the process died is retried. */
  returnSendingToAccepted(now: number): number {
    return this.#statements.sendingToAccepted.run(now).changes;
  }

  /** acknowledged → purged: forgets the wrapped key and the sealed payload (crypto-shredding) and the attachments' rows. */
  shred(id: string, now: number): { ok: true; fileNames: string[] } | MoveResult {
    return this.transaction(() => {
      const fileNames = this.attachments(id).map((a) => a.file_name);
      const moved = this.move(id, 'purged', now, { key_wrapped: null, payload: null, purged_at: now });
      if (!moved.ok) return moved;
      this.#statements.deleteAttachments.run(id);
      return { ok: true as const, fileNames };
    });
  }

  deleteExpired(acknowledgedBefore: number): number {
    return this.#statements.deleteExpired.run(acknowledgedBefore).changes;
  }

  /** Every attachment file a row refers to. */
  fileNames(): Set<string> {
    return new Set(this.#statements.fileNames.all().map((r) => r.file_name));
  }

  maxId(): string | undefined {
    return this.#statements.maxId.get()?.id ?? undefined;
  }

  counts(): Record<TransactionState, number> {
    const counts = Object.fromEntries(transactionStates.map((s) => [s, 0])) as Record<TransactionState, number>;
    for (const { state, n } of this.#statements.counts.all()) counts[state] = n;
    return counts;
  }

  oldestPendingAcceptedAt(): number | null {
    return this.#statements.oldestPending.get()?.at ?? null;
  }
}

/** A row as staff and the sync agent see it: no personal data. */
export function toRecord(row: TransactionRow): TransactionRecord {
  return {
    id: row.id,
    kind: row.kind as TransactionRecord['kind'],
    itemCode: row.item_code,
    terminalId: row.terminal_id,
    createdAt: row.created_at,
    acceptedAt: row.accepted_at,
    state: row.state,
    stateChangedAt: row.state_changed_at,
    attempts: row.attempts,
    lastAttemptAt: row.last_attempt_at,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    attention: row.attention_cause ? { cause: row.attention_cause, reason: row.attention_reason ?? '' } : null,
    answer: parseAnswer(row.answer_json),
    acknowledgedAt: row.acknowledged_at,
    purgedAt: row.purged_at,
    attachmentCount: row.attachment_count,
  };
}

function parseAnswer(json: string | null): PlatformAnswer | null {
  if (json === null) return null;
  try {
    return JSON.parse(json) as PlatformAnswer;
  } catch {
    // A damaged answer must not hide the rest of the row from staff.
    return { unreadable: true };
  }
}
