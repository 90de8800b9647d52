// File operations that survive a power cut at any instant. A file becomes visible under its final name only whole
// and on disk: written to a temporary name in the same directory, fsynced, renamed; the rename itself is made durable
// by fsyncing the directory. Temporary names start with TEMP_PREFIX so recovery can find and remove leftovers.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { type FileHandle, link, mkdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

export const TEMP_PREFIX = '.tmp-';

export function isTempName(name: string): boolean {
  return name.startsWith(TEMP_PREFIX);
}

/** fsync a directory, making the creations, renames and deletions of entries in it durable. */
export async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Creates a directory (and missing parents) with mode 0700 and makes the new entries durable. */
export async function ensureDirectory(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true, mode: 0o700 });
  if (first === undefined) return;
  // Each new directory's entry lives in its parent, from the first one created down to `dir`.
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    await fsyncDirectory(path.dirname(current));
    if (current === path.resolve(first)) break;
  }
}

async function writeTemp(dir: string, tempName: string, data: Uint8Array): Promise<string> {
  const temp = path.join(dir, tempName);
  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, 'wx', 0o600);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    return temp;
  } catch (error) {
    await handle?.close().catch(() => {});
    await unlink(temp).catch(() => {});
    throw error;
  }
}

/**
 * Writes `data` to `dir/name` atomically (replacing a file of that name). The caller fsyncs `dir` afterwards (once
 * for several files). On failure nothing new is left behind and the error is rethrown.
 */
export async function writeFileAtomically(dir: string, name: string, data: Uint8Array): Promise<void> {
  const temp = await writeTemp(dir, `${TEMP_PREFIX}${name}`, data);
  try {
    await rename(temp, path.join(dir, name));
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
}

/**
 * Creates `file` with `data` only if no file of that name exists, atomically and durably (directory fsynced):
 * written under a temporary name opened with O_EXCL, then hard-linked to the final name, which fails if the name is
 * taken. Resolves 'exists' when another writer was first.
 */
export async function createFileExclusively(file: string, data: Uint8Array): Promise<'created' | 'exists'> {
  const dir = path.dirname(file);
  const temp = await writeTemp(dir, `${TEMP_PREFIX}${path.basename(file)}.${randomBytes(6).toString('hex')}`, data);
  try {
    await link(temp, file);
    return 'created';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
    throw error;
  } finally {
    await unlink(temp).catch(() => {});
    await fsyncDirectory(dir);
  }
}

/** Removes files of `dir` (missing ones are fine) and fsyncs the directory. Resolves how many were removed. */
export async function removeFiles(dir: string, names: Iterable<string>): Promise<number> {
  let removed = 0;
  for (const name of names) {
    try {
      await unlink(path.join(dir, name));
      removed++;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  if (removed > 0) await fsyncDirectory(dir);
  return removed;
}
