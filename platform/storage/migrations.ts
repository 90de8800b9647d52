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
  {
    version: 2,
    name: 'ops console: users, sessions, audit log; indexes for the fleet view, statistics and the transaction list',
    sql: `
      -- Ops console logins. password_hash is scrypt with its parameters and salt (platform/ops/password-hash.ts);
      -- must_change_password marks a one-time password (the first admin's, or one an admin set).
      CREATE TABLE ops_users (
        username text PRIMARY KEY,
        role text NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
        password_hash text NOT NULL,
        must_change_password boolean NOT NULL DEFAULT false,
        failed_logins integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        created_at timestamptz NOT NULL
      );

      -- Server-side sessions; the cookie holds the token, the table only its SHA-256.
      CREATE TABLE ops_sessions (
        token_hash text PRIMARY KEY,
        username text NOT NULL REFERENCES ops_users (username) ON DELETE CASCADE,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL
      );
      CREATE INDEX ops_sessions_user ON ops_sessions (username);

      -- Who did what when, in the ops console and the ops API. Never deleted.
      CREATE TABLE ops_audit (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        target text,
        detail jsonb
      );

      -- Statistics read a window of days: an index-only scan of this index, no table rows.
      CREATE INDEX transactions_created ON transactions (created_at) INCLUDE (kind, item_code, terminal_id);
      -- The rating distribution reads only ratings' payloads.
      CREATE INDEX transactions_ratings ON transactions (created_at) WHERE kind = 'rating';
      -- The fleet-wide transaction list, newest (highest UUIDv7) first.
      CREATE INDEX transactions_newest ON transactions (transaction_id)
    `,
  },
  {
    version: 3,
    name: 'ratings (好差评): the one that counts per case',
    sql: `
      -- Filled when a rating transaction commits; the first rating of a case stands, later ones stay transactions only.
      CREATE TABLE case_ratings (
        case_number text PRIMARY KEY REFERENCES transactions (case_number),
        terminal_id text NOT NULL,
        transaction_id text COLLATE "C" NOT NULL,
        level integer NOT NULL CHECK (level BETWEEN 1 AND 5),
        reasons jsonb NOT NULL,
        rated_at timestamptz NOT NULL
      )
    `,
  },
  {
    version: 4,
    name: 'certificates issued by instant approval, found by their verification code',
    sql: `
      -- One per approved transaction of an item with an A4 print template. verification_code is 128 random bits
      -- (base32): the public verification page looks certificates up by it and by nothing else.
      CREATE TABLE certificates (
        certificate_number text PRIMARY KEY,
        verification_code text NOT NULL UNIQUE,
        terminal_id text NOT NULL,
        transaction_id text COLLATE "C" NOT NULL,
        case_number text NOT NULL REFERENCES transactions (case_number),
        item_code text NOT NULL,
        item_name text NOT NULL,
        title text NOT NULL,
        holder_masked_name text NOT NULL,
        issuer text NOT NULL,
        issued_at timestamptz NOT NULL,
        lines jsonb NOT NULL,
        UNIQUE (terminal_id, transaction_id),
        FOREIGN KEY (terminal_id, transaction_id) REFERENCES transactions (terminal_id, transaction_id)
      )
    `,
  },
  {
    version: 5,
    name: 'remote commands, settings layers, update channels and pins',
    sql: `
      -- Commands ops queue for a terminal (platform/fleet/remote-commands.ts). The first result recorded stands; the
      -- artifact is what collectLogs sent (the kiosk's redacted log, gzip).
      CREATE TABLE remote_commands (
        command_id text PRIMARY KEY,
        terminal_id text NOT NULL REFERENCES terminals (terminal_id),
        kind text NOT NULL,
        message text,
        status text NOT NULL CHECK (status IN ('pending', 'done', 'failed', 'unsupported')),
        queued_at timestamptz NOT NULL,
        queued_by text NOT NULL,
        fetched_at timestamptz,
        finished_at timestamptz,
        recorded_at timestamptz,
        detail text,
        data jsonb,
        artifact_name text,
        artifact_type text,
        artifact bytea
      );
      CREATE INDEX remote_commands_terminal ON remote_commands (terminal_id, queued_at DESC);
      CREATE INDEX remote_commands_pending ON remote_commands (terminal_id, queued_at) WHERE status = 'pending';

      -- Settings override layers: 'fleet', 'region:<code>', 'terminal:<id>'. Every change takes the next revision, so
      -- a terminal's merged document only ever gets a higher version.
      CREATE SEQUENCE settings_revisions;
      CREATE TABLE settings_layers (
        scope text PRIMARY KEY,
        revision bigint NOT NULL,
        overrides jsonb NOT NULL,
        updated_at timestamptz NOT NULL,
        updated_by text NOT NULL
      );

      -- stagingPercentage per update channel, written into the channel's latest*.yml as served.
      CREATE TABLE update_channels (
        channel text PRIMARY KEY,
        staging_percentage integer NOT NULL CHECK (staging_percentage BETWEEN 0 AND 100),
        updated_at timestamptz NOT NULL,
        updated_by text NOT NULL
      );

      -- A terminal whose health check failed after an update is pinned to the version it went back to.
      CREATE TABLE update_pins (
        terminal_id text PRIMARY KEY REFERENCES terminals (terminal_id),
        channel text NOT NULL,
        version text NOT NULL,
        failed_version text NOT NULL,
        detail text NOT NULL,
        pinned_at timestamptz NOT NULL
      )
    `,
  },
  {
    version: 6,
    name: 'daily summaries for the statistics: volumes per day, terminal, kind and item; rating levels per day and terminal',
    sql: `
      -- The statistics read these instead of the transactions: their size follows days × terminals × items in use,
      -- not the volume. A day is a China Standard Time date of created_at (as the case numbers count). The row of a
      -- new transaction is counted in the same statement that inserts it (storage/daily-summary.ts), so a repeated
      -- submit, which inserts nothing, counts nothing. Keyed by day and terminal: two terminals never wait for each
      -- other's row. count is in no index and pages keep room (fillfactor), so the +1 is a HOT update in place.
      CREATE TABLE daily_volumes (
        day date NOT NULL,
        terminal_id text NOT NULL,
        kind text NOT NULL,
        item_code text NOT NULL,
        count integer NOT NULL CHECK (count > 0),
        PRIMARY KEY (day, terminal_id, kind, item_code)
      ) WITH (fillfactor = 70);
      -- Levels (1–5) of rating transactions' payloads, as delivered (the first-rating rule is case_ratings').
      CREATE TABLE daily_ratings (
        day date NOT NULL,
        terminal_id text NOT NULL,
        level integer NOT NULL CHECK (level BETWEEN 1 AND 5),
        count integer NOT NULL CHECK (count > 0),
        PRIMARY KEY (day, terminal_id, level)
      ) WITH (fillfactor = 70);
      INSERT INTO daily_volumes (day, terminal_id, kind, item_code, count)
        SELECT (created_at AT TIME ZONE 'Asia/Shanghai')::date, terminal_id, kind, item_code, count(*)
        FROM transactions GROUP BY 1, 2, 3, 4;
      INSERT INTO daily_ratings (day, terminal_id, level, count)
        SELECT (created_at AT TIME ZONE 'Asia/Shanghai')::date, terminal_id, (payload ->> 'level')::integer, count(*)
        FROM transactions
        WHERE kind = 'rating' AND jsonb_typeof(payload -> 'level') = 'number' AND (payload ->> 'level') IN ('1', '2', '3', '4', '5')
        GROUP BY 1, 2, 3;
      -- Only the statistics read these, and they read the summaries now: every insert stops paying for them.
      DROP INDEX transactions_created;
      DROP INDEX transactions_ratings
    `,
  },
  {
    version: 7,
    name: 'hot searches: day totals per terminal and normalised query, as heartbeats report them',
    sql: `
      -- The kiosk's running total of a (China Standard Time day, query); the highest reported stands (platform/sync/
      -- heartbeat.ts), so repeats are harmless. Only normalised queries that passed the privacy rule
      -- (contracts/search-counts.ts) arrive here.
      CREATE TABLE search_counts (
        day date NOT NULL,
        terminal_id text NOT NULL REFERENCES terminals (terminal_id),
        query text NOT NULL,
        count integer NOT NULL CHECK (count > 0),
        PRIMARY KEY (day, terminal_id, query) INCLUDE (count)
      )
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
