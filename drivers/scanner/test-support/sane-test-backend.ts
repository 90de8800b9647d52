// A SANE configuration with only the `test` backend (sane-backends' frontend tester: virtual devices test:0 and
// test:1 with a flatbed and a 10-page feeder, and options that make sane_start/sane_read fail on demand), in a temp
// folder, so tests never touch /etc/sane.d or real scanners.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const scanimagePath = ['/usr/bin/scanimage', '/usr/local/bin/scanimage'].find((p) => existsSync(p));
export const SANE_DEBIAN_PACKAGES = 'sane-utils (libsane1 brings the test backend)';

export interface SaneTestConfig {
  /** The environment for scanimage: this config folder only, and a plain PATH. */
  env: Record<string, string>;
  dir: string;
  remove(): Promise<void>;
}

export async function createSaneTestConfig(): Promise<SaneTestConfig> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-sane-'));
  await writeFile(path.join(dir, 'dll.conf'), 'test\n');
  return {
    dir,
    // No trailing ':' on SANE_CONFIG_DIR: the system folders are not searched after it.
    env: { SANE_CONFIG_DIR: dir, PATH: '/usr/local/bin:/usr/bin:/bin' },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
