// Reads upload frames (contracts/sync-api.ts, "Attachment frames") off a request body as they arrive: a 4-byte
// big-endian header length, the header as JSON, then the header's `length` bytes. Only framing and the header schema
// are checked here; signatures and storage are the caller's, frame by frame.
import { FrameHeader, maxFrameHeaderBytes } from '../../contracts/sync-api';

export type FrameRead =
  | { kind: 'frame'; header: FrameHeader; data: Buffer }
  /** The body ended cleanly between frames. */
  | { kind: 'end' }
  /** The body cannot be read as frames from here on; `message` says why (for the `stopped` answer). */
  | { kind: 'malformed'; message: string }
  | { kind: 'tooLarge'; message: string };

export class FrameReader {
  readonly #source: AsyncIterator<Buffer>;
  readonly #maxBytes: number;
  #buffered: Buffer[] = [];
  #bufferedBytes = 0;
  #consumed = 0;
  #ended = false;

  /** `maxBytes`: the most the whole body may hold; reading past it gives `tooLarge`. */
  constructor(source: AsyncIterable<Buffer | string>, maxBytes: number) {
    this.#source = (async function* () {
      for await (const chunk of source) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    })();
    this.#maxBytes = maxBytes;
  }

  async next(): Promise<FrameRead> {
    if (!(await this.#fill(1))) return { kind: 'end' };
    if (!(await this.#fill(4))) return { kind: 'malformed', message: 'the body ends inside a frame header length' };
    const headerLength = this.#take(4).readUInt32BE(0);
    if (headerLength === 0 || headerLength > maxFrameHeaderBytes) return { kind: 'malformed', message: `a frame header of ${headerLength} bytes (1 to ${maxFrameHeaderBytes})` };
    if (!(await this.#fill(headerLength))) return this.#cutShort('header');
    let header: FrameHeader;
    try {
      const parsed = FrameHeader.safeParse(JSON.parse(this.#take(headerLength).toString('utf8')));
      if (!parsed.success) return { kind: 'malformed', message: `frame header: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}` };
      header = parsed.data;
    } catch {
      return { kind: 'malformed', message: 'a frame header is not JSON' };
    }
    if (!(await this.#fill(header.length))) return this.#cutShort('data');
    return { kind: 'frame', header, data: this.#take(header.length) };
  }

  #cutShort(part: string): FrameRead {
    return this.#consumed + this.#bufferedBytes > this.#maxBytes
      ? { kind: 'tooLarge', message: `the body is larger than ${this.#maxBytes} bytes` }
      : { kind: 'malformed', message: `the body ends inside a frame ${part}` };
  }

  /** Buffers at least `bytes`; false when the body ended (or would pass the size limit) first. */
  async #fill(bytes: number): Promise<boolean> {
    while (this.#bufferedBytes < bytes) {
      if (this.#ended || this.#consumed + this.#bufferedBytes > this.#maxBytes) return false;
      const { done, value } = await this.#source.next();
      if (done) {
        this.#ended = true;
        return false;
      }
      this.#buffered.push(value);
      this.#bufferedBytes += value.length;
    }
    return this.#consumed + bytes <= this.#maxBytes;
  }

  #take(bytes: number): Buffer {
    const all = this.#buffered.length === 1 ? this.#buffered[0]! : Buffer.concat(this.#buffered);
    const taken = all.subarray(0, bytes);
    const rest = all.subarray(bytes);
    this.#buffered = rest.length > 0 ? [rest] : [];
    this.#bufferedBytes = rest.length;
    this.#consumed += bytes;
    // A copy, so a stored chunk does not pin the (larger) buffer it arrived in.
    return Buffer.from(taken);
  }
}
