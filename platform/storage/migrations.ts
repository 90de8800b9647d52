// The platform's schema, as numbered migrations applied in order and recorded in `schema_migrations`. SQL that runs
// on both PostgreSQL and PGlite. A migration, once released, is never edited: a change is a new migration.
import type { SqlClient } from './sql-client';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'terminals, transactions, attachments, heartbeats, catalogs',
    sql: `
      CREATE TABLE terminals (
        terminal_id text PRIMARY KEY,
        secret text NOT NULL,
        name text NOT NULL,
        region text NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL
      );

      -- Nonces of signed requests, kept until their timestamp leaves the window (then a replay is stale anyway).
      CREATE TABLE auth_nonces (
        terminal_id text NOT NULL,
        nonce text NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (terminal_id, nonce)
      );
      CREATE INDEX auth_nonces_expiry ON auth_nonces (expires_at);

      -- Case numbers: one counter per region and day.
      CREATE TABLE case_sequences (
        region text NOT NULL,
        day text NOT NULL,
        last_value integer NOT NULL,
        PRIMARY KEY (region, day)
      );

      -- One row per (terminal, transaction id), for ever: the idempotency record. committed_at and answer are set
      -- together when the last attachment is verified; answer holds the exact bytes replayed to every repeat.
      CREATE TABLE transactions (
        terminal_id text NOT NULL REFERENCES terminals (terminal_id),
        transaction_id text COLLATE "C" NOT NULL,
        request_hash text NOT NULL,
        kind text NOT NULL,
        item_code text NOT NULL,
        case_number text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        payload jsonb NOT NULL,
        materials_from_shared_data jsonb NOT NULL,
        committed_at timestamptz,
        decision jsonb,
        answer text,
        PRIMARY KEY (terminal_id, transaction_id),
        CHECK ((committed_at IS NULL) = (answer IS NULL))
      );

      CREATE TABLE attachments (
        terminal_id text NOT NULL,
        transaction_id text COLLATE "C" NOT NULL,
        attachment_id text NOT NULL,
        position integer NOT NULL,
        size integer NOT NULL,
        sha256 text NOT NULL,
        content_type text NOT NULL,
        material_code text,
        received_bytes integer NOT NULL DEFAULT 0,
        completed_at timestamptz,
        PRIMARY KEY (terminal_id, transaction_id, attachment_id),
        FOREIGN KEY (terminal_id, transaction_id) REFERENCES transactions (terminal_id, transaction_id)
      );

      CREATE TABLE attachment_chunks (
        terminal_id text NOT NULL,
        transaction_id text COLLATE "C" NOT NULL,
        attachment_id text NOT NULL,
        chunk_offset integer NOT NULL,
        data bytea NOT NULL,
        PRIMARY KEY (terminal_id, transaction_id, attachment_id, chunk_offset),
        FOREIGN KEY (terminal_id, transaction_id, attachment_id) REFERENCES attachments (terminal_id, transaction_id, attachment_id)
      );

      CREATE TABLE heartbeats (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        terminal_id text NOT NULL REFERENCES terminals (terminal_id),
        received_at timestamptz NOT NULL,
        body jsonb NOT NULL
      );
      CREATE INDEX heartbeats_terminal ON heartbeats (terminal_id, id DESC);

      -- Published catalogs; the one in force is the latest. body is the exact text served, etag its hash.
      CREATE TABLE catalog_versions (
        seq integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        version text NOT NULL UNIQUE,
        etag text NOT NULL,
        body text NOT NULL,
        published_at timestamptz NOT NULL
      );
    `,
  },
];

/** Any fixed number: the advisory lock that keeps two platform instances from migrating at once. */
const MIGRATION_LOCK = 7_243_001;

/** Applies the migrations not yet applied; returns their versions. */
export async function migrate(db: SqlClient, list: readonly Migration[] = migrations): Promise<number[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied: number[] = [];
  for (const migration of list) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const seen = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (seen.rows.length > 0) return false;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}

/**
 * Comments dropped, then split on `;`: the migrations hold no semicolons inside strings or function bodies, and one
 * statement per query runs the same way on both drivers.
 */
function splitStatements(sql: string): string[] {
  return sql
    .replace(/--.*$/gm, '')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
