import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SafeStorageLike, createSafeStorageKeyProtector } from './safe-storage-key-protector';
import { tempDataDir } from './test-support/outbox-fixture';

/**
 * A fake of Electron's safeStorage: a keyring holding one secret (AES-256-CBC like Chromium's OSCrypt on Linux).
 * `keyring` swapped: another user's or machine's keystore, which cannot decrypt.
 */
class FakeSafeStorage implements SafeStorageLike {
  backend = 'gnome_libsecret';
  available = true;
  keyring = randomBytes(32);
  reEncrypt = false;
  calls: string[] = [];

  getSelectedStorageBackend(): string {
    return this.backend;
  }

  async isAsyncEncryptionAvailable(): Promise<boolean> {
    return this.available;
  }

  async encryptStringAsync(plainText: string): Promise<Buffer> {
    this.calls.push('encrypt');
    const iv = randomBytes(16);
    const cipher = createCipheriv('aes-256-cbc', this.keyring, iv);
    return Buffer.concat([Buffer.from('v11'), iv, cipher.update(plainText, 'utf8'), cipher.final()]);
  }

  async decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> {
    this.calls.push('decrypt');
    const decipher = createDecipheriv('aes-256-cbc', this.keyring, encrypted.subarray(3, 19));
    const result = Buffer.concat([decipher.update(encrypted.subarray(19)), decipher.final()]).toString('utf8');
    return { shouldReEncrypt: this.reEncrypt, result };
  }
}

let temp: ReturnType<typeof tempDataDir>;
let file: string;
let safeStorage: FakeSafeStorage;
beforeEach(() => {
  temp = tempDataDir('safe-storage-');
  file = path.join(temp.dataDir, 'keys', 'device.safe-storage');
  safeStorage = new FakeSafeStorage();
});
afterEach(() => temp.remove());

describe('safeStorage key protector', () => {
  it('creates a device key, stores only its sealed form (0600), and opens it again', async () => {
    const protector = createSafeStorageKeyProtector({ safeStorage, file });
    expect(protector.description).toContain('gnome_libsecret');
    const first = await protector.deviceKey();
    expect(first).toMatchObject({ ok: true, created: true });
    const key = first.ok ? first.key : Buffer.alloc(0);
    expect(key).toHaveLength(32);
    const stored = readFileSync(file);
    expect(stored.includes(key)).toBe(false);
    expect(stored.includes(Buffer.from(key.toString('base64')))).toBe(false);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = await createSafeStorageKeyProtector({ safeStorage, file }).deviceKey();
    expect(second.ok && second.key.equals(key) && !second.created).toBe(true);
  });

  it.each(['basic_text', 'unknown'])('refuses the %s backend without touching the keystore', async (backend) => {
    safeStorage.backend = backend;
    const result = await createSafeStorageKeyProtector({ safeStorage, file }).deviceKey();
    expect(result).toMatchObject({ ok: false, error: { code: 'keystoreUnavailable', message: expect.stringContaining(backend) } });
    expect(safeStorage.calls).toEqual([]);
  });

  it('refuses when encryption is not available', async () => {
    safeStorage.available = false;
    expect(await createSafeStorageKeyProtector({ safeStorage, file }).deviceKey()).toMatchObject({ ok: false, error: { code: 'keystoreUnavailable' } });
  });

  it('reports a keystore that cannot open the sealed key, and does not replace it', async () => {
    await createSafeStorageKeyProtector({ safeStorage, file }).deviceKey();
    const sealed = readFileSync(file);
    safeStorage.keyring = randomBytes(32);
    expect(await createSafeStorageKeyProtector({ safeStorage, file }).deviceKey()).toMatchObject({ ok: false, error: { code: 'keystoreFailed' } });
    expect(readFileSync(file).equals(sealed)).toBe(true);
  });

  it('re-seals the key when the keystore asks for it, keeping the same key', async () => {
    const first = await createSafeStorageKeyProtector({ safeStorage, file }).deviceKey();
    const sealed = readFileSync(file);
    safeStorage.reEncrypt = true;
    const second = await createSafeStorageKeyProtector({ safeStorage, file }).deviceKey();
    expect(first.ok && second.ok && first.key.equals(second.key)).toBe(true);
    expect(readFileSync(file).equals(sealed)).toBe(false);
    safeStorage.reEncrypt = false;
    const third = await createSafeStorageKeyProtector({ safeStorage, file }).deviceKey();
    expect(first.ok && third.ok && first.key.equals(third.key)).toBe(true);
  });
});
