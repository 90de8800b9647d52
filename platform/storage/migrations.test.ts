// Migrations on both backends: applied once, recorded, kept across a restart, and a no-op on the next start.
import { expect, it } from 'vitest';
import { describeEachStorage, openFreshStorage } from '../test-support/storage-backends';
import { migrate, migrations } from './migrations';
import { openPgliteClient } from './pglite-client';

describeEachStorage('schema', (backend) => {
  it('is current after open, keeps its data across a restart, and is not migrated again', async () => {
    const fresh = await openFreshStorage(backend.name);
    try {
      await fresh.storage.q.insertTerminal({ terminalId: 'M-1', secret: 'x'.repeat(43), name: 'm', region: '370202', createdAt: new Date() });
      const reopened = await fresh.reopen();
      expect(reopened.appliedMigrations).toEqual([]);
      expect(await reopened.q.getTerminal('M-1')).toMatchObject({ terminalId: 'M-1', enabled: true });
    } finally {
      await fresh.close();
    }
  }, 30_000);
});

it('applies pending migrations in order, once, and records their versions', async () => {
  const db = await openPgliteClient({});
  try {
    const list = [
      { version: 1, name: 'one', sql: 'CREATE TABLE a (x integer); -- a comment; with a semicolon\nINSERT INTO a VALUES (1)' },
      { version: 2, name: 'two', sql: 'ALTER TABLE a ADD COLUMN y text' },
    ];
    expect(await migrate(db, list.slice(0, 1))).toEqual([1]);
    expect(await migrate(db, list)).toEqual([2]);
    expect(await migrate(db, list)).toEqual([]);
    const { rows } = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual([1, 2]);
    expect((await db.query('SELECT x, y FROM a')).rows).toEqual([{ x: 1, y: null }]);
    // The real list applies cleanly on top of nothing.
    const empty = await openPgliteClient({});
    try {
      expect(await migrate(empty)).toEqual(migrations.map((m) => m.version));
    } finally {
      await empty.close();
    }
  } finally {
    await db.close();
  }
}, 60_000);
