// Where the outbox's device key comes from. The device key (32 bytes) wraps each transaction's data key; whoever
// holds it can read every pending transaction, so it lives in the OS keystore where there is one
// (safe-storage-key-protector.ts) and otherwise in a file only the kiosk's user may read (key-file-protector.ts).
// select-key-protector.ts picks one, and keeps picking the same one for a given data directory.

export type KeyProtectorErrorCode =
  /** A key file that group or others may read or write, or that another user owns. */
  | 'insecureKeyFile'
  /** A key file of the wrong size or content. */
  | 'invalidKeyFile'
  /** No usable OS keystore (Electron's backend is `basic_text`, or encryption is not available). */
  | 'keystoreUnavailable'
  /** The OS keystore refused to decrypt the sealed device key (another user, another keyring). */
  | 'keystoreFailed'
  /** Reading or creating the key's file failed. */
  | 'ioError';

export interface KeyProtectorError {
  code: KeyProtectorErrorCode;
  /** For staff and logs; names files, never key material. */
  message: string;
}

export type DeviceKeyResult = { ok: true; key: Buffer; created: boolean } | { ok: false; error: KeyProtectorError };

export interface KeyProtector {
  /** What holds the key, for logs and diagnostics, e.g. `key file /var/lib/gov-kiosk/keys/outbox-device.key`. */
  readonly description: string;
  /** The device key, created on first use (`created: true` then). */
  deviceKey(): Promise<DeviceKeyResult>;
}

export function keyIoError(what: string, error: unknown): { ok: false; error: KeyProtectorError } {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return { ok: false, error: { code: 'ioError', message: `${what}: ${code ?? (error instanceof Error ? error.message : String(error))}` } };
}
