// SqlClient on PGlite: PostgreSQL compiled to WebAssembly, running in this process on a data directory. The embedded
// default: `npm run platform` needs nothing installed. One connection; PGlite runs queries and transactions one at a
// time, so a transaction never interleaves with other work.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { SqlClient, SqlExecutor, SqlResult } from './sql-client';

export interface PgliteClientOptions {
  /** The database directory, created when missing; undefined keeps the database in memory (gone at close). */
  dataDir?: string;
}

function executor(db: PGlite | Transaction): SqlExecutor {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<SqlResult<Row>> {
      const result = await db.query<Row>(sql, params as unknown[]);
      return { rows: result.rows, rowCount: result.affectedRows ?? 0 };
    },
  };
}

/**
 * Two processes on one PGlite directory would corrupt it, so the directory holds a lock file with the owner's pid. A
 * lock left by a process that died (killed, power cut) is taken over.
 */
function lockDirectory(dir: string): () => void {
  const file = path.join(dir, 'platform.lock');
  for (;;) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(file, 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new Error(`the platform database ${dir} is in use by process ${owner}`, { cause: error });
      }
      rmSync(file, { force: true });
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function openPgliteClient(options: PgliteClientOptions): Promise<SqlClient> {
  let unlock = (): void => {};
  let db: PGlite;
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    unlock = lockDirectory(options.dataDir);
    db = new PGlite(path.join(options.dataDir, 'pgdata'));
  } else {
    db = new PGlite();
  }
  try {
    await db.waitReady;
  } catch (error) {
    unlock();
    throw error;
  }
  const base = executor(db);
  return {
    dialect: 'pglite',
    query: base.query,
    transaction: (fn) => db.transaction((tx) => fn(executor(tx))),
    async exec(sql) {
      await db.exec(sql);
    },
    async close() {
      try {
        await db.close();
      } finally {
        unlock();
      }
    },
  };
}
