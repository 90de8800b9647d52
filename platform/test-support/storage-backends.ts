// Runs a test suite once per storage backend: embedded PGlite (a temporary data directory) and PostgreSQL (DATABASE_URL
// when set, otherwise a private cluster started from Debian's postgresql for this test file). Each suite gets a fresh
// database: its own PGlite directory, or its own schema on PostgreSQL.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cp, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { migrations } from '../storage/migrations';
import { PlatformStorage } from '../storage/platform-storage';
import { openPostgresClient } from '../storage/postgres-client';
import { openPgliteClient } from '../storage/pglite-client';
import type { SqlClient } from '../storage/sql-client';
import { type PostgresCluster, findPostgresBin, startPostgresCluster } from './postgres-cluster';

export type BackendName = 'pglite' | 'postgres';

export interface Backend {
  name: BackendName;
  /** The suite's storage, open from beforeAll to afterAll. */
  readonly storage: PlatformStorage;
}

/** Opens a fresh, migrated storage on a backend; close() also removes it. */
export interface FreshStorage {
  storage: PlatformStorage;
  /** Closes `storage` and opens the same database again (a platform restart); `storage` is then the new one. */
  reopen(): Promise<PlatformStorage>;
  close(): Promise<void>;
}

let cluster: Promise<PostgresCluster> | undefined;
let users = 0;

/** Why PostgreSQL suites cannot run here, or undefined when they can. On CI they must: a missing server fails there. */
export function postgresUnavailable(): string | undefined {
  if (process.env.DATABASE_URL || findPostgresBin()) return undefined;
  return 'no PostgreSQL: set DATABASE_URL or install Debian package postgresql';
}

async function postgresUrl(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  cluster ??= startPostgresCluster();
  return (await cluster).url;
}

async function releasePostgres(): Promise<void> {
  users--;
  if (users === 0 && cluster) {
    const running = cluster;
    cluster = undefined;
    await (await running).stop();
  }
}

/** A private schema on the shared PostgreSQL: a URL whose search_path is that schema, and drop(), which also releases the server. */
async function openPostgresSchema(): Promise<{ url: string; drop(): Promise<void> }> {
  users++;
  try {
    const url = await postgresUrl();
    const schema = `test_${randomBytes(6).toString('hex')}`;
    const admin = await openPostgresClient({ url, poolSize: 1 });
    await admin.exec(`CREATE SCHEMA ${schema}`);
    const separator = url.includes('?') ? '&' : '?';
    return {
      url: `${url}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      async drop() {
        await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
        await admin.close();
        await releasePostgres();
      },
    };
  } catch (error) {
    await releasePostgres();
    throw error;
  }
}

/**
 * A migrated, closed PGlite directory to copy: creating a PGlite database takes seconds (initdb in WebAssembly),
 * copying one takes milliseconds. Shared by all test workers through the temporary folder, keyed by the schema and
 * the PGlite release (whose on-disk format may change).
 */
export async function pgliteTemplate(): Promise<string> {
  const pgliteEntry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const pglitePackage = readFileSync(path.join(path.dirname(pgliteEntry), '..', 'package.json'), 'utf8');
  const key = createHash('sha256').update(JSON.stringify(migrations)).update(pglitePackage).digest('hex').slice(0, 16);
  const dir = path.join(os.tmpdir(), `platform-pglite-template-${key}`);
  if (existsSync(path.join(dir, 'ready'))) return dir;
  const building = await mkdtemp(`${dir}-building-`);
  const storage = await PlatformStorage.open({ kind: 'pglite', dataDir: building });
  await storage.close();
  await writeFile(path.join(building, 'ready'), '');
  // Another worker may have finished first; then its copy is as good as ours.
  await rename(building, dir).catch(() => rm(building, { recursive: true, force: true }));
  return dir;
}

export async function openFreshStorage(name: BackendName): Promise<FreshStorage> {
  if (name === 'pglite') {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'platform-pglite-'));
    await cp(await pgliteTemplate(), dir, { recursive: true });
    const fresh: FreshStorage = {
      storage: await PlatformStorage.open({ kind: 'pglite', dataDir: dir }),
      async reopen() {
        await fresh.storage.close();
        fresh.storage = await PlatformStorage.open({ kind: 'pglite', dataDir: dir });
        return fresh.storage;
      },
      async close() {
        await fresh.storage.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
    return fresh;
  }
  const schema = await openPostgresSchema();
  try {
    const fresh: FreshStorage = {
      storage: await PlatformStorage.open({ kind: 'postgres', url: schema.url }),
      async reopen() {
        await fresh.storage.close();
        fresh.storage = await PlatformStorage.open({ kind: 'postgres', url: schema.url });
        return fresh.storage;
      },
      async close() {
        await fresh.storage.close();
        await schema.drop();
      },
    };
    return fresh;
  } catch (error) {
    await schema.drop();
    throw error;
  }
}

/** A fresh, empty, unmigrated database on a backend (for migration tests); close() also removes it. */
export async function openFreshClient(name: BackendName): Promise<{ client: SqlClient; close(): Promise<void> }> {
  if (name === 'pglite') {
    const client = await openPgliteClient({});
    return { client, close: () => client.close() };
  }
  const schema = await openPostgresSchema();
  try {
    const client = await openPostgresClient({ url: schema.url, poolSize: 2 });
    return {
      client,
      async close() {
        await client.close();
        await schema.drop();
      },
    };
  } catch (error) {
    await schema.drop();
    throw error;
  }
}

/** `describe` once per backend, with `backend.storage` open for the suite. */
export function describeEachStorage(title: string, suite: (backend: Backend) => void): void {
  for (const name of ['pglite', 'postgres'] as const) {
    const unavailable = name === 'postgres' ? postgresUnavailable() : undefined;
    if (unavailable && !process.env.CI) {
      // Skipped only on a developer machine without PostgreSQL, with the reason in the suite's name; under CI a missing
      // PostgreSQL fails the run instead (.ci/run installs it).
      describe.skip(`${title} [${name}: ${unavailable}]`, () => {});
      continue;
    }
    describe(`${title} [${name}]`, () => {
      let fresh: FreshStorage | undefined;
      const backend: Backend = {
        name,
        get storage() {
          if (!fresh) throw new Error('storage is open only inside tests');
          return fresh.storage;
        },
      };
      beforeAll(async () => {
        fresh = await openFreshStorage(name);
      }, 60_000);
      afterAll(async () => {
        await fresh?.close();
      }, 60_000);
      suite(backend);
    });
  }
}
