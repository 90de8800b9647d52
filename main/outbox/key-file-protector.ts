// The fallback device key holder: 32 random bytes in a file with mode 0600, created on first use with O_EXCL (see
// createFileExclusively: a crash while creating it never leaves a short key behind).
import path from 'node:path';
import { createFileExclusively, ensureDirectory } from './durable-files';
import { type DeviceKeyResult, type KeyProtector, keyIoError } from './key-protector';
import { readPrivateFile } from './private-file';
import { KEY_BYTES, newKey } from './sealing';

export function createKeyFileProtector(options: {
  /** The key file, e.g. `<dataDir>/keys/outbox-device.key`; its directory is created with mode 0700. */
  file: string;
}): KeyProtector {
  const file = path.resolve(options.file);
  return {
    description: `key file ${file}`,
    async deviceKey() {
      const existing = await load(file);
      if (existing !== 'missing') return existing;
      let outcome: 'created' | 'exists';
      try {
        await ensureDirectory(path.dirname(file));
        outcome = await createFileExclusively(file, newKey());
      } catch (error) {
        return keyIoError(`creating key file ${file}`, error);
      }
      const loaded = await load(file);
      if (loaded === 'missing') return keyIoError(`key file ${file}`, new Error('missing right after it was created'));
      return loaded.ok ? { ...loaded, created: outcome === 'created' } : loaded;
    },
  };
}

async function load(file: string): Promise<DeviceKeyResult | 'missing'> {
  const read = await readPrivateFile(file, 'key file');
  if (read === 'missing' || !read.ok) return read;
  if (read.bytes.length !== KEY_BYTES) {
    return { ok: false, error: { code: 'invalidKeyFile', message: `key file ${file} holds ${read.bytes.length} bytes, not ${KEY_BYTES}` } };
  }
  return { ok: true, key: read.bytes, created: false };
}
