// The ops console's reads at fleet scale on PostgreSQL (DATABASE_URL, or a private cluster from Debian's postgresql
// with fsync on): 5,000 terminals with 20 heartbeats each and 1,000,000 transactions over 90 days (10 % ratings),
// seeded with generate_series in SQL, then VACUUM ANALYZE. Times the very queries the console runs (storage/
// ops-queries.ts): the fleet view (every terminal's latest heartbeat and health flags), the statistics of one day and
// of 30 days (per day, item, terminal; rating distribution; read from the daily summaries, checked equal to a scan of
// the raw transactions), the summaries' backfill on upgrade, and the first page of the fleet-wide transaction list.
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { PlatformStorage } from '../../platform/storage/platform-storage';
import { migrate, migrations } from '../../platform/storage/migrations';
import { rawStats } from '../../platform/test-support/raw-stats';
import { openPostgresClient } from '../../platform/storage/postgres-client';
import { type PostgresCluster, findPostgresBin, startPostgresCluster } from '../../platform/test-support/postgres-cluster';
import { lastDays } from '../../platform/ops/stats-window';
import { type BenchFigure, type Benchmark, percentile } from './bench';

const TERMINALS = 5_000;
const HEARTBEATS_PER_TERMINAL = 20;
const TRANSACTIONS = 1_000_000;
const DAYS = 90;
const RUNS = 15;

const seedSql = [
  `INSERT INTO terminals (terminal_id, secret, name, region, created_at)
   SELECT 'T' || lpad(i::text, 5, '0'), 'x', '终端 ' || i, '3702' || lpad((i % 12)::text, 2, '0'), now() - interval '200 days'
   FROM generate_series(0, ${TERMINALS - 1}) i`,
  // Heartbeats a minute apart; the newest of every 20th terminal reports paper low, of every 50th a printer offline.
  `INSERT INTO heartbeats (terminal_id, received_at, body)
   SELECT 'T' || lpad(t::text, 5, '0'), now() - (h || ' minutes')::interval,
     jsonb_build_object(
       'sentAt', now(), 'versions', jsonb_build_object('app', '0.1.' || (t % 3), 'catalog', '2026.11.01-1'),
       'queue', jsonb_build_object('depth', t % 7, 'oldestPendingAgeSeconds', CASE WHEN t % 7 = 0 THEN NULL ELSE t % 5000 END, 'needsAttention', 0),
       'devices', jsonb_build_array(
         jsonb_build_object('id', 'receipt', 'class', 'receiptPrinter', 'state', CASE WHEN t % 50 = 0 THEN 'offline' ELSE 'online' END,
           'conditions', CASE WHEN t % 20 = 0 THEN '["paperLow"]'::jsonb ELSE '[]'::jsonb END),
         jsonb_build_object('id', 'a4', 'class', 'documentPrinter', 'state', 'online', 'conditions', '[]'::jsonb),
         jsonb_build_object('id', 'idcard', 'class', 'idCardReader', 'state', 'online', 'conditions', '[]'::jsonb)))
   FROM generate_series(0, ${TERMINALS - 1}) t, generate_series(${HEARTBEATS_PER_TERMINAL - 1}, 0, -1) h`,
  // Ids sort by time like UUIDv7 (a 12-hex-digit millisecond prefix); every 10th transaction is a rating.
  `INSERT INTO transactions (terminal_id, transaction_id, request_hash, kind, item_code, case_number, created_at, received_at,
     payload, materials_from_shared_data, committed_at, decision, answer)
   SELECT 'T' || lpad((i % ${TERMINALS})::text, 5, '0'),
     lpad(to_hex((extract(epoch FROM ts) * 1000)::bigint), 12, '0') || '-' || lpad(to_hex(i), 20, '0'),
     'h', CASE WHEN i % 10 = 0 THEN 'rating' ELSE 'application' END,
     CASE WHEN i % 10 = 0 THEN 'rating' ELSE '370200-' || lpad((i % 47)::text, 12, '0') END,
     'B-' || i, ts, ts,
     CASE WHEN i % 10 = 0 THEN jsonb_build_object('reference', 'x', 'level', 1 + (i / 10) % 5, 'reasons', '[]'::jsonb) ELSE '{}'::jsonb END,
     '[]'::jsonb, ts, CASE WHEN i % 3 = 0 THEN '{"outcome":"approved"}'::jsonb END, '{}'
   FROM (SELECT i, now() - random() * interval '${DAYS} days' AS ts FROM generate_series(1, ${TRANSACTIONS}) i) s`,
  'VACUUM ANALYZE terminals',
  'VACUUM ANALYZE heartbeats',
  'VACUUM ANALYZE transactions',
];

async function time(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm: plans, caches
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return percentile(samples, 50);
}

const bench: Benchmark = {
  name: `ops console reads on PostgreSQL (${TERMINALS} terminals, ${TRANSACTIONS.toLocaleString('en')} transactions)`,
  async run() {
    let cluster: PostgresCluster | undefined;
    let url = process.env.DATABASE_URL;
    if (!url && findPostgresBin()) {
      cluster = await startPostgresCluster({ fsync: true });
      url = cluster.url;
    }
    if (!url) {
      console.log('  (skipped: set DATABASE_URL or install Debian package postgresql)');
      return [];
    }
    const schema = `bench_ops_${randomBytes(6).toString('hex')}`;
    const admin = await openPostgresClient({ url, poolSize: 1 });
    try {
      await admin.exec(`CREATE SCHEMA ${schema}`);
      const schemaUrl = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      // Seeded on the schema before the daily summaries (migration 6), so opening the storage then times their backfill.
      const seeder = await openPostgresClient({ url: schemaUrl, poolSize: 1 });
      let storage: PlatformStorage | undefined;
      try {
        await migrate(
          seeder,
          migrations.filter((m) => m.version < 6),
        );
        const seeding = performance.now();
        for (const statement of seedSql) await seeder.query(statement);
        console.log(`  seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
        const backfilling = performance.now();
        storage = await PlatformStorage.open({ kind: 'postgres', url: schemaUrl, poolSize: 2 });
        const backfill = performance.now() - backfilling;
        const ops = storage.ops;
        await seeder.query('VACUUM ANALYZE daily_volumes');
        await seeder.query('VACUUM ANALYZE daily_ratings');
        const now = new Date();
        const oneDay = lastDays(now, 1);
        const month = lastDays(now, 30);
        let terminals = 0;
        const fleet = await time(RUNS, async () => {
          terminals = (await ops.fleet()).length;
        });
        if (terminals !== TERMINALS) throw new Error(`fleet view returned ${terminals} terminals`);
        for (const window of [oneDay, month]) {
          const query = { from: window.from, to: window.to, top: 10 };
          if (!isDeepStrictEqual(await ops.stats(query), await rawStats(seeder, query))) throw new Error(`statistics of ${window.days.length} days differ from the raw transactions`);
        }
        const day = await time(RUNS, () => ops.stats({ from: oneDay.from, to: oneDay.to, top: 10 }));
        const days30 = await time(RUNS, () => ops.stats({ from: month.from, to: month.to, top: 10 }));
        const list = await time(RUNS, () => ops.fleetTransactions({ limit: 51 }));
        const how = `p50 of ${RUNS}, PostgreSQL with fsync on, after VACUUM ANALYZE`;
        return [
          { key: 'ops.daily_summary_backfill.postgres.ms', value: backfill, unit: 'ms', note: `migration 6 over ${TRANSACTIONS} transactions (once, on upgrade)` },
          { key: 'ops.fleet_view.postgres.ms.p50', value: fleet, unit: 'ms', note: `${TERMINALS} terminals × latest of ${HEARTBEATS_PER_TERMINAL} heartbeats, health flags in SQL; ${how}` },
          { key: 'ops.stats_1d.postgres.ms.p50', value: day, unit: 'ms', note: `today: per day/item/terminal + ratings from the daily summaries, of ${TRANSACTIONS} over ${DAYS} days; ${how}` },
          { key: 'ops.stats_30d.postgres.ms.p50', value: days30, unit: 'ms', note: `last 30 days (~${Math.round((TRANSACTIONS * 30) / DAYS / 1000)}k transactions); ${how}` },
          { key: 'ops.transactions_page.postgres.ms.p50', value: list, unit: 'ms', note: `first page (50) of the fleet-wide list, newest first; ${how}` },
        ] satisfies BenchFigure[];
      } finally {
        await seeder.close();
        await storage?.close();
        await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
      }
    } finally {
      await admin.close();
      await cluster?.stop();
    }
  },
};

export default bench;
