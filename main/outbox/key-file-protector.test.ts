import { chmodSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeyFileProtector } from './key-file-protector';
import { tempDataDir } from './test-support/outbox-fixture';

let temp: ReturnType<typeof tempDataDir>;
let file: string;
beforeEach(() => {
  temp = tempDataDir('key-file-');
  file = path.join(temp.dataDir, 'keys', 'device.key');
});
afterEach(() => temp.remove());

describe('key file protector', () => {
  it('creates a random 32-byte key with mode 0600 in a 0700 folder, then loads the same key', async () => {
    const first = await createKeyFileProtector({ file }).deviceKey();
    expect(first).toMatchObject({ ok: true, created: true });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    const second = await createKeyFileProtector({ file }).deviceKey();
    expect(second).toMatchObject({ ok: true, created: false });
    expect(first.ok && second.ok && first.key.equals(second.key)).toBe(true);
    expect(first.ok && first.key.equals(readFileSync(file))).toBe(true);
  });

  it('gives two starters racing on first run the same key', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => createKeyFileProtector({ file }).deviceKey()));
    const keys = new Set(results.map((r) => (r.ok ? r.key.toString('hex') : r.error.code)));
    expect(keys.size).toBe(1);
    expect(results.filter((r) => r.ok && r.created)).toHaveLength(1);
  });

  it.each([0o644, 0o640, 0o604, 0o620, 0o602])('refuses a key file with mode %o', async (mode) => {
    await createKeyFileProtector({ file }).deviceKey();
    chmodSync(file, mode);
    const result = await createKeyFileProtector({ file }).deviceKey();
    expect(result).toMatchObject({ ok: false, error: { code: 'insecureKeyFile', message: expect.stringContaining(`has mode 0${mode.toString(8)}`) } });
  });

  it('refuses a key file of the wrong size and a symlink', async () => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, Buffer.alloc(16), { mode: 0o600 });
    expect(await createKeyFileProtector({ file }).deviceKey()).toMatchObject({ ok: false, error: { code: 'invalidKeyFile', message: expect.stringContaining('16 bytes') } });
    const link = path.join(path.dirname(file), 'link.key');
    symlinkSync(file, link);
    expect(await createKeyFileProtector({ file: link }).deviceKey()).toMatchObject({ ok: false, error: { code: 'ioError', message: expect.stringContaining('ELOOP') } });
  });
});
