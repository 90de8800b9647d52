import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SafeStorageLike } from './safe-storage-key-protector';
import { keyFiles, selectKeyProtector } from './select-key-protector';
import { tempDataDir } from './test-support/outbox-fixture';

const keystore = (backend: string): SafeStorageLike => ({
  getSelectedStorageBackend: () => backend,
  isAsyncEncryptionAvailable: async () => true,
  encryptStringAsync: async (text) => Buffer.from(text),
  decryptStringAsync: async (data) => ({ shouldReEncrypt: false, result: data.toString() }),
});

let temp: ReturnType<typeof tempDataDir>;
beforeEach(() => {
  temp = tempDataDir('select-key-');
});
afterEach(() => temp.remove());

function touch(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, '');
}

describe('selectKeyProtector', () => {
  it('uses the OS keystore on a fresh kiosk that has one', async () => {
    const { protector } = await selectKeyProtector({ dataDir: temp.dataDir, safeStorage: keystore('kwallet6') });
    expect(protector.description).toMatch(/^Electron safeStorage \(kwallet6\)/);
  });

  it('falls back to the key file without a keystore, or with basic_text', async () => {
    expect((await selectKeyProtector({ dataDir: temp.dataDir })).protector.description).toMatch(/^key file /);
    const basic = await selectKeyProtector({ dataDir: temp.dataDir, safeStorage: keystore('basic_text') });
    expect(basic.protector.description).toMatch(/^key file /);
    expect(basic.why).toContain('basic_text');
  });

  it('keeps the key file once it exists, even when a keystore appears', async () => {
    touch(keyFiles(temp.dataDir).keyFile);
    const { protector } = await selectKeyProtector({ dataDir: temp.dataDir, safeStorage: keystore('gnome_libsecret') });
    expect(protector.description).toMatch(/^key file /);
  });

  it('keeps the keystore once its sealed key exists, and says so clearly where the keystore is out of reach', async () => {
    touch(keyFiles(temp.dataDir).sealedKeyFile);
    const { protector } = await selectKeyProtector({ dataDir: temp.dataDir });
    expect(await protector.deviceKey()).toMatchObject({ ok: false, error: { code: 'keystoreUnavailable', message: expect.stringContaining('only the Electron shell') } });
  });
});
