// The outbox's schema, as numbered migrations. Each is applied in its own transaction together with its row in
// schema_migrations, so a crash or an error leaves the database at the previous version, never half way.
// Append new migrations; never edit one that has shipped.
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const outboxMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'transactions and attachments',
    sql: `
      -- Values the outbox keeps about itself, e.g. the device key check.
      CREATE TABLE outbox_meta (
        key TEXT PRIMARY KEY NOT NULL,
        value BLOB NOT NULL
      ) STRICT;

      -- Times are milliseconds since the epoch. Columns above key_wrapped are non-personal metadata and stay until
      -- retention ends; key_wrapped and payload are set to NULL at purge.
      CREATE TABLE transactions (
        id TEXT PRIMARY KEY NOT NULL,            -- UUIDv7: the drain order and the idempotency key
        kind TEXT NOT NULL,
        item_code TEXT NOT NULL,
        terminal_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        accepted_at INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('accepted', 'sending', 'acknowledged', 'purged', 'needsAttention')),
        state_changed_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_attempt_at INTEGER,
        next_attempt_at INTEGER,
        last_error TEXT,
        attention_cause TEXT,
        attention_reason TEXT,
        answer_json TEXT,
        acknowledged_at INTEGER,
        purged_at INTEGER,
        attachment_count INTEGER NOT NULL,
        key_wrapped BLOB,                        -- the data key, sealed with the device key
        payload BLOB                             -- the personal payload, sealed with the data key
      ) STRICT;
      CREATE INDEX transactions_by_state ON transactions (state, id);

      -- Deleted at purge: they describe personal material.
      CREATE TABLE attachments (
        transaction_id TEXT NOT NULL REFERENCES transactions (id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        file_name TEXT NOT NULL UNIQUE,
        label TEXT NOT NULL,
        media_type TEXT NOT NULL,
        size INTEGER NOT NULL,                   -- of the sealed file on disk
        sha256 TEXT NOT NULL,                    -- of the sealed file on disk: checked without the key
        plain_size INTEGER NOT NULL,
        plain_sha256 TEXT NOT NULL,              -- of the plaintext: what the platform will check
        PRIMARY KEY (transaction_id, idx)
      ) STRICT;
    `,
  },
];

export type MigrateResult =
  | { ok: true; version: number; applied: number[] }
  | { ok: false; error: { code: 'newerSchema'; message: string } };

export function migrate(db: Database.Database, migrations: readonly Migration[] = outboxMigrations): MigrateResult {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT');
  const current = (db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
  const latest = Math.max(0, ...migrations.map((m) => m.version));
  if (current > latest) {
    return {
      ok: false,
      error: { code: 'newerSchema', message: `the outbox database is at schema version ${current}, newer than this software knows (${latest}); refusing to open it` },
    };
  }
  const applied: number[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, Date.now());
    })();
    applied.push(migration.version);
  }
  return { ok: true, version: Math.max(current, latest), applied };
}
