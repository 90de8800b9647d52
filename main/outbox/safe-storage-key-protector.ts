// The device key held by the OS keystore through Electron's safeStorage (Keychain, DPAPI, libsecret/KWallet). The
// key is random; what is stored on disk is its safeStorage-sealed form, in a 0600 file created on first use.
// safeStorage is passed in (main/electron owns the `electron` import); a structural type keeps this file
// testable with a fake under plain Node.
//
// On Linux, a `basic_text` backend seals with a password hard-coded in Chromium: no protection at all, so it counts
// as no keystore and the key file is used instead (select-key-protector.ts).
import path from 'node:path';
import { createFileExclusively, ensureDirectory, fsyncDirectory, writeFileAtomically } from './durable-files';
import { type DeviceKeyResult, type KeyProtector, type KeyProtectorError, keyIoError } from './key-protector';
import { readPrivateFile } from './private-file';
import { KEY_BYTES, newKey } from './sealing';

/** The part of Electron's `safeStorage` used here (Electron ≥ 38 async API). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
  /** Linux only. */
  getSelectedStorageBackend?(): string;
}

/** Why safeStorage cannot protect the key here, or undefined when it can. Call after Electron's `ready`. */
export async function safeStorageUnusable(safeStorage: SafeStorageLike): Promise<string | undefined> {
  const backend = safeStorage.getSelectedStorageBackend?.();
  if (backend === 'basic_text') return 'Electron safeStorage uses the basic_text backend (no OS keystore)';
  if (backend === 'unknown') return 'Electron safeStorage backend is unknown (asked before the app was ready?)';
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return 'Electron safeStorage encryption is not available';
  return undefined;
}

export function createSafeStorageKeyProtector(options: {
  safeStorage: SafeStorageLike;
  /** The sealed key's file, e.g. `<dataDir>/keys/outbox-device.safe-storage`. */
  file: string;
}): KeyProtector {
  const { safeStorage } = options;
  const file = path.resolve(options.file);
  const backend = safeStorage.getSelectedStorageBackend?.();
  const unavailable = (message: string): DeviceKeyResult => ({ ok: false, error: { code: 'keystoreUnavailable', message } });

  async function load(): Promise<DeviceKeyResult | 'missing'> {
    const read = await readPrivateFile(file, 'sealed key file');
    if (read === 'missing' || !read.ok) return read;
    let opened: { shouldReEncrypt: boolean; result: string };
    try {
      opened = await safeStorage.decryptStringAsync(read.bytes);
    } catch (error) {
      const failed: KeyProtectorError = {
        code: 'keystoreFailed',
        message: `the OS keystore could not open the device key in ${file} (another user or keyring?): ${error instanceof Error ? error.message : String(error)}`,
      };
      return { ok: false, error: failed };
    }
    const key = Buffer.from(opened.result, 'base64');
    if (key.length !== KEY_BYTES) return { ok: false, error: { code: 'invalidKeyFile', message: `sealed key file ${file} does not hold a ${KEY_BYTES}-byte key` } };
    if (opened.shouldReEncrypt) {
      // The keystore rotated its key: store the device key sealed anew (atomically; the old form stays valid until then).
      try {
        await writeFileAtomically(path.dirname(file), path.basename(file), await safeStorage.encryptStringAsync(opened.result));
        await fsyncDirectory(path.dirname(file));
      } catch (error) {
        return keyIoError(`re-sealing ${file}`, error);
      }
    }
    return { ok: true, key, created: false };
  }

  return {
    description: `Electron safeStorage${backend ? ` (${backend})` : ''}, sealed key in ${file}`,
    async deviceKey() {
      const why = await safeStorageUnusable(safeStorage);
      if (why) return unavailable(`${why}; the device key in ${file} cannot be used`);
      const existing = await load();
      if (existing !== 'missing') return existing;
      let sealed: Buffer;
      try {
        sealed = await safeStorage.encryptStringAsync(newKey().toString('base64'));
      } catch (error) {
        return { ok: false, error: { code: 'keystoreFailed', message: `the OS keystore could not seal a new device key: ${error instanceof Error ? error.message : String(error)}` } };
      }
      let outcome: 'created' | 'exists';
      try {
        await ensureDirectory(path.dirname(file));
        outcome = await createFileExclusively(file, sealed);
      } catch (error) {
        return keyIoError(`creating sealed key file ${file}`, error);
      }
      const loaded = await load();
      if (loaded === 'missing') return keyIoError(`sealed key file ${file}`, new Error('missing right after it was created'));
      return loaded.ok ? { ...loaded, created: outcome === 'created' } : loaded;
    },
  };
}
