// Splits the byte stream of a serial (CDC / virtual COM) barcode reader into scans. Readers end each scan with a
// suffix — CR, LF or CR LF depending on their setup — or, configured without one, simply stop sending: a frame then
// ends when the line has been quiet for the idle gap. This class is pure; the driver calls `idle()` from its timer.

export const DEFAULT_MAX_FRAME_BYTES = 8192;

export interface SerialFramerOptions {
  /** A QR code holds at most 7,089 digits or 2,953 bytes; anything longer is noise or a stuck line. */
  maxFrameBytes?: number;
  /** `false` for readers without a suffix whose codes contain line breaks (vCards): only the idle gap ends a frame. */
  lineBreakEndsFrame?: boolean;
}

export type SerialFramerEvent =
  | { type: 'frame'; bytes: Uint8Array }
  | { type: 'error'; error: { code: 'overlong'; length: number; limit: number } };

const CR = 0x0d;
const LF = 0x0a;

export class SerialFramer {
  readonly #limit: number;
  readonly #lineBreaks: boolean;
  #buffer = new Uint8Array(64);
  #length = 0;
  /** Bytes of the current frame, counted on past the limit so the error can say how long it was. */
  #seen = 0;

  constructor(options: SerialFramerOptions = {}) {
    this.#limit = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    this.#lineBreaks = options.lineBreakEndsFrame ?? true;
  }

  /** Bytes of an unfinished frame are waiting: the driver arms its idle timer. */
  get pending(): boolean {
    return this.#seen > 0;
  }

  push(chunk: Uint8Array): SerialFramerEvent[] {
    const events: SerialFramerEvent[] = [];
    for (const byte of chunk) {
      if (this.#lineBreaks && (byte === CR || byte === LF)) {
        // The LF of CR LF (or a stray blank line) ends an empty frame, which is no scan.
        this.#end(events);
        continue;
      }
      this.#seen++;
      if (this.#seen <= this.#limit) this.#append(byte);
    }
    return events;
  }

  /** The line went quiet: whatever is waiting is a frame sent without a suffix. */
  idle(): SerialFramerEvent[] {
    const events: SerialFramerEvent[] = [];
    this.#end(events);
    return events;
  }

  /** Drops an unfinished frame (the port was lost mid-scan). */
  reset(): void {
    this.#length = 0;
    this.#seen = 0;
  }

  #end(events: SerialFramerEvent[]): void {
    if (this.#seen > this.#limit) events.push({ type: 'error', error: { code: 'overlong', length: this.#seen, limit: this.#limit } });
    else if (this.#length > 0) events.push({ type: 'frame', bytes: this.#buffer.slice(0, this.#length) });
    this.reset();
  }

  #append(byte: number): void {
    if (this.#length === this.#buffer.length) {
      const grown = new Uint8Array(Math.min(this.#buffer.length * 2, Math.max(this.#limit, 64)));
      grown.set(this.#buffer);
      this.#buffer = grown;
    }
    this.#buffer[this.#length++] = byte;
  }
}
