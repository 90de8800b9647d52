// The outbox's factory, for the composition root: gets the device key, opens the database (WAL, synchronous=FULL,
// exclusive to this process), applies migrations, checks the key against the database, runs recovery.
import path from 'node:path';
import Database from 'better-sqlite3';
import { AttachmentFiles } from './attachment-files';
import { ensureDirectory } from './durable-files';
import type { KeyProtector, KeyProtectorErrorCode } from './key-protector';
import { migrate } from './migrations';
import { Outbox } from './outbox';
import { OutboxStore } from './outbox-store';
import { recover } from './recovery';
import { classifyStorageError } from './storage-errors';
import { keyCheckPasses, makeKeyCheck } from './transaction-crypto';
import { UuidV7Generator } from './uuidv7';

export interface OpenOutboxOptions {
  /** The kiosk's data directory; the outbox lives in its `outbox/` folder. */
  dataDir: string;
  /** Holds the device key (selectKeyProtector() picks one). */
  keyProtector: KeyProtector;
  /** Days the non-personal metadata of an acknowledged transaction is kept before its row is deleted. */
  retentionDays: number;
  /** Clock in milliseconds since the epoch; tests inject one. */
  now?: () => number;
  /**
   * accept() refuses a transaction that would leave less free space than this on the outbox's file system, so a
   * full disk never stops the queue from being delivered and purged (delivery writes a little, purging frees much).
   * Default 64 MiB; 0 turns the check off.
   */
  minFreeBytes?: number;
  /** How long to wait for another process holding the outbox (a previous kiosk still exiting); default 2000 ms. */
  lockTimeoutMs?: number;
}

export type OpenOutboxErrorCode =
  /** The device key could not be had; `keyError` says why (insecure key file, keystore gone...). */
  | 'keyUnavailable'
  /** The device key opens nothing in this outbox: the key was replaced or deleted. Nothing was changed. */
  | 'wrongDeviceKey'
  /** Another process has the outbox open. */
  | 'locked'
  /** The database was written by newer software. */
  | 'newerSchema'
  /** The database file is not a valid SQLite database. */
  | 'databaseCorrupt'
  | 'diskFull'
  | 'ioError';

export interface OpenOutboxError {
  code: OpenOutboxErrorCode;
  /** For staff and logs; no personal data, no key material. */
  message: string;
  keyError?: KeyProtectorErrorCode;
}

export type OpenOutboxResult = { ok: true; outbox: Outbox } | { ok: false; error: OpenOutboxError };

export function outboxPaths(dataDir: string): { dir: string; database: string; attachments: string } {
  const dir = path.join(path.resolve(dataDir), 'outbox');
  return { dir, database: path.join(dir, 'outbox.sqlite'), attachments: path.join(dir, 'attachments') };
}

const KEY_CHECK = 'device_key_check';

export async function openOutbox(options: OpenOutboxOptions): Promise<OpenOutboxResult> {
  if (!(options.retentionDays >= 0)) throw new RangeError('retentionDays must be 0 or more');
  const now = options.now ?? Date.now;
  const paths = outboxPaths(options.dataDir);

  const key = await options.keyProtector.deviceKey();
  if (!key.ok) return { ok: false, error: { code: 'keyUnavailable', message: key.error.message, keyError: key.error.code } };

  let db: Database.Database | undefined;
  try {
    await ensureDirectory(paths.attachments);
    db = new Database(paths.database, { timeout: options.lockTimeoutMs ?? 2_000 });
    // Exclusive: one process owns the outbox (a second kiosk on the same data directory would corrupt its state),
    // and WAL then keeps its index in process memory. The lock is taken by the first access, just below.
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Freed pages (purged payloads, wrapped keys) are overwritten with zeros.
    db.pragma('secure_delete = ON');
    const migrated = migrate(db);
    if (!migrated.ok) return closeWith(db, migrated.error);

    const check = db.prepare<[string], { value: Buffer }>('SELECT value FROM outbox_meta WHERE key = ?').get(KEY_CHECK);
    if (!check) {
      db.prepare('INSERT INTO outbox_meta (key, value) VALUES (?, ?)').run(KEY_CHECK, makeKeyCheck(key.key));
    } else if (!keyCheckPasses(key.key, check.value)) {
      const hint = key.created
        ? 'a new device key was just created, so the original was deleted or moved: restore it (and remove the new one)'
        : 'the device key was replaced: restore the original';
      return closeWith(db, { code: 'wrongDeviceKey', message: `the device key (${options.keyProtector.description}) does not open this outbox (${paths.database}); ${hint}. Nothing was changed.` });
    }

    const store = new OutboxStore(db);
    const ids = new UuidV7Generator(now);
    const lastId = store.maxId();
    if (lastId) ids.observe(lastId);
    const files = new AttachmentFiles(paths.attachments);
    const recovery = await recover({ store, files, deviceKey: key.key, now: now(), retentionMs: options.retentionDays * 86_400_000 });
    const outbox = new Outbox({ db, store, files, deviceKey: key.key, ids, now, retentionMs: options.retentionDays * 86_400_000, minFreeBytes: options.minFreeBytes ?? 64 * 2 ** 20, recovery, keyDescription: options.keyProtector.description });
    return { ok: true, outbox };
  } catch (error) {
    closeQuietly(db);
    key.key.fill(0);
    return { ok: false, error: openError(error, paths.database) };
  }
}

function closeWith(db: Database.Database, error: OpenOutboxError): { ok: false; error: OpenOutboxError } {
  closeQuietly(db);
  return { ok: false, error };
}

function closeQuietly(db: Database.Database | undefined): void {
  try {
    db?.close();
  } catch {
    // Closing after a failed open may fail too; the error that matters is the one returned.
  }
}

function openError(error: unknown, file: string): OpenOutboxError {
  if (error instanceof Database.SqliteError) {
    if (error.code.startsWith('SQLITE_BUSY') || error.code.startsWith('SQLITE_LOCKED')) return { code: 'locked', message: `${file} is in use by another process` };
    if (error.code === 'SQLITE_CORRUPT' || error.code === 'SQLITE_NOTADB') return { code: 'databaseCorrupt', message: `${file} is damaged (${error.code})` };
  }
  const classified = classifyStorageError(error, `opening ${file}`);
  if (!classified) throw error;
  return classified;
}
