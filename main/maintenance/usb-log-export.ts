// Staff's "export logs to a USB drive": find the mounted removable drive under the configured mount roots, then write
// the redacted logs (the remote `collectLogs` collection, main/commands/collect-logs.ts) and a manifest to it. The
// folder is written under a temporary name, every file fsynced, then renamed: a drive pulled out half-way leaves a
// `.tmp` folder, never a folder that looks complete.
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { gatherLogs } from '../commands/collect-logs';
import { fsyncDirectory } from '../outbox/durable-files';

export type UsbExportResult =
  | { ok: true; folder: string; files: number; bytes: number }
  | { ok: false; code: 'noDrive' | 'driveFull' | 'driveReadOnly' | 'failed'; detail: string };

export interface UsbExportOptions {
  logDir: string;
  mountRoots: readonly string[];
  terminalId: string;
  versions: Record<string, string>;
  now: Date;
}

/** Decodes the octal escapes of /proc/mounts (`\040` is a space in a volume label). */
function unescapeMountPath(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
}

/**
 * Mount points strictly inside one of the roots (`/media/<user>/<label>`, `/run/media/<user>/<label>`), in the
 * order the kernel lists them: the first is the drive. Without a mount table (not Linux) there is no drive.
 */
export async function findUsbDrives(mountRoots: readonly string[]): Promise<string[]> {
  const table = await readFile('/proc/mounts', 'utf8').catch(() => '');
  const roots = mountRoots.map((root) => path.resolve(root));
  return table
    .split('\n')
    .map((line) => line.split(' ')[1])
    .filter((field): field is string => field !== undefined)
    .map(unescapeMountPath)
    .filter((mountPoint) => roots.some((root) => mountPoint.startsWith(`${root}${path.sep}`)));
}

export async function exportLogsToUsb(options: UsbExportOptions): Promise<UsbExportResult> {
  const [drive] = await findUsbDrives(options.mountRoots);
  if (drive === undefined) return { ok: false, code: 'noDrive', detail: `no drive mounted under ${options.mountRoots.join(', ')}` };
  const logs = await gatherLogs(options.logDir, options.now);
  if (!logs.ok) return { ok: false, code: 'failed', detail: logs.reason };

  const stamp = options.now.toISOString().replace(/[:.]/g, '-');
  const parent = path.join(drive, 'gov-kiosk-logs');
  const folder = path.join(parent, `${options.terminalId}-${stamp}`);
  const temporary = `${folder}.tmp`;
  const manifest = {
    terminalId: options.terminalId,
    exportedAt: options.now.toISOString(),
    versions: options.versions,
    files: [{ name: logs.name, bytes: logs.gzip.length, sha256: createHash('sha256').update(logs.gzip).digest('hex'), logFiles: logs.files, textBytes: logs.bytes }],
  };
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  try {
    // Step by step: a recursive mkdir on a read-only file system reports ENOENT instead of EROFS.
    await mkdir(parent).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    await mkdir(temporary);
    await writeSynced(path.join(temporary, logs.name), logs.gzip);
    await writeSynced(path.join(temporary, 'manifest.json'), manifestBytes);
    await syncDirectory(temporary);
    await rename(temporary, folder);
    await syncDirectory(parent);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true }).catch(() => {});
    return describeWriteError(error, drive);
  }
  return { ok: true, folder, files: (await readdir(folder)).length, bytes: logs.gzip.length + manifestBytes.length };
}

// Not durable-files' writeFileAtomically: that one makes files 0600, which a clerk's own account on another computer
// could not read from an ext4-formatted drive; the temporary folder already keeps a half-written export apart.
async function writeSynced(file: string, bytes: Buffer): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes a rename or a new entry durable; some file systems (vfat on some kernels) refuse fsync on a folder. */
const syncDirectory = (dir: string): Promise<void> => fsyncDirectory(dir).catch(() => {});

function describeWriteError(error: unknown, drive: string): UsbExportResult {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return { ok: false, code: 'driveFull', detail: `${drive}: the drive is full` };
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return { ok: false, code: 'driveReadOnly', detail: `${drive}: the drive cannot be written (${code})` };
  return { ok: false, code: 'failed', detail: `${drive}: ${code ?? (error instanceof Error ? error.message : String(error))}` };
}

/** For the audit: how much went where, without the drive's label (it may carry a person's name). */
export function exportSummary(result: UsbExportResult): string {
  return result.ok ? `${result.files} files, ${result.bytes} bytes` : `${result.code}`;
}
