import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Migration, migrate, outboxMigrations } from './migrations';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'outbox-migrations-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function open(): Database.Database {
  return new Database(path.join(dir, 'db.sqlite'));
}

const versions = (db: Database.Database) => (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version);

describe('migrate', () => {
  it('applies the outbox schema once and records its version', () => {
    const db = open();
    expect(migrate(db)).toEqual({ ok: true, version: outboxMigrations.length, applied: outboxMigrations.map((m) => m.version) });
    expect(migrate(db)).toEqual({ ok: true, version: outboxMigrations.length, applied: [] });
    expect(versions(db)).toEqual(outboxMigrations.map((m) => m.version));
    db.close();
  });

  it('rolls a failing migration back whole and keeps the earlier ones', () => {
    const db = open();
    const broken: Migration[] = [
      { version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER)' },
      { version: 2, name: 'two', sql: 'CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1)' },
    ];
    expect(() => migrate(db, broken)).toThrow(/nowhere/);
    expect(versions(db)).toEqual([1]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
    db.close();
  });

  it('refuses a database written by newer software', () => {
    const db = open();
    migrate(db, [{ version: 7, name: 'future', sql: 'CREATE TABLE f (x INTEGER)' }]);
    const result = migrate(db, [{ version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER)' }]);
    expect(result).toMatchObject({ ok: false, error: { code: 'newerSchema' } });
    db.close();
  });
});
