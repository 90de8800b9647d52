// SqlClient on PostgreSQL through a `pg` pool: the production storage.
import pg from 'pg';
import { type SqlClient, type SqlExecutor, type SqlResult, StorageUnavailableError } from './sql-client';

export interface PostgresClientOptions {
  /** A libpq connection URL, e.g. postgres://user:pass@db.internal:5432/platform. */
  url: string;
  /** Connections in the pool. */
  poolSize?: number;
}

/** serialization_failure, deadlock_detected: the transaction may simply be run again. */
const RETRYABLE = new Set(['40001', '40P01']);
/** Runs of one transaction before the failure is passed on (the client then retries the request). */
const MAX_RUNS = 5;

function executor(client: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<SqlResult<Row>> {
      try {
        const result = await client.query(sql, params as unknown[]);
        return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
      } catch (error) {
        throw classify(error);
      }
    },
  };
}

/** Connection failures become StorageUnavailableError; SQL errors stay as they are. */
function classify(error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EPIPE|57P0[123]|08\w{3})$/.test(code)) {
    return new StorageUnavailableError(`PostgreSQL unavailable (${code})`, { cause: error });
  }
  if (error instanceof Error && /Connection terminated|connection timeout/i.test(error.message)) {
    return new StorageUnavailableError(`PostgreSQL unavailable: ${error.message}`, { cause: error });
  }
  return error;
}

export async function openPostgresClient(options: PostgresClientOptions): Promise<SqlClient> {
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, connectionTimeoutMillis: 10_000 });
  // An idle connection that breaks (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const base = executor(pool);
  await base.query('SELECT 1');
  return {
    dialect: 'postgres',
    query: base.query,
    async transaction(fn) {
      for (let run = 1; ; run++) {
        let client: pg.PoolClient;
        try {
          client = await pool.connect();
        } catch (error) {
          throw classify(error);
        }
        let broken = false;
        try {
          await client.query('BEGIN');
          const result = await fn(executor(client));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          try {
            await client.query('ROLLBACK');
          } catch {
            broken = true;
          }
          const code = (error as { code?: unknown }).code;
          if (typeof code === 'string' && RETRYABLE.has(code) && run < MAX_RUNS) continue;
          throw classify(error);
        } finally {
          client.release(broken);
        }
      }
    },
    async exec(sql) {
      try {
        await pool.query(sql);
      } catch (error) {
        throw classify(error);
      }
    },
    close: () => pool.end(),
  };
}
