// Reading a file that must be private to the kiosk's user (the device key or its sealed form): refused when group or
// others may read or write it, or when another user owns it. Refused, not repaired: someone changed it, and staff
// should know.
import { constants } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { type KeyProtectorError, keyIoError } from './key-protector';

export type PrivateFileResult = { ok: true; bytes: Buffer } | { ok: false; error: KeyProtectorError } | 'missing';

/** `what` names the file in messages, e.g. 'key file'. */
export async function readPrivateFile(file: string, what: string): Promise<PrivateFileResult> {
  let handle: FileHandle;
  try {
    // O_NOFOLLOW: a symlink planted in place of the key is refused (ELOOP), not followed.
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    return keyIoError(`${what} ${file}`, error);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return { ok: false, error: { code: 'invalidKeyFile', message: `${what} ${file} is not a regular file` } };
    const mode = stats.mode & 0o777;
    if ((mode & 0o077) !== 0) {
      const octal = mode.toString(8).padStart(4, '0');
      return {
        ok: false,
        error: { code: 'insecureKeyFile', message: `${what} ${file} has mode ${octal}: group or others may read or write it; refusing it (find out who changed it, then chmod 600)` },
      };
    }
    const uid = process.getuid?.();
    if (uid !== undefined && stats.uid !== uid) {
      return { ok: false, error: { code: 'insecureKeyFile', message: `${what} ${file} belongs to uid ${stats.uid}, not to this process (uid ${uid}); refusing it` } };
    }
    return { ok: true, bytes: await handle.readFile() };
  } catch (error) {
    return keyIoError(`${what} ${file}`, error);
  } finally {
    await handle.close().catch(() => {});
  }
}
