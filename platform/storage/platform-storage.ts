// The platform's one data-access layer: every SQL statement the platform runs is here, on a SqlClient (PGlite or
// PostgreSQL). `storage.q` runs statements on their own; `storage.transaction(q => …)` runs several atomically.
import { openPgliteClient } from './pglite-client';
import { openPostgresClient } from './postgres-client';
import { migrate } from './migrations';
import { CertificateQueries } from './certificate-queries';
import { OpsQueries } from './ops-queries';
import { FleetQueries } from './fleet-queries';
import { withDailyCounts } from './daily-summary';
import type { SearchCount } from '../../contracts/search-counts';
import type { SqlClient, SqlExecutor } from './sql-client';

export type StorageOptions =
  /** Embedded PGlite in `dataDir` (created when missing); without dataDir, in memory. */
  | { kind: 'pglite'; dataDir?: string }
  /** PostgreSQL at a libpq URL; the caller reads DATABASE_URL, the storage never reads the environment. */
  | { kind: 'postgres'; url: string; poolSize?: number };

export interface TerminalRecord {
  terminalId: string;
  /** base64url of the 32-byte HMAC key. */
  secret: string;
  name: string;
  /** 行政区划代码: the first part of the terminal's case numbers. */
  region: string;
  enabled: boolean;
  createdAt: Date;
}

export interface TransactionRecord {
  terminalId: string;
  transactionId: string;
  requestHash: string;
  kind: string;
  itemCode: string;
  caseNumber: string;
  createdAt: Date;
  receivedAt: Date;
  payload: Record<string, unknown>;
  materialsFromSharedData: string[];
  committedAt: Date | null;
  decision: unknown;
  /** The committed answer's exact text. */
  answer: string | null;
}

export interface NewAttachment {
  attachmentId: string;
  size: number;
  sha256: string;
  contentType: string;
  materialCode: string | null;
}

export interface AttachmentRecord extends NewAttachment {
  position: number;
  receivedBytes: number;
  completedAt: Date | null;
}

export interface CatalogRecord {
  version: string;
  etag: string;
  body: string;
  publishedAt: Date;
}

/** The rating (好差评) that counts for a case: the first one delivered. */
export interface RatingRecord {
  caseNumber: string;
  /** The rating transaction. */
  terminalId: string;
  transactionId: string;
  level: number;
  reasons: string[];
  ratedAt: Date;
}

export interface TransactionSummary {
  transactionId: string;
  kind: string;
  itemCode: string;
  caseNumber: string;
  createdAt: Date;
  receivedAt: Date;
  committedAt: Date | null;
  outcome: string | null;
  attachmentCount: number;
  attachmentsComplete: number;
}

type Row = Record<string, unknown>;

const iso = (date: Date): string => date.toISOString();

function transactionFromRow(r: Row): TransactionRecord {
  return {
    terminalId: r.terminal_id as string,
    transactionId: r.transaction_id as string,
    requestHash: r.request_hash as string,
    kind: r.kind as string,
    itemCode: r.item_code as string,
    caseNumber: r.case_number as string,
    createdAt: r.created_at as Date,
    receivedAt: r.received_at as Date,
    payload: r.payload as Record<string, unknown>,
    materialsFromSharedData: r.materials_from_shared_data as string[],
    committedAt: (r.committed_at as Date | null) ?? null,
    decision: r.decision ?? null,
    answer: (r.answer as string | null) ?? null,
  };
}

function attachmentFromRow(r: Row): AttachmentRecord {
  return {
    attachmentId: r.attachment_id as string,
    position: r.position as number,
    size: r.size as number,
    sha256: r.sha256 as string,
    contentType: r.content_type as string,
    materialCode: (r.material_code as string | null) ?? null,
    receivedBytes: r.received_bytes as number,
    completedAt: (r.completed_at as Date | null) ?? null,
  };
}

/** The statements, on a connection or inside a transaction. */
export class Queries {
  readonly #db: SqlExecutor;

  constructor(db: SqlExecutor) {
    this.#db = db;
  }

  /** Certificates (certificate-queries.ts), on the same connection or transaction. */
  get certificates(): CertificateQueries {
    return new CertificateQueries(this.#db);
  }

  // ---- terminals and nonces ----

  async getTerminal(terminalId: string): Promise<TerminalRecord | undefined> {
    const { rows } = await this.#db.query('SELECT * FROM terminals WHERE terminal_id = $1', [terminalId]);
    const r = rows[0];
    if (!r) return undefined;
    return {
      terminalId: r.terminal_id as string,
      secret: r.secret as string,
      name: r.name as string,
      region: r.region as string,
      enabled: r.enabled as boolean,
      createdAt: r.created_at as Date,
    };
  }

  /** False when the terminal exists already (it is left as it is). */
  async insertTerminal(t: Omit<TerminalRecord, 'enabled'>): Promise<boolean> {
    const { rowCount } = await this.#db.query(
      `INSERT INTO terminals (terminal_id, secret, name, region, created_at) VALUES ($1, $2, $3, $4, $5::timestamptz)
       ON CONFLICT (terminal_id) DO NOTHING`,
      [t.terminalId, t.secret, t.name, t.region, iso(t.createdAt)],
    );
    return rowCount === 1;
  }

  async setTerminalEnabled(terminalId: string, enabled: boolean): Promise<void> {
    await this.#db.query('UPDATE terminals SET enabled = $2 WHERE terminal_id = $1', [terminalId, enabled]);
  }

  /**
   * Records a nonce; false when it was seen before (a replay). Inside a storage transaction, the commit does not wait
   * for the disk: a nonce lost in a crash only reopens a replay window of a few minutes on endpoints that are
   * idempotent anyway (submits, offset-checked chunks), and it saves every request a disk flush.
   */
  async rememberNonce(terminalId: string, nonce: string, expiresAt: Date): Promise<boolean> {
    await this.#db.query('SET LOCAL synchronous_commit TO OFF');
    const { rowCount } = await this.#db.query(
      `INSERT INTO auth_nonces (terminal_id, nonce, expires_at) VALUES ($1, $2, $3::timestamptz)
       ON CONFLICT (terminal_id, nonce) DO NOTHING`,
      [terminalId, nonce, iso(expiresAt)],
    );
    return rowCount === 1;
  }

  async forgetNoncesBefore(time: Date): Promise<number> {
    const { rowCount } = await this.#db.query('DELETE FROM auth_nonces WHERE expires_at < $1::timestamptz', [iso(time)]);
    return rowCount;
  }

  // ---- transactions ----

  /** The next number of a region's day; the row lock serialises concurrent submits of that region and day. */
  async nextCaseSequence(region: string, day: string): Promise<number> {
    const { rows } = await this.#db.query<{ last_value: number }>(
      `INSERT INTO case_sequences (region, day, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (region, day) DO UPDATE SET last_value = case_sequences.last_value + 1
       RETURNING last_value`,
      [region, day],
    );
    return (rows[0] as { last_value: number }).last_value;
  }

  /** False when (terminal, transaction id) exists already: nothing is written (or counted) then. */
  async insertTransaction(t: Omit<TransactionRecord, 'committedAt' | 'decision' | 'answer'>, attachments: readonly NewAttachment[]): Promise<boolean> {
    const { rows } = await this.#db.query<{ inserted: number }>(
      withDailyCounts(`INSERT INTO transactions (terminal_id, transaction_id, request_hash, kind, item_code, case_number, created_at,
         received_at, payload, materials_from_shared_data)
       VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz, $8::timestamptz, $9::jsonb, $10::jsonb)
       ON CONFLICT (terminal_id, transaction_id) DO NOTHING
       RETURNING terminal_id, kind, item_code, created_at, payload`, t.kind),
      [
        t.terminalId,
        t.transactionId,
        t.requestHash,
        t.kind,
        t.itemCode,
        t.caseNumber,
        iso(t.createdAt),
        iso(t.receivedAt),
        JSON.stringify(t.payload),
        JSON.stringify(t.materialsFromSharedData),
      ],
    );
    if (rows[0]?.inserted !== 1) return false;
    for (const [position, a] of attachments.entries()) {
      await this.#db.query(
        `INSERT INTO attachments (terminal_id, transaction_id, attachment_id, position, size, sha256, content_type, material_code)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [t.terminalId, t.transactionId, a.attachmentId, position, a.size, a.sha256, a.contentType, a.materialCode],
      );
    }
    return true;
  }

  /** With `forUpdate`, the row stays locked to the end of the enclosing transaction. */
  async getTransaction(terminalId: string, transactionId: string, options: { forUpdate?: boolean } = {}): Promise<TransactionRecord | undefined> {
    const { rows } = await this.#db.query(
      `SELECT * FROM transactions WHERE terminal_id = $1 AND transaction_id = $2${options.forUpdate ? ' FOR UPDATE' : ''}`,
      [terminalId, transactionId],
    );
    return rows[0] ? transactionFromRow(rows[0]) : undefined;
  }

  async getTransactionByCaseNumber(caseNumber: string): Promise<TransactionRecord | undefined> {
    const { rows } = await this.#db.query('SELECT * FROM transactions WHERE case_number = $1', [caseNumber]);
    return rows[0] ? transactionFromRow(rows[0]) : undefined;
  }

  /** By its id alone (a receipt code), whichever terminal sent it; undefined unless exactly one holds it. */
  async getTransactionById(transactionId: string): Promise<TransactionRecord | undefined> {
    const { rows } = await this.#db.query('SELECT * FROM transactions WHERE transaction_id = $1 LIMIT 2', [transactionId]);
    return rows.length === 1 && rows[0] ? transactionFromRow(rows[0]) : undefined;
  }

  /** Records a case's rating (好差评); false when the case has one already (the first stands). */
  async insertRating(r: RatingRecord): Promise<boolean> {
    const { rowCount } = await this.#db.query(
      `INSERT INTO case_ratings (case_number, terminal_id, transaction_id, level, reasons, rated_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::timestamptz) ON CONFLICT (case_number) DO NOTHING`,
      [r.caseNumber, r.terminalId, r.transactionId, r.level, JSON.stringify(r.reasons), iso(r.ratedAt)],
    );
    return rowCount === 1;
  }

  async getRating(caseNumber: string): Promise<RatingRecord | undefined> {
    const { rows } = await this.#db.query('SELECT * FROM case_ratings WHERE case_number = $1', [caseNumber]);
    const r = rows[0];
    if (!r) return undefined;
    return {
      caseNumber: r.case_number as string,
      terminalId: r.terminal_id as string,
      transactionId: r.transaction_id as string,
      level: r.level as number,
      reasons: r.reasons as string[],
      ratedAt: r.rated_at as Date,
    };
  }

  /** Sets the final answer; false when the transaction was committed already. */
  async commitTransaction(terminalId: string, transactionId: string, committedAt: Date, decision: unknown, answer: string): Promise<boolean> {
    const { rowCount } = await this.#db.query(
      `UPDATE transactions SET committed_at = $3::timestamptz, decision = $4::jsonb, answer = $5
       WHERE terminal_id = $1 AND transaction_id = $2 AND committed_at IS NULL`,
      [terminalId, transactionId, iso(committedAt), decision === undefined ? null : JSON.stringify(decision), answer],
    );
    return rowCount === 1;
  }

  /** A terminal's transactions, newest (highest UUIDv7) first, those below `beforeId` when given. */
  async listTransactions(terminalId: string, options: { limit: number; beforeId?: string }): Promise<TransactionSummary[]> {
    const { rows } = await this.#db.query(
      `SELECT t.transaction_id, t.kind, t.item_code, t.case_number, t.created_at, t.received_at, t.committed_at,
         t.decision ->> 'outcome' AS outcome,
         (SELECT count(*)::integer FROM attachments a WHERE a.terminal_id = t.terminal_id AND a.transaction_id = t.transaction_id) AS attachment_count,
         (SELECT count(*)::integer FROM attachments a WHERE a.terminal_id = t.terminal_id AND a.transaction_id = t.transaction_id
            AND a.completed_at IS NOT NULL) AS attachments_complete
       FROM transactions t
       WHERE t.terminal_id = $1 AND ($2::text IS NULL OR t.transaction_id < $2::text)
       ORDER BY t.transaction_id DESC
       LIMIT $3`,
      [terminalId, options.beforeId ?? null, options.limit],
    );
    return rows.map((r) => ({
      transactionId: r.transaction_id as string,
      kind: r.kind as string,
      itemCode: r.item_code as string,
      caseNumber: r.case_number as string,
      createdAt: r.created_at as Date,
      receivedAt: r.received_at as Date,
      committedAt: (r.committed_at as Date | null) ?? null,
      outcome: (r.outcome as string | null) ?? null,
      attachmentCount: r.attachment_count as number,
      attachmentsComplete: r.attachments_complete as number,
    }));
  }

  // ---- attachments ----

  async listAttachments(terminalId: string, transactionId: string): Promise<AttachmentRecord[]> {
    const { rows } = await this.#db.query('SELECT * FROM attachments WHERE terminal_id = $1 AND transaction_id = $2 ORDER BY position', [
      terminalId,
      transactionId,
    ]);
    return rows.map(attachmentFromRow);
  }

  async getAttachment(terminalId: string, transactionId: string, attachmentId: string, options: { forUpdate?: boolean } = {}): Promise<AttachmentRecord | undefined> {
    const { rows } = await this.#db.query(
      `SELECT * FROM attachments WHERE terminal_id = $1 AND transaction_id = $2 AND attachment_id = $3${options.forUpdate ? ' FOR UPDATE' : ''}`,
      [terminalId, transactionId, attachmentId],
    );
    return rows[0] ? attachmentFromRow(rows[0]) : undefined;
  }

  /**
   * Stores a chunk at `offset` and moves the received length to its end. Bytes travel as base64 text, decoded by the
   * database: several times faster than bytea parameters on PGlite, and more compact than pg's hex on PostgreSQL.
   */
  async appendChunk(terminalId: string, transactionId: string, attachmentId: string, offset: number, data: Uint8Array): Promise<void> {
    await this.#db.query(
      `INSERT INTO attachment_chunks (terminal_id, transaction_id, attachment_id, chunk_offset, data)
       VALUES ($1, $2, $3, $4, decode($5, 'base64'))`,
      [terminalId, transactionId, attachmentId, offset, Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64')],
    );
    await this.#db.query('UPDATE attachments SET received_bytes = $4 WHERE terminal_id = $1 AND transaction_id = $2 AND attachment_id = $3', [
      terminalId,
      transactionId,
      attachmentId,
      offset + data.byteLength,
    ]);
  }

  /** The stored chunks in order, a few at a time (an attachment can be tens of megabytes); those before `end` if given. */
  async *readChunks(terminalId: string, transactionId: string, attachmentId: string, end: number = Number.MAX_SAFE_INTEGER): AsyncGenerator<Uint8Array> {
    let from = 0;
    while (from < end) {
      const { rows } = await this.#db.query<{ chunk_offset: number; data: string }>(
        `SELECT chunk_offset, encode(data, 'base64') AS data FROM attachment_chunks
         WHERE terminal_id = $1 AND transaction_id = $2 AND attachment_id = $3 AND chunk_offset >= $4 AND chunk_offset < $5
         ORDER BY chunk_offset LIMIT 8`,
        [terminalId, transactionId, attachmentId, from, Math.min(end, 2 ** 31 - 1)],
      );
      if (rows.length === 0) return;
      for (const row of rows) {
        yield Buffer.from(row.data, 'base64');
        from = row.chunk_offset + 1;
      }
    }
  }

  async markAttachmentComplete(terminalId: string, transactionId: string, attachmentId: string, at: Date): Promise<void> {
    await this.#db.query(
      'UPDATE attachments SET completed_at = $4::timestamptz WHERE terminal_id = $1 AND transaction_id = $2 AND attachment_id = $3',
      [terminalId, transactionId, attachmentId, iso(at)],
    );
  }

  /** Drops what was received, so the upload starts again from 0. */
  async resetAttachment(terminalId: string, transactionId: string, attachmentId: string): Promise<void> {
    await this.#db.query('DELETE FROM attachment_chunks WHERE terminal_id = $1 AND transaction_id = $2 AND attachment_id = $3', [
      terminalId,
      transactionId,
      attachmentId,
    ]);
    await this.#db.query(
      'UPDATE attachments SET received_bytes = 0, completed_at = NULL WHERE terminal_id = $1 AND transaction_id = $2 AND attachment_id = $3',
      [terminalId, transactionId, attachmentId],
    );
  }

  // ---- heartbeats ----

  async insertHeartbeat(terminalId: string, receivedAt: Date, body: unknown): Promise<void> {
    await this.#db.query('INSERT INTO heartbeats (terminal_id, received_at, body) VALUES ($1, $2::timestamptz, $3::jsonb)', [
      terminalId,
      iso(receivedAt),
      JSON.stringify(body),
    ]);
  }

  /** Hot-search day totals of a terminal: the highest total of a (day, query) stands. */
  async recordSearchCounts(terminalId: string, counts: readonly SearchCount[]): Promise<void> {
    await this.#db.query(
      `INSERT INTO search_counts (day, terminal_id, query, count)
       SELECT c.day::date, $1, c.query, c.count FROM jsonb_to_recordset($2::jsonb) AS c (day text, query text, count integer)
       ON CONFLICT (day, terminal_id, query) DO UPDATE SET count = GREATEST(search_counts.count, excluded.count)`,
      [terminalId, JSON.stringify(counts)],
    );
  }

  async latestHeartbeat(terminalId: string): Promise<{ receivedAt: Date; body: unknown } | undefined> {
    const { rows } = await this.#db.query('SELECT received_at, body FROM heartbeats WHERE terminal_id = $1 ORDER BY id DESC LIMIT 1', [terminalId]);
    const r = rows[0];
    return r ? { receivedAt: r.received_at as Date, body: r.body } : undefined;
  }

  // ---- catalogs ----

  async latestCatalog(): Promise<CatalogRecord | undefined> {
    const { rows } = await this.#db.query('SELECT version, etag, body, published_at FROM catalog_versions ORDER BY seq DESC LIMIT 1');
    const r = rows[0];
    return r ? { version: r.version as string, etag: r.etag as string, body: r.body as string, publishedAt: r.published_at as Date } : undefined;
  }

  /** The version in force, without its body: a cheap check whether a cached catalog is current. */
  async latestCatalogVersion(): Promise<string | undefined> {
    const { rows } = await this.#db.query<{ version: string }>('SELECT version FROM catalog_versions ORDER BY seq DESC LIMIT 1');
    return rows[0]?.version;
  }

  async getCatalog(version: string): Promise<CatalogRecord | undefined> {
    const { rows } = await this.#db.query('SELECT version, etag, body, published_at FROM catalog_versions WHERE version = $1', [version]);
    const r = rows[0];
    return r ? { version: r.version as string, etag: r.etag as string, body: r.body as string, publishedAt: r.published_at as Date } : undefined;
  }

  /** False when the version exists already. */
  async insertCatalog(c: CatalogRecord): Promise<boolean> {
    const { rowCount } = await this.#db.query(
      `INSERT INTO catalog_versions (version, etag, body, published_at) VALUES ($1, $2, $3, $4::timestamptz)
       ON CONFLICT (version) DO NOTHING`,
      [c.version, c.etag, c.body, iso(c.publishedAt)],
    );
    return rowCount === 1;
  }
}

export class PlatformStorage {
  readonly #db: SqlClient;
  /** Statements outside a transaction. */
  readonly q: Queries;
  /** The ops console's statements (users, sessions, audit, fleet-wide reads), outside a transaction. */
  readonly ops: OpsQueries;
  /** Remote commands, settings layers, update channels and pins. */
  readonly fleet: FleetQueries;
  /** Versions of the migrations this open applied (empty when the schema was current). */
  readonly appliedMigrations: readonly number[];

  private constructor(db: SqlClient, appliedMigrations: readonly number[]) {
    this.#db = db;
    this.q = new Queries(db);
    this.ops = new OpsQueries(db);
    this.fleet = new FleetQueries(db);
    this.appliedMigrations = appliedMigrations;
  }

  /** Opens the database and brings its schema up to date. */
  static async open(options: StorageOptions): Promise<PlatformStorage> {
    const db = options.kind === 'pglite' ? await openPgliteClient({ dataDir: options.dataDir }) : await openPostgresClient(options);
    try {
      return new PlatformStorage(db, await migrate(db));
    } catch (error) {
      await db.close();
      throw error;
    }
  }

  get dialect(): SqlClient['dialect'] {
    return this.#db.dialect;
  }

  /** Runs `fn` atomically; see SqlClient.transaction for when it runs more than once. */
  transaction<T>(fn: (q: Queries) => Promise<T>): Promise<T> {
    return this.#db.transaction((tx) => fn(new Queries(tx)));
  }

  close(): Promise<void> {
    return this.#db.close();
  }
}
