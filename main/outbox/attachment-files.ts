// The outbox's attachment folder: one sealed file per attachment, named `<transaction id>.<index>.sealed`, written
// atomically. Files are checked against the size and SHA-256 their row records, without needing any key.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { AttachmentRow } from './outbox-store';
import { TEMP_PREFIX, fsyncDirectory, isTempName, removeFiles, writeFileAtomically } from './durable-files';
import { sha256 } from './transaction-crypto';

const SUFFIX = '.sealed';

export function attachmentFileName(id: string, index: number): string {
  return `${id}.${index}${SUFFIX}`;
}

/** The transaction id in a file name of this folder (temporary names included). */
export function transactionIdOf(name: string): string {
  const bare = isTempName(name) ? name.slice(TEMP_PREFIX.length) : name;
  return bare.split('.')[0] ?? '';
}

export type FileCheck = { ok: true; data: Buffer } | { ok: false; reason: string };

export class AttachmentFiles {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** Atomic, not yet durable: call sync() after the last file of a transaction. */
  async write(name: string, data: Uint8Array): Promise<void> {
    await writeFileAtomically(this.dir, name, data);
  }

  /** Makes the renames of write() durable. */
  async sync(): Promise<void> {
    await fsyncDirectory(this.dir);
  }

  async remove(names: Iterable<string>): Promise<number> {
    return removeFiles(this.dir, names);
  }

  async list(): Promise<{ temp: string[]; sealed: string[] }> {
    const names = await readdir(this.dir);
    return { temp: names.filter(isTempName), sealed: names.filter((n) => !isTempName(n)) };
  }

  /** The sealed file, if it is whole: the size and SHA-256 its row records. */
  async check(row: AttachmentRow): Promise<FileCheck> {
    let data: Buffer;
    try {
      data = await readFile(path.join(this.dir, row.file_name));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { ok: false, reason: `attachment corrupt: #${row.idx} ${code === 'ENOENT' ? 'missing' : `unreadable (${code ?? 'error'})`}` };
    }
    if (data.length !== row.size) return { ok: false, reason: `attachment corrupt: #${row.idx} is ${data.length} bytes, ${row.size} recorded` };
    if (sha256(data) !== row.sha256) return { ok: false, reason: `attachment corrupt: #${row.idx} SHA-256 mismatch` };
    return { ok: true, data };
  }
}
