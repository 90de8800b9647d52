// The daily summaries on both backends: the migration's backfill counts the rows it finds, every new transaction is
// counted once with its insert (a repeat, or an insert rolled back, counts nothing), and the statistics read from the
// summaries equal what a scan of the raw transactions gives.
import { expect, it } from 'vitest';
import { describeEachStorage, openFreshClient } from '../test-support/storage-backends';
import { lastDays } from '../ops/stats-window';
import { migrate, migrations } from './migrations';
import { OpsQueries } from './ops-queries';
import { Queries, type TransactionRecord } from './platform-storage';
import { rawStats } from '../test-support/raw-stats';

const now = new Date('2026-11-20T04:00:00Z'); // noon in China
const HOUR = 3_600_000;
let serial = 0;

function transaction(terminalId: string, createdAt: Date, kind: 'application' | 'rating', itemCode: string, level?: unknown): Omit<TransactionRecord, 'committedAt' | 'decision' | 'answer'> {
  serial++;
  return {
    terminalId,
    transactionId: `0190${String(serial).padStart(8, '0')}-0000-7000-8000-000000000000`,
    requestHash: 'h',
    kind,
    itemCode,
    caseNumber: `C-${serial}`,
    createdAt,
    receivedAt: createdAt,
    payload: kind === 'rating' ? { reference: 'x', level, reasons: [] } : {},
    materialsFromSharedData: [],
  };
}

describeEachStorage('daily summaries', (backend) => {
  it('are backfilled by the migration, count each new transaction once with its insert, and equal the raw transactions', async () => {
    const fresh = await openFreshClient(backend.name);
    const db = fresh.client;
    try {
      await migrate(
        db,
        migrations.filter((m) => m.version < 6),
      );
      const q = new Queries(db);
      for (const id of ['S-1', 'S-2', 'S-3']) await q.insertTerminal({ terminalId: id, secret: 'x', name: id, region: '370202', createdAt: now });
      const week = lastDays(now, 7);
      const at = (dayIndex: number, hour: number): Date => new Date(week.from.getTime() + dayIndex * 24 * HOUR + hour * HOUR);
      // Before the summaries exist: rows the backfill must count (raw inserts, as an older platform stored them).
      const before = [
        transaction('S-1', at(0, 1), 'application', 'item-a'),
        transaction('S-1', at(0, 23.5), 'application', 'item-a'), // 23:30 China time: still day 0
        transaction('S-2', at(3, 10), 'application', 'item-b'),
        transaction('S-2', at(3, 11), 'rating', 'rating', 4),
        transaction('S-2', at(-1, 12), 'application', 'item-a'), // before the window
      ];
      for (const t of before) {
        await db.query(
          `INSERT INTO transactions (terminal_id, transaction_id, request_hash, kind, item_code, case_number, created_at, received_at, payload, materials_from_shared_data)
           VALUES ($1, $2, 'h', $3, $4, $5, $6::timestamptz, $6::timestamptz, $7::jsonb, '[]'::jsonb)`,
          [t.terminalId, t.transactionId, t.kind, t.itemCode, t.caseNumber, t.createdAt.toISOString(), JSON.stringify(t.payload)],
        );
      }
      expect(await migrate(db)).toEqual(migrations.filter((m) => m.version >= 6).map((m) => m.version));

      // After: through the data-access layer, as submits store them.
      const after = [
        transaction('S-1', at(6, 2), 'application', 'item-a'),
        transaction('S-3', at(6, 3), 'application', 'item-c'),
        transaction('S-3', at(6, 4), 'application', 'item-c'),
        transaction('S-3', at(6, 5), 'rating', 'rating', 5),
        transaction('S-3', at(6, 6), 'rating', 'rating', 4),
        transaction('S-3', at(6, 7), 'rating', 'rating', 'five'), // not a level: a day's volume, no rating level
        transaction('S-1', at(7, 1), 'application', 'item-a'), // tomorrow: after the window
      ];
      for (const t of after) expect(await db.transaction((tx) => new Queries(tx).insertTransaction(t, []))).toBe(true);
      // A repeated submit inserts and counts nothing; neither does one whose storage transaction rolls back.
      for (const t of [after[0], after[3], before[0]]) expect(await db.transaction((tx) => new Queries(tx).insertTransaction(t as never, []))).toBe(false);
      await expect(
        db.transaction(async (tx) => {
          await new Queries(tx).insertTransaction(transaction('S-1', at(6, 8), 'application', 'item-a'), []);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');

      const ops = new OpsQueries(db);
      const stats = await ops.stats({ from: week.from, to: week.to, top: 10 });
      expect(stats).toEqual({
        perDay: [
          { day: week.days[0], kind: 'application', count: 2 },
          { day: week.days[3], kind: 'application', count: 1 },
          { day: week.days[3], kind: 'rating', count: 1 },
          { day: week.days[6], kind: 'application', count: 3 },
          { day: week.days[6], kind: 'rating', count: 3 },
        ],
        perItem: [
          { itemCode: 'item-a', count: 3 },
          { itemCode: 'item-c', count: 2 },
          { itemCode: 'item-b', count: 1 },
        ],
        perTerminal: [
          { terminalId: 'S-1', count: 3 },
          { terminalId: 'S-3', count: 2 },
          { terminalId: 'S-2', count: 1 },
        ],
        ratings: [
          { level: 4, count: 2 },
          { level: 5, count: 1 },
        ],
      });
      // The same as a scan of the raw rows, for every window, including a ranking cut short by `top`.
      for (const window of [
        { ...week, top: 10 },
        { ...lastDays(now, 1), top: 10 },
        { ...lastDays(now, 30), top: 1 },
        { ...lastDays(new Date(now.getTime() + 24 * HOUR), 7), top: 10 },
      ]) {
        expect(await ops.stats(window)).toEqual(await rawStats(db, window));
      }
    } finally {
      await fresh.close();
    }
  }, 60_000);
});
