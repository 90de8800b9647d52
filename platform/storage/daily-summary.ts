// The daily summaries (migration 6) kept with every new transaction: `withDailyCounts` wraps the transaction's
// INSERT … RETURNING in one statement that also counts the row it inserted, so the summary and the transactions
// cannot disagree (same statement, same database transaction, on PGlite and PostgreSQL alike) and a repeated submit,
// which inserts no row, counts nothing.

/** A China Standard Time date of an instant, as the summaries key their days. */
export const cstDay = (column: string): string => `((${column} AT TIME ZONE 'Asia/Shanghai')::date)`;

/** A rating transaction's level as the summaries count it: a JSON number 1–5 in the payload. */
export const ratingLevelIsValid = `jsonb_typeof(payload -> 'level') = 'number' AND (payload ->> 'level') IN ('1', '2', '3', '4', '5')`;

const ratingsPart = `,
    ratings AS (
      INSERT INTO daily_ratings (day, terminal_id, level, count)
      SELECT ${cstDay('created_at')}, terminal_id, (payload ->> 'level')::integer, 1 FROM inserted
      WHERE kind = 'rating' AND ${ratingLevelIsValid}
      ON CONFLICT (day, terminal_id, level) DO UPDATE SET count = daily_ratings.count + 1
    )`;

/**
 * `insertReturning` must be an `INSERT INTO transactions … RETURNING terminal_id, kind, item_code, created_at,
 * payload` (with ON CONFLICT DO NOTHING for idempotency); the statement answers `inserted` (0 or 1). Only a rating's
 * statement carries the ratings part: every other insert saves parsing and planning it.
 */
export function withDailyCounts(insertReturning: string, kind: string): string {
  return `
    WITH inserted AS (${insertReturning}),
    volumes AS (
      INSERT INTO daily_volumes (day, terminal_id, kind, item_code, count)
      SELECT ${cstDay('created_at')}, terminal_id, kind, item_code, 1 FROM inserted
      ON CONFLICT (day, terminal_id, kind, item_code) DO UPDATE SET count = daily_volumes.count + 1
    )${kind === 'rating' ? ratingsPart : ''}
    SELECT count(*)::integer AS inserted FROM inserted`;
}
