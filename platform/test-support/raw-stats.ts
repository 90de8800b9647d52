// The statistics as a scan of the raw transactions computes them (the console's query before the daily summaries of
// migration 6): the oracle the summaries are checked against, in tests and at 1M rows in test/bench/ops-console.
import type { StatsRows, StatsWindow } from '../storage/ops-queries';
import type { SqlExecutor } from '../storage/sql-client';

/** The oracle: the same figures by a scan of the transactions (the statistics' query before the summaries). */
export async function rawStats(db: SqlExecutor, window: StatsWindow): Promise<StatsRows> {
  const range = [window.from.toISOString(), window.to.toISOString()];
  const day = `((created_at AT TIME ZONE 'Asia/Shanghai')::date)::text`;
  const perDay = await db.query<{ day: string; kind: string; count: number }>(
    `SELECT ${day} AS day, kind, count(*)::integer AS count FROM transactions WHERE created_at >= $1 AND created_at < $2 GROUP BY 1, 2 ORDER BY 1, 2`,
    range,
  );
  const ranked = async (column: string): Promise<{ key: string; count: number }[]> =>
    (
      await db.query<{ key: string; count: number }>(
        `SELECT ${column} AS key, count(*)::integer AS count FROM transactions
         WHERE kind = 'application' AND created_at >= $1 AND created_at < $2 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${window.top}`,
        range,
      )
    ).rows;
  const ratings = await db.query<{ level: number; count: number }>(
    `SELECT (payload ->> 'level')::integer AS level, count(*)::integer AS count FROM transactions
     WHERE kind = 'rating' AND created_at >= $1 AND created_at < $2
       AND jsonb_typeof(payload -> 'level') = 'number' AND (payload ->> 'level') IN ('1', '2', '3', '4', '5')
     GROUP BY 1 ORDER BY 1`,
    range,
  );
  return {
    perDay: perDay.rows,
    perItem: (await ranked('item_code')).map((r) => ({ itemCode: r.key, count: r.count })),
    perTerminal: (await ranked('terminal_id')).map((r) => ({ terminalId: r.key, count: r.count })),
    ratings: ratings.rows,
  };
}
