// Through the real file system: tmpfs mounts under a temporary mount root stand for USB drives (root may mount them
// here; where it may not, these tests are skipped and say so), so the kernel's own /proc/mounts finds them.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canMountTmpfs, mountTmpfs } from './test-support/tmpfs-drive';
import { exportLogsToUsb, findUsbDrives } from './usb-log-export';

const canMount = await canMountTmpfs();

describe.skipIf(!canMount)('log export to a USB drive (tmpfs mounts; needs mount rights)', () => {
  let root: string;
  let logDir: string;
  const mounted: { unmount(): void }[] = [];
  const now = new Date('2026-03-02T08:00:00.000Z');

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'usb-root-'));
    logDir = await mkdtemp(path.join(tmpdir(), 'usb-logs-'));
    await writeFile(path.join(logDir, 'kiosk.1.log'), '{"msg":"kiosk started"}\n{"msg":"receipt printed"}\n');
  });
  afterEach(async () => {
    for (const drive of mounted.splice(0)) drive.unmount();
    await rm(root, { recursive: true, force: true });
    await rm(logDir, { recursive: true, force: true });
  });

  async function drive(label: string, options?: string): Promise<string> {
    const mountedDrive = await mountTmpfs(path.join(root, 'kiosk', label), options);
    mounted.push(mountedDrive);
    return mountedDrive.path;
  }
  const exportNow = () => exportLogsToUsb({ logDir, mountRoots: [root], terminalId: 'T-1', versions: { app: '1.2.3' }, now });

  it('says there is no drive when nothing is mounted under the roots (a plain folder is not a drive)', async () => {
    await mkdir(path.join(root, 'kiosk', 'EMPTY'), { recursive: true });
    expect(await exportNow()).toMatchObject({ ok: false, code: 'noDrive' });
  });

  it('writes the logs and a manifest with their sha256 into a complete folder on the drive', async () => {
    const target = await drive('MY USB');
    expect(await findUsbDrives([root])).toEqual([target]);
    const result = await exportNow();
    const folder = path.join(target, 'gov-kiosk-logs', 'T-1-2026-03-02T08-00-00-000Z');
    expect(result).toMatchObject({ ok: true, folder, files: 2 });
    expect(await readdir(path.join(target, 'gov-kiosk-logs'))).toEqual(['T-1-2026-03-02T08-00-00-000Z']);
    const manifest = JSON.parse(await readFile(path.join(folder, 'manifest.json'), 'utf8')) as { terminalId: string; versions: object; files: { name: string; sha256: string }[] };
    expect(manifest).toMatchObject({ terminalId: 'T-1', exportedAt: now.toISOString(), versions: { app: '1.2.3' } });
    const [file] = manifest.files;
    const gzip = await readFile(path.join(folder, file?.name ?? ''));
    expect(createHash('sha256').update(gzip).digest('hex')).toBe(file?.sha256);
    expect(gunzipSync(gzip).toString()).toContain('receipt printed');
  });

  it('says a full drive is full and leaves no half-written folder', async () => {
    // Random bytes do not compress: more than the drive holds.
    await writeFile(path.join(logDir, 'kiosk.2.log'), randomBytes(256 * 1024).toString('base64'));
    const target = await drive('SMALL', 'size=64k');
    expect(await exportNow()).toMatchObject({ ok: false, code: 'driveFull' });
    expect(await readdir(path.join(target, 'gov-kiosk-logs')).catch(() => [])).toEqual([]);
  });

  it('says a read-only drive cannot be written', async () => {
    await drive('LOCKED', 'ro,size=64k');
    expect(await exportNow()).toMatchObject({ ok: false, code: 'driveReadOnly' });
  });
});
