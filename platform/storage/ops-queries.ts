// The ops console's statements: users, sessions, the audit log, and the fleet-wide reads (fleet health, statistics,
// the transaction list). Part of the one data-access layer (storage/), on the same SqlExecutor as `Queries`.
import type { SqlClient, SqlExecutor, SqlResult } from './sql-client';
import { cstDay } from './daily-summary';

export type OpsRole = 'viewer' | 'operator' | 'admin';

export interface OpsUserRecord {
  username: string;
  role: OpsRole;
  passwordHash: string;
  mustChangePassword: boolean;
  failedLogins: number;
  lockedUntil: Date | null;
  createdAt: Date;
}

export interface OpsSessionRecord {
  username: string;
  role: OpsRole;
  mustChangePassword: boolean;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
}

export interface AuditRecord {
  id: number;
  at: Date;
  actor: string;
  action: string;
  target: string | null;
  detail: unknown;
}

/** One terminal's health as its latest heartbeat tells it; heartbeat fields are null when it never sent one. */
export interface FleetRow {
  terminalId: string;
  name: string;
  region: string;
  enabled: boolean;
  lastHeartbeatAt: Date | null;
  appVersion: string | null;
  catalogVersion: string | null;
  osVersion: string | null;
  queueDepth: number | null;
  oldestPendingAgeSeconds: number | null;
  needsAttention: number | null;
  /** A device reports paperLow or paperOut. */
  paperLow: boolean;
  /** A printer (receipt or document) is offline, powered off, missing or in hardware error. */
  printerOffline: boolean;
  /** Every condition any device reports, deduplicated, sorted. */
  conditions: string[];
  /** The terminal refuses a pushed catalog or settings document (it keeps the last good one). */
  pushRefused: boolean;
}

export interface StatsWindow {
  /** Inclusive; an instant (the start of a China Standard Time day). */
  from: Date;
  /** Exclusive. */
  to: Date;
  /** How many items and terminals the rankings keep. */
  top: number;
}

export interface StatsRows {
  /** Day (yyyy-mm-dd, China Standard Time) and kind → count. */
  perDay: { day: string; kind: string; count: number }[];
  /** Applications per item and per terminal, most first, `top` of each. */
  perItem: { itemCode: string; count: number }[];
  perTerminal: { terminalId: string; count: number }[];
  /** Rating level (1–5, from the rating's payload) → count. */
  ratings: { level: number; count: number }[];
}

export interface FleetTransactionRow {
  terminalId: string;
  transactionId: string;
  kind: string;
  itemCode: string;
  caseNumber: string;
  createdAt: Date;
  receivedAt: Date;
  committedAt: Date | null;
  outcome: string | null;
}

type Row = Record<string, unknown>;

const iso = (date: Date): string => date.toISOString();

function userFromRow(r: Row): OpsUserRecord {
  return {
    username: r.username as string,
    role: r.role as OpsRole,
    passwordHash: r.password_hash as string,
    mustChangePassword: r.must_change_password as boolean,
    failedLogins: r.failed_logins as number,
    lockedUntil: (r.locked_until as Date | null) ?? null,
    createdAt: r.created_at as Date,
  };
}

const PRINTER_DOWN = `d->>'class' IN ('receiptPrinter', 'documentPrinter') AND d->>'state' IN ('offline', 'powerOff', 'noDevice', 'hardwareError')`;

/**
 * Every terminal with its latest heartbeat: one index probe per terminal on heartbeats (terminal_id, id DESC), so the
 * cost follows the number of terminals, not the number of heartbeats kept.
 */
const FLEET_SQL = `
  SELECT t.terminal_id, t.name, t.region, t.enabled, h.received_at,
    h.body #>> '{versions,app}' AS app_version,
    h.body #>> '{versions,catalog}' AS catalog_version,
    h.body #>> '{versions,os}' AS os_version,
    (h.body #>> '{queue,depth}')::integer AS queue_depth,
    (h.body #>> '{queue,oldestPendingAgeSeconds}')::double precision AS oldest_pending_age_seconds,
    (h.body #>> '{queue,needsAttention}')::integer AS needs_attention,
    COALESCE((SELECT bool_or(d->'conditions' ?| array['paperLow', 'paperOut']) FROM jsonb_array_elements(h.body->'devices') d), false) AS paper_low,
    COALESCE((SELECT bool_or(${PRINTER_DOWN}) FROM jsonb_array_elements(h.body->'devices') d), false) AS printer_offline,
    COALESCE((SELECT array_agg(DISTINCT c ORDER BY c) FROM jsonb_array_elements(h.body->'devices') d,
      jsonb_array_elements_text(COALESCE(d->'conditions', '[]'::jsonb)) c), '{}') AS conditions,
    COALESCE(h.body ? 'refusals', false) AS push_refused
  FROM terminals t
  LEFT JOIN LATERAL (SELECT received_at, body FROM heartbeats WHERE terminal_id = t.terminal_id ORDER BY id DESC LIMIT 1) h ON true`;

function fleetRowFrom(r: Row): FleetRow {
  const number = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
  return {
    terminalId: r.terminal_id as string,
    name: r.name as string,
    region: r.region as string,
    enabled: r.enabled as boolean,
    lastHeartbeatAt: (r.received_at as Date | null) ?? null,
    appVersion: (r.app_version as string | null) ?? null,
    catalogVersion: (r.catalog_version as string | null) ?? null,
    osVersion: (r.os_version as string | null) ?? null,
    queueDepth: number(r.queue_depth),
    oldestPendingAgeSeconds: number(r.oldest_pending_age_seconds),
    needsAttention: number(r.needs_attention),
    paperLow: r.paper_low as boolean,
    printerOffline: r.printer_offline as boolean,
    conditions: r.conditions as string[],
    pushRefused: r.push_refused as boolean,
  };
}

export class OpsQueries {
  readonly #db: SqlClient;

  constructor(db: SqlClient) {
    this.#db = db;
  }

  /**
   * A fleet-wide read with PostgreSQL's JIT compiler off: the planner's guess of 100 devices per heartbeat makes these
   * queries look costly enough to compile, and compiling took a second where running takes tens of milliseconds
   * (see test/bench/ops-console.bench.ts).
   */
  #read<Row = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<SqlResult<Row>> {
    return this.#db.transaction(async (tx: SqlExecutor) => {
      await tx.query('SET LOCAL jit = off');
      return tx.query<Row>(sql, params);
    });
  }

  // ---- users ----

  async countUsers(): Promise<number> {
    const { rows } = await this.#db.query<{ n: number }>('SELECT count(*)::integer AS n FROM ops_users');
    return (rows[0] as { n: number }).n;
  }

  /** False when the username is taken. */
  async insertUser(user: Omit<OpsUserRecord, 'failedLogins' | 'lockedUntil'>): Promise<boolean> {
    const { rowCount } = await this.#db.query(
      `INSERT INTO ops_users (username, role, password_hash, must_change_password, created_at) VALUES ($1, $2, $3, $4, $5::timestamptz)
       ON CONFLICT (username) DO NOTHING`,
      [user.username, user.role, user.passwordHash, user.mustChangePassword, iso(user.createdAt)],
    );
    return rowCount === 1;
  }

  async getUser(username: string): Promise<OpsUserRecord | undefined> {
    const { rows } = await this.#db.query('SELECT * FROM ops_users WHERE username = $1', [username]);
    return rows[0] ? userFromRow(rows[0]) : undefined;
  }

  async listUsers(): Promise<OpsUserRecord[]> {
    const { rows } = await this.#db.query('SELECT * FROM ops_users ORDER BY username');
    return rows.map(userFromRow);
  }

  /**
   * Counts a failed login; from the `limit`-th failure in a row the account is locked until `lockUntil` (and the count
   * starts again). Atomic, so parallel guesses cannot slip past the limit. Returns the new lock, if any.
   */
  async recordFailedLogin(username: string, limit: number, lockUntil: Date): Promise<Date | null> {
    const { rows } = await this.#db.query<{ locked_until: Date | null }>(
      `UPDATE ops_users SET
         locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3::timestamptz ELSE locked_until END,
         failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END
       WHERE username = $1
       RETURNING CASE WHEN locked_until = $3::timestamptz THEN locked_until END AS locked_until`,
      [username, limit, iso(lockUntil)],
    );
    return rows[0]?.locked_until ?? null;
  }

  async recordSuccessfulLogin(username: string): Promise<void> {
    await this.#db.query('UPDATE ops_users SET failed_logins = 0, locked_until = NULL WHERE username = $1', [username]);
  }

  async setPassword(username: string, passwordHash: string, mustChange: boolean): Promise<boolean> {
    const { rowCount } = await this.#db.query('UPDATE ops_users SET password_hash = $2, must_change_password = $3, failed_logins = 0, locked_until = NULL WHERE username = $1', [
      username,
      passwordHash,
      mustChange,
    ]);
    return rowCount === 1;
  }

  async setRole(username: string, role: OpsRole): Promise<boolean> {
    const { rowCount } = await this.#db.query('UPDATE ops_users SET role = $2 WHERE username = $1', [username, role]);
    return rowCount === 1;
  }

  async unlockUser(username: string): Promise<boolean> {
    const { rowCount } = await this.#db.query('UPDATE ops_users SET failed_logins = 0, locked_until = NULL WHERE username = $1', [username]);
    return rowCount === 1;
  }

  // ---- sessions ----

  async insertSession(tokenHash: string, username: string, csrfToken: string, at: Date): Promise<void> {
    await this.#db.query('INSERT INTO ops_sessions (token_hash, username, csrf_token, created_at, last_seen_at) VALUES ($1, $2, $3, $4::timestamptz, $4::timestamptz)', [
      tokenHash,
      username,
      csrfToken,
      iso(at),
    ]);
  }

  async getSession(tokenHash: string): Promise<OpsSessionRecord | undefined> {
    const { rows } = await this.#db.query(
      `SELECT s.username, u.role, u.must_change_password, s.csrf_token, s.created_at, s.last_seen_at
       FROM ops_sessions s JOIN ops_users u USING (username) WHERE s.token_hash = $1`,
      [tokenHash],
    );
    const r = rows[0];
    if (!r) return undefined;
    return {
      username: r.username as string,
      role: r.role as OpsRole,
      mustChangePassword: r.must_change_password as boolean,
      csrfToken: r.csrf_token as string,
      createdAt: r.created_at as Date,
      lastSeenAt: r.last_seen_at as Date,
    };
  }

  async touchSession(tokenHash: string, at: Date): Promise<void> {
    await this.#db.query('UPDATE ops_sessions SET last_seen_at = $2::timestamptz WHERE token_hash = $1', [tokenHash, iso(at)]);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.#db.query('DELETE FROM ops_sessions WHERE token_hash = $1', [tokenHash]);
  }

  /** Ends every session of a user (after a password or role change), except `keep` when given. */
  async deleteSessionsOf(username: string, keep?: string): Promise<void> {
    await this.#db.query('DELETE FROM ops_sessions WHERE username = $1 AND token_hash IS DISTINCT FROM $2', [username, keep ?? null]);
  }

  async deleteSessionsSeenBefore(time: Date): Promise<void> {
    await this.#db.query('DELETE FROM ops_sessions WHERE last_seen_at < $1::timestamptz', [iso(time)]);
  }

  // ---- audit ----

  async insertAudit(entry: Omit<AuditRecord, 'id'>): Promise<void> {
    await this.#db.query('INSERT INTO ops_audit (at, actor, action, target, detail) VALUES ($1::timestamptz, $2, $3, $4, $5::jsonb)', [
      iso(entry.at),
      entry.actor,
      entry.action,
      entry.target,
      entry.detail === undefined || entry.detail === null ? null : JSON.stringify(entry.detail),
    ]);
  }

  /** Newest first, those below `beforeId` when given. */
  async listAudit(options: { limit: number; beforeId?: number }): Promise<AuditRecord[]> {
    const { rows } = await this.#db.query(
      'SELECT id, at, actor, action, target, detail FROM ops_audit WHERE ($1::bigint IS NULL OR id < $1::bigint) ORDER BY id DESC LIMIT $2',
      [options.beforeId ?? null, options.limit],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      at: r.at as Date,
      actor: r.actor as string,
      action: r.action as string,
      target: (r.target as string | null) ?? null,
      detail: r.detail ?? null,
    }));
  }

  // ---- fleet ----

  async fleet(): Promise<FleetRow[]> {
    const { rows } = await this.#read(`${FLEET_SQL} ORDER BY t.terminal_id`);
    return rows.map(fleetRowFrom);
  }

  async fleetTerminal(terminalId: string): Promise<FleetRow | undefined> {
    const { rows } = await this.#read(`${FLEET_SQL} WHERE t.terminal_id = $1`, [terminalId]);
    return rows[0] ? fleetRowFrom(rows[0]) : undefined;
  }

  /** A terminal's latest heartbeats, newest first. */
  async recentHeartbeats(terminalId: string, limit: number): Promise<{ receivedAt: Date; body: unknown }[]> {
    const { rows } = await this.#db.query('SELECT received_at, body FROM heartbeats WHERE terminal_id = $1 ORDER BY id DESC LIMIT $2', [terminalId, limit]);
    return rows.map((r) => ({ receivedAt: r.received_at as Date, body: r.body }));
  }

  /**
   * A terminal's staff actions from its heartbeats, newest (highest seq) first; an entry sent again (a lost answer)
   * counts once. Reads the terminal's heartbeats that carry any (one index range on heartbeats_terminal).
   */
  async staffActions(terminalId: string, limit: number): Promise<unknown[]> {
    const { rows } = await this.#read<{ action: unknown }>(
      `SELECT DISTINCT ON ((a ->> 'seq')::bigint) a AS action
       FROM heartbeats h, jsonb_array_elements(h.body -> 'staffActions') a
       WHERE h.terminal_id = $1 AND jsonb_typeof(h.body -> 'staffActions') = 'array'
       ORDER BY (a ->> 'seq')::bigint DESC, h.id DESC LIMIT $2`,
      [terminalId, limit],
    );
    return rows.map((r) => r.action);
  }

  /** Published catalog versions, newest first, without their bodies. */
  async catalogHistory(limit: number): Promise<{ version: string; publishedAt: Date }[]> {
    const { rows } = await this.#db.query('SELECT version, published_at FROM catalog_versions ORDER BY seq DESC LIMIT $1', [limit]);
    return rows.map((r) => ({ version: r.version as string, publishedAt: r.published_at as Date }));
  }

  // ---- statistics ----

  /**
   * Volumes per day, item and terminal and the rating distribution, from the daily summaries (migration 6,
   * storage/daily-summary.ts): one pass with grouping sets over the window's summary rows, whose number follows
   * days × terminals × items in use, not the number of transactions.
   */
  async stats(window: StatsWindow): Promise<StatsRows> {
    const days = [iso(window.from), iso(window.to)];
    const { rows } = await this.#read(
      `SELECT day::text AS day, kind, item_code, terminal_id, sum(count)::integer AS n,
         (COALESCE(sum(count) FILTER (WHERE kind = 'application'), 0))::integer AS applications,
         GROUPING(day, kind) AS not_day, GROUPING(item_code) AS not_item
       FROM daily_volumes
       WHERE day >= ${cstDay('$1::timestamptz')} AND day < ${cstDay('$2::timestamptz')}
       GROUP BY GROUPING SETS ((day, kind), (item_code), (terminal_id))`,
      days,
    );
    const perDay: StatsRows['perDay'] = [];
    const perItem: StatsRows['perItem'] = [];
    const perTerminal: StatsRows['perTerminal'] = [];
    for (const r of rows) {
      // Items and terminals rank applications: a rating is not a service done.
      const count = r.applications as number;
      if (Number(r.not_day) === 0) perDay.push({ day: r.day as string, kind: r.kind as string, count: r.n as number });
      else if (count === 0) continue;
      else if (Number(r.not_item) === 0) perItem.push({ itemCode: r.item_code as string, count });
      else perTerminal.push({ terminalId: r.terminal_id as string, count });
    }
    const ranked = <T extends { count: number }>(list: T[], key: (t: T) => string): T[] =>
      list.sort((a, b) => b.count - a.count || key(a).localeCompare(key(b))).slice(0, window.top);
    const ratings = await this.#read<{ level: number; n: number }>(
      `SELECT level, sum(count)::integer AS n FROM daily_ratings
       WHERE day >= ${cstDay('$1::timestamptz')} AND day < ${cstDay('$2::timestamptz')}
       GROUP BY 1 ORDER BY 1`,
      days,
    );
    return {
      perDay: perDay.sort((a, b) => a.day.localeCompare(b.day) || a.kind.localeCompare(b.kind)),
      perItem: ranked(perItem, (r) => r.itemCode),
      perTerminal: ranked(perTerminal, (r) => r.terminalId),
      ratings: ratings.rows.map((r) => ({ level: r.level, count: r.n })),
    };
  }

  /** The most searched queries of the window (hot searches, migration 7), across terminals or of one. */
  async hotSearches(window: StatsWindow & { terminalId?: string }): Promise<{ query: string; count: number }[]> {
    const { rows } = await this.#read<{ query: string; n: number }>(
      `SELECT query, sum(count)::integer AS n FROM search_counts
       WHERE day >= ${cstDay('$1::timestamptz')} AND day < ${cstDay('$2::timestamptz')} AND ($3::text IS NULL OR terminal_id = $3::text)
       GROUP BY query ORDER BY n DESC, query COLLATE "C" LIMIT $4`,
      [iso(window.from), iso(window.to), window.terminalId ?? null, window.top],
    );
    return rows.map((r) => ({ query: r.query, count: r.n }));
  }

  /** Names of the given terminals (labels for the statistics; unknown ids are left out). */
  async terminalNames(ids: readonly string[]): Promise<Map<string, string>> {
    const { rows } = await this.#db.query<{ terminal_id: string; name: string }>('SELECT terminal_id, name FROM terminals WHERE terminal_id = ANY($1::text[])', [ids]);
    return new Map(rows.map((r) => [r.terminal_id, r.name]));
  }

  // ---- transactions across the fleet ----

  /** Newest (highest UUIDv7) first, those below `beforeId` when given; no form data. */
  async fleetTransactions(options: { limit: number; beforeId?: string }): Promise<FleetTransactionRow[]> {
    const { rows } = await this.#db.query(
      `SELECT terminal_id, transaction_id, kind, item_code, case_number, created_at, received_at, committed_at, decision ->> 'outcome' AS outcome
       FROM transactions WHERE ($1::text IS NULL OR transaction_id < $1::text COLLATE "C")
       ORDER BY transaction_id DESC LIMIT $2`,
      [options.beforeId ?? null, options.limit],
    );
    return rows.map((r) => ({
      terminalId: r.terminal_id as string,
      transactionId: r.transaction_id as string,
      kind: r.kind as string,
      itemCode: r.item_code as string,
      caseNumber: r.case_number as string,
      createdAt: r.created_at as Date,
      receivedAt: r.received_at as Date,
      committedAt: (r.committed_at as Date | null) ?? null,
      outcome: (r.outcome as string | null) ?? null,
    }));
  }
}
