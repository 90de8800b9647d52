import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumArgs, findChromium } from './chromium-launcher';

describe('chromium launcher', () => {
  it('finds the first executable candidate and skips missing or non-executable ones', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'chromium-'));
    const plain = path.join(dir, 'not-executable');
    const good = path.join(dir, 'chromium');
    await writeFile(plain, '');
    await writeFile(good, '#!/bin/sh\n');
    await chmod(good, 0o755);
    expect(findChromium([path.join(dir, 'missing'), plain, good])).toBe(good);
    expect(findChromium([path.join(dir, 'missing')])).toBeUndefined();
  });

  it('opens the page as a kiosk app window with its own profile', () => {
    const args = chromiumArgs({ url: 'http://127.0.0.1:1/#token=t', userDataDir: '/tmp/p', kiosk: true, runningAsRoot: false });
    expect(args).toContain('--kiosk');
    expect(args).toContain('--app=http://127.0.0.1:1/#token=t');
    expect(args).toContain('--user-data-dir=/tmp/p');
    expect(args).not.toContain('--no-sandbox');
    expect(chromiumArgs({ url: 'u', userDataDir: 'd', kiosk: false, runningAsRoot: true })).toEqual(
      expect.arrayContaining(['--start-maximized', '--no-sandbox']),
    );
  });
});
