// Real-time status over a byte stream that also carries print jobs (DLE EOT n, reference/printing-scanning.md).
//
// A reply is one byte with (b & 0x93) == 0x12 and says nothing about which request it answers, so replies are
// matched to requests in the order the printer saw them. The printer answers every `10 04 n` (n = 1–4) it receives,
// including one that happens to sit inside raster or QR data; every outgoing byte therefore goes through one scanner
// that works like the printer's, and a sequence found inside job data becomes a "phantom" request whose reply is
// swallowed. Bytes that fail the mask (noise, echoes, replies to other commands) are ignored; a request that gets no
// reply in time fails, and its slot stays a while to swallow a late reply rather than hand it to the next request.
import { type StatusKind, isStatusReply } from './printer-status';

export type StatusReply = { ok: true; byte: number } | { ok: false; reason: 'timeout' | 'closed' | 'canceled' };

type Slot =
  | { kind: 'request'; settle: (reply: StatusReply) => void }
  /** A reply the printer will send but nobody asked for; forgotten after `expiresAt`. */
  | { kind: 'phantom'; expiresAt: number };

const DLE = 0x10;
const EOT = 0x04;

/**
 * The synchronous core: which replies the printer owes, in order. Kept free of timers so it can be fuzzed quickly;
 * `now` is passed in.
 */
export class ReplyMatcher {
  readonly #slots: Slot[] = [];
  /** 0: idle; 1: after DLE; 2: after DLE EOT. */
  #scan = 0;

  /**
   * Records bytes on their way to the printer. With `request` they are that request's `10 04 n`, whose last byte
   * always completes a sequence (a DLE restarts the scan whatever came before), so the request gets that slot.
   */
  sent(bytes: Uint8Array, now: number, lateMs: number, request?: { settle: (reply: StatusReply) => void }): void {
    bytes.forEach((byte, i) => {
      if (this.#scan === 2 && byte >= 1 && byte <= 4) {
        this.#scan = 0;
        const ours = request !== undefined && i === bytes.length - 1;
        this.#slots.push(ours ? { kind: 'request', settle: request.settle } : { kind: 'phantom', expiresAt: now + lateMs });
        return;
      }
      this.#scan = byte === DLE ? 1 : this.#scan === 1 && byte === EOT ? 2 : 0;
    });
  }

  /** Bytes from the printer. */
  received(bytes: Uint8Array, now: number): void {
    for (const byte of bytes) {
      if (!isStatusReply(byte)) continue;
      this.#dropExpired(now);
      const slot = this.#slots.shift();
      // An answer to nobody (a request already given up and forgotten, or a printer that repeats itself) is dropped.
      if (slot?.kind === 'request') slot.settle({ ok: true, byte });
    }
  }

  /** A request that waited too long: it fails now, and its place stays to swallow a late reply. */
  giveUp(settle: (reply: StatusReply) => void, reason: 'timeout' | 'canceled', now: number, lateMs: number): void {
    const index = this.#slots.findIndex((slot) => slot.kind === 'request' && slot.settle === settle);
    if (index < 0) return;
    this.#slots[index] = { kind: 'phantom', expiresAt: now + lateMs };
    settle({ ok: false, reason });
  }

  /** Phantoms still owed at `now`. */
  pendingPhantoms(now: number): number {
    this.#dropExpired(now);
    return this.#slots.filter((slot) => slot.kind === 'phantom').length;
  }

  /** The line went away: every request fails, nothing is owed any more. */
  reset(): void {
    const slots = this.#slots.splice(0);
    this.#scan = 0;
    for (const slot of slots) if (slot.kind === 'request') slot.settle({ ok: false, reason: 'closed' });
  }

  #dropExpired(now: number): void {
    for (let i = this.#slots.length - 1; i >= 0; i--) {
      const slot = this.#slots[i];
      if (slot?.kind === 'phantom' && slot.expiresAt <= now) this.#slots.splice(i, 1);
    }
  }
}

export interface StatusReaderOptions {
  /** Writes to the printer (the port); rejects when it is not connected. */
  send(bytes: Uint8Array): Promise<void>;
  /** How long a reply may take. */
  replyTimeoutMs: number;
}

/** The async side: sends requests and job data through one scanner, and times requests out. */
export class StatusReader {
  readonly #matcher = new ReplyMatcher();
  readonly #send: (bytes: Uint8Array) => Promise<void>;
  readonly #replyTimeoutMs: number;

  constructor(options: StatusReaderOptions) {
    this.#send = options.send;
    this.#replyTimeoutMs = options.replyTimeoutMs;
  }

  /** Every byte the printer sends. */
  receive(chunk: Uint8Array): void {
    this.#matcher.received(chunk, Date.now());
  }

  /** Sends job data; any `10 04 n` inside it is owed a reply that nobody asked for. */
  async write(bytes: Uint8Array): Promise<void> {
    this.#matcher.sent(bytes, Date.now(), this.#replyTimeoutMs);
    await this.#send(bytes);
  }

  /** Asks for one status byte. Never rejects. */
  request(n: StatusKind, signal?: AbortSignal): Promise<StatusReply> {
    if (signal?.aborted) return Promise.resolve({ ok: false, reason: 'canceled' });
    return new Promise<StatusReply>((resolve) => {
      const onAbort = (): void => this.#matcher.giveUp(settle, 'canceled', Date.now(), this.#replyTimeoutMs);
      const settle = (reply: StatusReply): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(reply);
      };
      const timer = setTimeout(() => this.#matcher.giveUp(settle, 'timeout', Date.now(), this.#replyTimeoutMs), this.#replyTimeoutMs);
      const bytes = Uint8Array.of(DLE, EOT, n);
      this.#matcher.sent(bytes, Date.now(), this.#replyTimeoutMs, { settle });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#send(bytes).catch(() => this.#matcher.giveUp(settle, 'timeout', Date.now(), 0));
    });
  }

  /** Waits until replies owed for job data have come or expired, so the next request gets its own reply. */
  async settled(signal?: AbortSignal): Promise<void> {
    while (this.#matcher.pendingPhantoms(Date.now()) > 0 && !signal?.aborted) await new Promise((r) => setTimeout(r, 10));
  }

  /** The port closed: pending requests fail with `closed`. */
  reset(): void {
    this.#matcher.reset();
  }
}
