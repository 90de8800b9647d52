// A USB drive for tests: a tmpfs mounted where udisks would mount one, so the kernel's /proc/mounts lists it. Needs
// the right to mount (root in the CI container); `canMountTmpfs()` tells tests to skip where there is none.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

function mount(options: string, target: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', target], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export async function canMountTmpfs(): Promise<boolean> {
  const probe = await mkdtemp(path.join(tmpdir(), 'mount-probe-'));
  const mounted = mount('size=64k', probe);
  if (mounted) execFileSync('umount', [probe]);
  await rm(probe, { recursive: true, force: true });
  return mounted;
}

/** Mounts a tmpfs at `target` (created first); `options` as for mount(8), e.g. `size=64k` or `ro,size=64k`. */
export async function mountTmpfs(target: string, options = 'size=4m'): Promise<{ path: string; unmount(): void }> {
  await mkdir(target, { recursive: true });
  if (!mount(options, target)) throw new Error(`mount -t tmpfs -o ${options} ${target} failed`);
  return { path: target, unmount: () => execFileSync('umount', [target]) };
}
