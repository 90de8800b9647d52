// Picks the device key's holder for a data directory. Sticky: once a key exists, its holder is used for ever,
// because another holder would mean another key and every pending transaction unreadable. So a kiosk that started
// with the key file keeps it when a keystore appears later, and one whose key is in the keystore refuses to start
// (clearly) when the keystore is gone, rather than creating a new key.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createKeyFileProtector } from './key-file-protector';
import type { KeyProtector } from './key-protector';
import { type SafeStorageLike, createSafeStorageKeyProtector, safeStorageUnusable } from './safe-storage-key-protector';

export function keyFiles(dataDir: string): { keyFile: string; sealedKeyFile: string } {
  const dir = path.join(dataDir, 'keys');
  return { keyFile: path.join(dir, 'outbox-device.key'), sealedKeyFile: path.join(dir, 'outbox-device.safe-storage') };
}

export async function selectKeyProtector(options: {
  /** The kiosk's data directory; keys go to its `keys/` folder. */
  dataDir: string;
  /** Electron's safeStorage, after `ready`; absent under the browser host. */
  safeStorage?: SafeStorageLike;
}): Promise<{ protector: KeyProtector; why: string }> {
  const { keyFile, sealedKeyFile } = keyFiles(options.dataDir);
  const { safeStorage } = options;
  if (existsSync(sealedKeyFile)) {
    if (safeStorage) return { protector: createSafeStorageKeyProtector({ safeStorage, file: sealedKeyFile }), why: 'the device key is in the OS keystore' };
    return {
      protector: {
        description: `Electron safeStorage, sealed key in ${sealedKeyFile}`,
        deviceKey: async () => ({
          ok: false,
          error: { code: 'keystoreUnavailable', message: `the device key is sealed by the OS keystore (${sealedKeyFile}), which only the Electron shell can open` },
        }),
      },
      why: 'the device key is in the OS keystore, unreachable from this shell',
    };
  }
  if (existsSync(keyFile)) return { protector: createKeyFileProtector({ file: keyFile }), why: 'the device key already is in the key file' };
  if (safeStorage) {
    const unusable = await safeStorageUnusable(safeStorage);
    if (!unusable) return { protector: createSafeStorageKeyProtector({ safeStorage, file: sealedKeyFile }), why: 'an OS keystore is available' };
    return { protector: createKeyFileProtector({ file: keyFile }), why: unusable };
  }
  return { protector: createKeyFileProtector({ file: keyFile }), why: 'no OS keystore in this shell' };
}
