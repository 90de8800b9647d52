// Page files after a scan: made durable (fsync of each file and of the folder, design.md "The outbox"), measured and
// hashed, so a transaction can reference them by path, size and SHA-256.
import { createHash } from 'node:crypto';
import { open, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ScanFormat, ScannedPage } from './scanner';

export const EXTENSION: Record<ScanFormat, string> = { png: 'png', jpeg: 'jpg' };

async function syncPath(file: string, read: boolean): Promise<Buffer | undefined> {
  const handle = await open(file, 'r');
  try {
    const content = read ? await handle.readFile() : undefined;
    await handle.sync();
    return content;
  } finally {
    await handle.close();
  }
}

/** `<prefix>-<n>.<ext>` files of one batch in `directory`, in page order. Leftover partial files are removed. */
export async function collectPages(directory: string, prefix: string, format: ScanFormat): Promise<ScannedPage[]> {
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)\\.${EXTENSION[format]}(\\.part)?$`);
  const found: { page: number; name: string }[] = [];
  for (const name of await readdir(directory)) {
    const match = pattern.exec(name);
    if (!match) continue;
    // scanimage writes a page to `<name>.part` and renames it when the page is whole: a .part is a page that failed.
    if (match[2]) await rm(path.join(directory, name), { force: true });
    else found.push({ page: Number(match[1]), name });
  }
  found.sort((a, b) => a.page - b.page);
  const pages: ScannedPage[] = [];
  for (const { page, name } of found) {
    const file = path.join(directory, name);
    const content = (await syncPath(file, true)) as Buffer;
    pages.push({ page, path: file, format, bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') });
  }
  if (pages.length > 0) await syncPath(directory, false);
  return pages;
}
