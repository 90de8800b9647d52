// What the data-access layer needs of a database: parameterised queries and transactions. Two implementations, one
// for the embedded PGlite and one for PostgreSQL through `pg`, so the same SQL and the same DAL run on both.

export interface SqlResult<Row> {
  rows: Row[];
  /** Rows inserted, updated or deleted by the statement. */
  rowCount: number;
}

export interface SqlExecutor {
  /** One statement with `$1`-style parameters. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<SqlResult<Row>>;
}

export interface SqlClient extends SqlExecutor {
  readonly dialect: 'pglite' | 'postgres';
  /**
   * Runs `fn` in a transaction (READ COMMITTED) and commits, or rolls back when it throws. On PostgreSQL a
   * serialization failure or deadlock runs `fn` again from the start, so `fn` must have no effect outside the database.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** A storage failure the caller can answer with 503: the database is unreachable or gone. */
export class StorageUnavailableError extends Error {
  override readonly name = 'StorageUnavailableError';
}
