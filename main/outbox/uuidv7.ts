// UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then a 42-bit counter (RFC 9562 §6.2 method 1) seeded at random each
// millisecond, then 32 random bits. Ids from one generator are strictly increasing, also within one millisecond and
// when the clock steps back, so their text sorts in the order they were made: the outbox drains in that order.
import { randomBytes, randomInt } from 'node:crypto';

const COUNTER_BITS = 42;
const COUNTER_LIMIT = 2 ** COUNTER_BITS;
const LOW_BITS = 2 ** 30;
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isUuidV7(text: string): boolean {
  return UUID_V7.test(text);
}

/** Milliseconds since the epoch encoded in a UUIDv7. */
export function uuidV7Time(id: string): number {
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

export class UuidV7Generator {
  readonly #now: () => number;
  #lastMs = -1;
  #counter = 0;

  /** `now`: the clock in milliseconds (tests inject one). */
  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Makes every later id sort after `id` (one made by an earlier run, whose clock may have been ahead). */
  observe(id: string): void {
    if (!isUuidV7(id)) throw new RangeError(`not a UUIDv7: ${id}`);
    const hex = id.replaceAll('-', '');
    const ms = uuidV7Time(id);
    const high = Number.parseInt(hex.slice(13, 16), 16);
    const low = Number.parseInt(hex.slice(16, 24), 16) & (LOW_BITS - 1);
    const counter = high * LOW_BITS + low;
    if (ms > this.#lastMs || (ms === this.#lastMs && counter > this.#counter)) {
      this.#lastMs = ms;
      this.#counter = counter;
    }
  }

  next(): string {
    const now = Math.floor(this.#now());
    if (now > this.#lastMs) {
      this.#lastMs = now;
      this.#counter = seed();
    } else if (++this.#counter >= COUNTER_LIMIT) {
      // 2^41 ids in one millisecond cannot happen; borrowing the next millisecond keeps the order if it ever did.
      this.#lastMs++;
      this.#counter = seed();
    }
    return format(this.#lastMs, this.#counter);
  }
}

/** A random start with the top bit clear, leaving at least 2^41 increments within the millisecond. */
function seed(): number {
  return randomInt(0, 2 ** 41);
}

function format(ms: number, counter: number): string {
  const bytes = Buffer.alloc(16);
  bytes.writeUIntBE(ms, 0, 6);
  const high = Math.floor(counter / LOW_BITS); // 12 bits
  const low = counter % LOW_BITS; // 30 bits
  bytes[6] = 0x70 | (high >> 8);
  bytes[7] = high & 0xff;
  bytes.writeUInt32BE(((0b10 << 30) | low) >>> 0, 8);
  randomBytes(4).copy(bytes, 12);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
