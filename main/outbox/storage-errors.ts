// Turns the errors of a failed write (Node's errno errors, better-sqlite3's SqliteError) into the outbox's typed
// errors. Anything else is a bug and is not classified (the caller rethrows it).
import Database from 'better-sqlite3';

export interface StorageError {
  code: 'diskFull' | 'ioError';
  message: string;
}

const fullCodes = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);

export function classifyStorageError(error: unknown, doing: string): StorageError | undefined {
  if (error instanceof Database.SqliteError) {
    if (fullCodes.has(error.code)) return { code: 'diskFull', message: `${doing}: the disk is full (${error.code})` };
    return { code: 'ioError', message: `${doing}: ${error.code}` };
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (error instanceof Error && typeof code === 'string' && /^E[A-Z0-9]+$/.test(code)) {
    if (fullCodes.has(code)) return { code: 'diskFull', message: `${doing}: the disk is full (${code})` };
    // Only the code: the message would repeat the path, which is harmless, but the code is what staff can act on.
    return { code: 'ioError', message: `${doing}: ${code}` };
  }
  return undefined;
}
