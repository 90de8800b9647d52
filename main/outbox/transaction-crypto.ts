// Envelope encryption of one transaction: a random data key (AES-256-GCM) seals the personal payload and each
// attachment file; the device key seals (wraps) the data key. Every sealed value is bound to its row id (and
// attachment index), so values moved between rows do not open.
import { createHash } from 'node:crypto';
import type { JsonObject } from './outbox-types';
import { newKey, seal, unseal } from './sealing';

/** The associated data of each sealed value: where it belongs. */
export const places = {
  payload: (id: string) => `outbox payload ${id}`,
  attachment: (id: string, index: number) => `outbox attachment ${id} ${index}`,
  dataKey: (id: string) => `outbox data key ${id}`,
};
const { payload: payloadPlace, attachment: attachmentPlace, dataKey: keyPlace } = places;
const CHECK_PLACE = 'outbox device key check';
const CHECK_TEXT = Buffer.from('gov-kiosk outbox device key', 'utf8');

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A value stored once per outbox: opening it proves the device key is the one the outbox was written with. */
export function makeKeyCheck(deviceKey: Buffer): Buffer {
  return seal(deviceKey, CHECK_TEXT, CHECK_PLACE);
}

export function keyCheckPasses(deviceKey: Buffer, check: Buffer): boolean {
  return unseal(deviceKey, check, CHECK_PLACE)?.equals(CHECK_TEXT) ?? false;
}

/** The sealing side of one new transaction. */
export class TransactionSealer {
  readonly #id: string;
  readonly #dataKey = newKey();

  constructor(id: string) {
    this.#id = id;
  }

  payload(personal: JsonObject): Buffer {
    return seal(this.#dataKey, Buffer.from(JSON.stringify(personal), 'utf8'), payloadPlace(this.#id));
  }

  attachment(index: number, plain: Uint8Array): Buffer {
    return seal(this.#dataKey, plain, attachmentPlace(this.#id, index));
  }

  /** The data key wrapped by the device key: what the row stores. */
  wrappedKey(deviceKey: Buffer): Buffer {
    return seal(deviceKey, this.#dataKey, keyPlace(this.#id));
  }

  /** Wipes the data key from memory. */
  close(): void {
    this.#dataKey.fill(0);
  }
}

export type Opened<T> = { ok: true; value: T } | { ok: false; reason: string };

/** The opening side of a stored transaction. `reason`s are fixed phrases: they end up on the row for staff. */
export class TransactionOpener {
  readonly #id: string;
  readonly #dataKey: Buffer | undefined;

  constructor(deviceKey: Buffer, id: string, wrappedKey: Buffer | null) {
    this.#id = id;
    this.#dataKey = wrappedKey ? unseal(deviceKey, wrappedKey, keyPlace(id)) : undefined;
  }

  payload(sealed: Buffer | null): Opened<JsonObject> {
    if (!this.#dataKey) return { ok: false, reason: 'payload corrupt: data key missing or undecryptable' };
    const plain = sealed ? unseal(this.#dataKey, sealed, payloadPlace(this.#id)) : undefined;
    if (!plain) return { ok: false, reason: 'payload corrupt: undecryptable' };
    let value: unknown;
    try {
      value = JSON.parse(plain.toString('utf8'));
    } catch {
      return { ok: false, reason: 'payload corrupt: malformed JSON' };
    } finally {
      plain.fill(0);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'payload corrupt: not an object' };
    return { ok: true, value: value as JsonObject };
  }

  attachment(index: number, sealed: Buffer): Opened<Buffer> {
    if (!this.#dataKey) return { ok: false, reason: 'attachment corrupt: data key missing or undecryptable' };
    const plain = unseal(this.#dataKey, sealed, attachmentPlace(this.#id, index));
    return plain ? { ok: true, value: plain } : { ok: false, reason: `attachment corrupt: #${index} undecryptable` };
  }

  /** Wipes the data key from memory. */
  close(): void {
    this.#dataKey?.fill(0);
  }
}
