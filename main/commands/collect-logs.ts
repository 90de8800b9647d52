// `collectLogs`: the newest part of the kiosk's log files, gzip-compressed, as a command result's artifact. The
// logger drops personal data before a line is written (main/logging), so the files are safe to send as they are.
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { type CommandArtifact, maxCommandArtifactBytes } from '../../contracts/remote-operations';

/** Log text taken at most (newest last); JSON lines compress about tenfold, so the gzip stays well under the cap. */
const MAX_TEXT_BYTES = 4 * 1024 * 1024;

export type CollectedLogs = { ok: true; artifact: CommandArtifact; files: number; bytes: number } | { ok: false; reason: string };
/** The same, as bytes: for staff's export to a USB drive (main/maintenance/usb-log-export.ts). */
export type GatheredLogs = { ok: true; name: string; gzip: Buffer; files: number; bytes: number } | { ok: false; reason: string };

export async function collectLogs(logDir: string, now: Date): Promise<CollectedLogs> {
  const gathered = await gatherLogs(logDir, now);
  if (!gathered.ok) return gathered;
  const { name, gzip, files, bytes } = gathered;
  return { ok: true, artifact: { name, contentType: 'application/gzip', base64: gzip.toString('base64') }, files, bytes };
}

export async function gatherLogs(logDir: string, now: Date): Promise<GatheredLogs> {
  let names: string[];
  try {
    names = (await readdir(logDir)).filter((n) => n.endsWith('.log'));
  } catch (error) {
    return { ok: false, reason: `the log folder cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}` };
  }
  const files = await Promise.all(names.map(async (name) => ({ name, mtimeMs: (await stat(path.join(logDir, name))).mtimeMs })));
  files.sort((a, b) => a.mtimeMs - b.mtimeMs || a.name.localeCompare(b.name));
  const parts: Buffer[] = [];
  let total = 0;
  for (const file of files.reverse()) {
    if (total >= MAX_TEXT_BYTES) break;
    const text = await readFile(path.join(logDir, file.name));
    const part = text.length > MAX_TEXT_BYTES - total ? text.subarray(text.length - (MAX_TEXT_BYTES - total)) : text;
    parts.unshift(part);
    total += part.length;
  }
  let joined = Buffer.concat(parts);
  let gzip = gzipSync(joined);
  // Keep the newest lines when even the compressed text is over the cap.
  while (gzip.length > maxCommandArtifactBytes && joined.length > 1024) {
    joined = joined.subarray(Math.floor(joined.length / 2));
    gzip = gzipSync(joined);
  }
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return { ok: true, name: `kiosk-logs-${stamp}.log.gz`, gzip, files: parts.length, bytes: joined.length };
}
