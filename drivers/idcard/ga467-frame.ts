// GA 467 SAM frames (reference/idcard-ga467.md, "Framing"): encoding, and a streaming decoder for a serial line.
//
//   command:  AA AA AA 96 69 | Len1 Len2 | CMD Para | Data… | CHK
//   response: AA AA AA 96 69 | Len1 Len2 | SW1 SW2 SW3 | Data… | CHK
//
// Len is big-endian and counts everything after itself including CHK; CHK is the XOR of every byte after the preamble
// (Len included) up to CHK. The decoder survives garbage, bad checksums, impossible lengths and frames cut short.

export const PREAMBLE: readonly number[] = [0xaa, 0xaa, 0xaa, 0x96, 0x69];
/** Preamble plus the two length bytes. */
export const HEADER_BYTES = 7;

/** Smallest Len: CMD Para CHK, or SW1 SW2 SW3 CHK. */
export const MIN_COMMAND_LEN = 3;
export const MIN_RESPONSE_LEN = 4;
/**
 * Largest Len the reference allows: the 30 10 reply with a 1024-byte fingerprint (SW ×3, three length fields,
 * text 256, photo 1024, fingerprint 1024, CHK). A bigger Len is a false preamble in noise, not a frame to wait for.
 */
export const MAX_LEN = 3 + 6 + 256 + 1024 + 1024 + 1;
/** Len is two bytes. */
const LEN_LIMIT = 0xffff;

export interface Ga467CommandFrame {
  kind: 'command';
  cmd: number;
  para: number;
  data: Uint8Array;
}

export interface Ga467ResponseFrame {
  kind: 'response';
  sw1: number;
  sw2: number;
  sw3: number;
  data: Uint8Array;
}

export type Ga467Frame = Ga467CommandFrame | Ga467ResponseFrame;
export type Ga467FrameKind = Ga467Frame['kind'];
type FrameOf<K extends Ga467FrameKind> = Extract<Ga467Frame, { kind: K }>;

export type Ga467FrameError =
  /** Len outside [min, max]: a false preamble, or a frame of the other direction. */
  | { code: 'badLength'; length: number }
  | { code: 'badChecksum'; length: number; expected: number; received: number }
  /** A frame cut short: a complete frame started inside it before it could complete. */
  | { code: 'truncated'; length: number; received: number };

export type Ga467DecodeEvent<K extends Ga467FrameKind> =
  | { type: 'frame'; frame: FrameOf<K> }
  | { type: 'error'; error: Ga467FrameError };

/** XOR of bytes[from..to). */
export function xorChecksum(bytes: Uint8Array, from = 0, to = bytes.length): number {
  let chk = 0;
  for (let i = from; i < to; i++) chk ^= bytes[i] ?? 0;
  return chk;
}

function assertByte(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) throw new RangeError(`${name} must be a byte, got ${value}`);
}

/** Wraps a body (CMD Para Data, or SW1 SW2 SW3 Data) into a frame: preamble, Len, body, CHK. */
export function encodeFrame(body: Uint8Array): Uint8Array {
  const len = body.length + 1;
  if (len > LEN_LIMIT) throw new RangeError(`frame body of ${body.length} bytes does not fit a two-byte Len`);
  const frame = new Uint8Array(HEADER_BYTES + len);
  frame.set(PREAMBLE);
  frame[5] = len >> 8;
  frame[6] = len & 0xff;
  frame.set(body, HEADER_BYTES);
  frame[frame.length - 1] = xorChecksum(frame, 5, frame.length - 1);
  return frame;
}

export function encodeCommandFrame(cmd: number, para: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  assertByte('CMD', cmd);
  assertByte('Para', para);
  const body = new Uint8Array(2 + data.length);
  body[0] = cmd;
  body[1] = para;
  body.set(data, 2);
  return encodeFrame(body);
}

export function encodeResponseFrame(response: { sw1?: number; sw2?: number; sw3: number; data?: Uint8Array }): Uint8Array {
  const { sw1 = 0, sw2 = 0, sw3, data = new Uint8Array(0) } = response;
  assertByte('SW1', sw1);
  assertByte('SW2', sw2);
  assertByte('SW3', sw3);
  const body = new Uint8Array(3 + data.length);
  body[0] = sw1;
  body[1] = sw2;
  body[2] = sw3;
  body.set(data, 3);
  return encodeFrame(body);
}

export interface Ga467DecoderOptions<K extends Ga467FrameKind> {
  /** `response` on the host (driver) side, `command` on the reader (simulator) side. */
  expect: K;
  /** Largest Len accepted; defaults to MAX_LEN. */
  maxLength?: number;
}

/**
 * Fed arbitrary chunks of a byte stream, returns the complete, checksum-valid frames and the errors met on the way,
 * in stream order. Never throws on input.
 *
 * After a bad checksum or an impossible length it resumes the search one byte after the false start, so a good frame
 * hidden behind the false one is not lost. While a frame is incomplete it also looks ahead: when a complete, valid
 * frame has started inside the pending one, the pending one was cut short (a dropped byte, a reset reader) and is
 * abandoned, so one damaged reply cannot swallow the replies that follow it.
 */
export class Ga467FrameDecoder<K extends Ga467FrameKind> {
  readonly #expect: K;
  readonly #minLen: number;
  readonly #maxLen: number;
  #buf = new Uint8Array(4096);
  #start = 0;
  #end = 0;
  #discarded = 0;
  /** Look-ahead state for the incomplete frame at #start: preamble positions inside it, and how far we searched. */
  #inner: number[] = [];
  #innerSearchedTo = 0;

  constructor(options: Ga467DecoderOptions<K>) {
    this.#expect = options.expect;
    this.#minLen = options.expect === 'command' ? MIN_COMMAND_LEN : MIN_RESPONSE_LEN;
    this.#maxLen = Math.min(options.maxLength ?? MAX_LEN, LEN_LIMIT);
  }

  /** Bytes held while waiting for the rest of a frame. */
  get pendingBytes(): number {
    return this.#end - this.#start;
  }

  /** Bytes dropped so far: noise, and the bytes of rejected frames. */
  get discardedBytes(): number {
    return this.#discarded;
  }

  /** Drops everything pending, e.g. when the port is reopened. */
  reset(): void {
    this.#start = 0;
    this.#end = 0;
    this.#resetLookAhead();
  }

  push(chunk: Uint8Array): Ga467DecodeEvent<K>[] {
    this.#append(chunk);
    const events: Ga467DecodeEvent<K>[] = [];
    this.#decode(events);
    if (this.#start === this.#end) this.reset();
    return events;
  }

  #decode(events: Ga467DecodeEvent<K>[]): void {
    for (;;) {
      const at = this.#findPreamble(this.#start);
      if (at < 0) {
        // Keep a tail that may be the start of a preamble split across chunks.
        this.#advanceTo(this.#end - this.#preamblePrefixAtEnd());
        return;
      }
      this.#advanceTo(at);
      if (this.#end - at < HEADER_BYTES) return;

      const len = this.#lenAt(at);
      if (len < this.#minLen || len > this.#maxLen) {
        events.push({ type: 'error', error: { code: 'badLength', length: len } });
        this.#advanceTo(at + 1);
        continue;
      }
      const total = HEADER_BYTES + len;
      if (this.#end - at >= total) {
        const expected = xorChecksum(this.#buf, at + 5, at + total - 1);
        const received = this.#buf[at + total - 1] ?? 0;
        if (expected === received) {
          events.push({ type: 'frame', frame: this.#frameAt(at, total) });
          this.#advanceTo(at + total, false);
        } else {
          events.push({ type: 'error', error: { code: 'badChecksum', length: len, expected, received } });
          this.#advanceTo(at + 1);
        }
        continue;
      }
      const inner = this.#completeFrameInside(at);
      if (inner < 0) return;
      events.push({ type: 'error', error: { code: 'truncated', length: len, received: inner - at } });
      this.#advanceTo(inner);
    }
  }

  #append(chunk: Uint8Array): void {
    if (this.#end + chunk.length > this.#buf.length) {
      const pending = this.#end - this.#start;
      const target =
        pending + chunk.length > this.#buf.length
          ? new Uint8Array(Math.max(this.#buf.length * 2, pending + chunk.length))
          : this.#buf;
      target.set(this.#buf.subarray(this.#start, this.#end), 0);
      const shift = this.#start;
      this.#inner = this.#inner.map((position) => position - shift);
      this.#innerSearchedTo -= shift;
      this.#buf = target;
      this.#start = 0;
      this.#end = pending;
    }
    this.#buf.set(chunk, this.#end);
    this.#end += chunk.length;
  }

  #advanceTo(position: number, discarding = true): void {
    if (position === this.#start) return;
    if (discarding) this.#discarded += position - this.#start;
    this.#start = position;
    this.#resetLookAhead();
  }

  #resetLookAhead(): void {
    this.#inner = [];
    this.#innerSearchedTo = 0;
  }

  #isPreambleAt(position: number): boolean {
    for (let i = 0; i < PREAMBLE.length; i++) if (this.#buf[position + i] !== PREAMBLE[i]) return false;
    return true;
  }

  #findPreamble(from: number): number {
    for (let i = from; i + PREAMBLE.length <= this.#end; i++) if (this.#isPreambleAt(i)) return i;
    return -1;
  }

  /** Length of the longest tail of the buffer that equals the first bytes of a preamble. */
  #preamblePrefixAtEnd(): number {
    for (let k = Math.min(PREAMBLE.length - 1, this.#end - this.#start); k > 0; k--) {
      let match = true;
      for (let i = 0; i < k && match; i++) match = this.#buf[this.#end - k + i] === PREAMBLE[i];
      if (match) return k;
    }
    return 0;
  }

  #lenAt(position: number): number {
    return ((this.#buf[position + 5] ?? 0) << 8) | (this.#buf[position + 6] ?? 0);
  }

  /** Start of a complete, checksum-valid frame beginning inside the incomplete frame at `outer`, or -1. */
  #completeFrameInside(outer: number): number {
    const from = Math.max(this.#innerSearchedTo, outer + 1);
    for (let i = from; i + PREAMBLE.length <= this.#end; i++) if (this.#isPreambleAt(i)) this.#inner.push(i);
    this.#innerSearchedTo = Math.max(from, this.#end - PREAMBLE.length + 1);

    const stillPossible: number[] = [];
    let found = -1;
    for (const position of this.#inner) {
      if (found >= 0) break;
      if (this.#end - position < HEADER_BYTES) {
        stillPossible.push(position);
        continue;
      }
      const len = this.#lenAt(position);
      if (len < this.#minLen || len > this.#maxLen) continue;
      const total = HEADER_BYTES + len;
      if (this.#end - position < total) stillPossible.push(position);
      else if (xorChecksum(this.#buf, position + 5, position + total - 1) === this.#buf[position + total - 1]) found = position;
    }
    this.#inner = stillPossible;
    return found;
  }

  #frameAt(position: number, total: number): FrameOf<K> {
    const b = this.#buf;
    const byte = (offset: number): number => b[position + offset] ?? 0;
    const frame: Ga467Frame =
      this.#expect === 'command'
        ? { kind: 'command', cmd: byte(7), para: byte(8), data: b.slice(position + 9, position + total - 1) }
        : { kind: 'response', sw1: byte(7), sw2: byte(8), sw3: byte(9), data: b.slice(position + 10, position + total - 1) };
    // #expect is K, so the branch taken above builds FrameOf<K>; TypeScript does not narrow a generic by a field.
    return frame as FrameOf<K>;
  }
}
