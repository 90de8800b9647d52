// A real size-limited directory for full-disk tests: a tmpfs mount (needs root or CAP_SYS_ADMIN). probeTmpfs() tells,
// before tests are declared, whether mounting works here, so a test can be skipped with the reason in its name.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

function run(command: string, args: string[]): string | undefined {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) return `${command}: ${result.error.message}`;
  if (result.status !== 0) return `${command} ${args.join(' ')}: ${(result.stderr || result.stdout).trim() || `exit ${result.status}`}`;
  return undefined;
}

/** undefined when a tmpfs can be mounted here, else why not. */
export function probeTmpfs(): string | undefined {
  const dir = mkdtempSync(path.join(tmpdir(), 'tmpfs-probe-'));
  try {
    const failed = run('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]);
    if (failed) return `cannot mount a tmpfs (${failed})`;
    return run('umount', [dir]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Tmpfs {
  dir: string;
  /** Grows or shrinks the file system in place, as when staff free space on a full disk. */
  resize(size: string): void;
  unmount(): void;
}

export function mountTmpfs(size: string): Tmpfs {
  const dir = mkdtempSync(path.join(tmpdir(), 'tmpfs-'));
  const failed = run('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir]);
  if (failed) throw new Error(failed);
  return {
    dir,
    resize(newSize) {
      const error = run('mount', ['-o', `remount,size=${newSize}`, dir]);
      if (error) throw new Error(error);
    },
    unmount() {
      const error = run('umount', [dir]);
      if (error) throw new Error(error);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
