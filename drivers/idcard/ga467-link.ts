// One GA 467 command and its reply over a byte port: the transport half of the driver. It writes a command frame,
// waits for the reply under a per-command timeout, and resends the frame when the reply is lost, arrives damaged
// (checksum, length, cut short) or the SAM says our frame arrived damaged (SW3 0x10/0x11); the number of resends is
// bounded. What a status byte means for the card sequence is the driver's business, not this file's.
//
// GA 467 replies carry no command id, so one exchange runs at a time, and a resend only goes out once the line has
// been quiet for a moment: otherwise the SAM's late answer to the first copy could be taken for the answer to the
// next command.
import type { PortState } from '../common/reconnecting-port';
import { type Ga467CommandName, SAM_ID_BYTES, buildCommand, describeStatus } from './ga467-commands';
import { Ga467FrameDecoder, HEADER_BYTES } from './ga467-frame';

/** SW3 of a successful find (reference, "Status byte SW3"). */
const FIND_OK = 0x9f;

/** What the link needs of a port; `ReconnectingPort` is one. */
export interface Ga467Port {
  readonly description: string;
  readonly state: PortState;
  write(data: Uint8Array): Promise<void>;
  onData(listener: (chunk: Buffer) => void): () => void;
  onState(listener: (state: PortState) => void): () => void;
}

/**
 * How long each command may take to answer. A card read makes the SAM talk to the chip for up to about a second
 * before the 1,295-byte reply starts; the other commands answer at once.
 */
export const defaultReplyTimeoutsMs: Readonly<Record<Ga467CommandName, number>> = {
  resetSam: 2_000,
  samStatus: 500,
  readSamId: 500,
  findCard: 500,
  selectCard: 500,
  readBaseInfo: 3_000,
  readWithFingerprint: 4_000,
  readAppendedAddress: 2_000,
};

export interface Ga467LinkOptions {
  /** Reply timeouts per command, over the defaults. */
  replyTimeoutsMs?: Partial<Record<Ga467CommandName, number>>;
  /** Resends after a lost, damaged or refused frame. Default 2. */
  retries?: number;
  /** Line silence that ends a damaged or partial reply (and must pass before a resend). Default 100 ms. */
  quietMs?: number;
}

export type ExchangeResult =
  /** A checksum-valid reply, whatever its status (the caller interprets SW3). */
  | { kind: 'reply'; sw3: number; data: Uint8Array }
  /** No valid reply after every resend. `silent`: not one byte came back, the reader looks switched off. */
  | { kind: 'noReply'; silent: boolean; message: string }
  | { kind: 'disconnected'; message: string }
  | { kind: 'aborted' };

type Attempt =
  | { kind: 'frame'; sw3: number; data: Uint8Array }
  | { kind: 'timeout'; heardBytes: boolean }
  | { kind: 'damaged' }
  | { kind: 'disconnected'; message: string }
  | { kind: 'aborted' };

/**
 * Whether a reply can be the answer to `command`. Only find answers 0x9F, and only the SAM ID and the reads carry data
 * (beyond a bare status): a frame that breaks these rules is a late answer to an earlier command.
 */
function couldAnswer(command: Ga467CommandName, sw3: number, data: Uint8Array): boolean {
  if (sw3 === FIND_OK && command !== 'findCard') return false;
  if (data.length === 0) return true;
  switch (command) {
    case 'readSamId':
      return data.length === SAM_ID_BYTES;
    case 'readBaseInfo':
    case 'readWithFingerprint':
    case 'readAppendedAddress':
      return true;
    default:
      return false;
  }
}

export class Ga467Link {
  readonly #port: Ga467Port;
  readonly #timeouts: Record<Ga467CommandName, number>;
  readonly #retries: number;
  readonly #quietMs: number;
  readonly #decoder = new Ga467FrameDecoder({ expect: 'response' });
  #queue: Promise<unknown> = Promise.resolve();
  /** The last exchange ended without a clean reply: late bytes may still be on their way. */
  #unsettled = false;

  constructor(port: Ga467Port, options: Ga467LinkOptions = {}) {
    this.#port = port;
    this.#timeouts = { ...defaultReplyTimeoutsMs, ...options.replyTimeoutsMs };
    this.#retries = options.retries ?? 2;
    this.#quietMs = options.quietMs ?? 100;
  }

  /** Sends `command` and returns its reply; exchanges queue behind each other. Never throws. */
  exchange(command: Ga467CommandName, signal?: AbortSignal): Promise<ExchangeResult> {
    const run = this.#queue.then(() => this.#exchange(command, signal));
    this.#queue = run;
    if (!signal) return run;
    // Aborting while still queued ends the wait at once; the queued turn then finds the signal aborted and passes.
    return new Promise((resolve) => {
      const onAbort = (): void => resolve({ kind: 'aborted' });
      signal.addEventListener('abort', onAbort, { once: true });
      void run.then((result) => {
        signal.removeEventListener('abort', onAbort);
        resolve(result);
      });
    });
  }

  async #exchange(command: Ga467CommandName, signal: AbortSignal | undefined): Promise<ExchangeResult> {
    const frame = buildCommand(command);
    let heardBytes = false;
    let damaged = false;
    for (let attempt = 0; attempt <= this.#retries; attempt++) {
      if (this.#unsettled) await this.#waitForQuiet(signal);
      if (signal?.aborted) return { kind: 'aborted' };
      const result = await this.#attempt(command, frame, signal);
      this.#unsettled = result.kind !== 'frame';
      switch (result.kind) {
        case 'frame':
          // The SAM received our frame damaged: sending it again is all it asks for.
          if (describeStatus(result.sw3).retry === 'resendFrame' && attempt < this.#retries) continue;
          return { kind: 'reply', sw3: result.sw3, data: result.data };
        case 'timeout':
          heardBytes ||= result.heardBytes;
          continue;
        case 'damaged':
          heardBytes = true;
          damaged = true;
          continue;
        case 'disconnected':
        case 'aborted':
          return result;
      }
    }
    const tries = this.#retries + 1;
    const message = damaged
      ? `${command}: no intact reply after ${tries} tries`
      : `${command}: no reply within ${this.#timeouts[command]} ms, ${tries} tries`;
    return { kind: 'noReply', silent: !heardBytes, message };
  }

  #attempt(command: Ga467CommandName, frame: Uint8Array, signal: AbortSignal | undefined): Promise<Attempt> {
    const timeoutMs = this.#timeouts[command];
    // Anything still pending belongs to an earlier exchange.
    this.#decoder.reset();
    return new Promise<Attempt>((resolve) => {
      let heardBytes = false;
      let damaged = false;
      let quietTimer: ReturnType<typeof setTimeout> | undefined;
      const finish = (result: Attempt): void => {
        clearTimeout(quietTimer);
        clearTimeout(replyTimer);
        stopData();
        stopState();
        signal?.removeEventListener('abort', onAbort);
        resolve(result);
      };
      const onAbort = (): void => finish({ kind: 'aborted' });
      const replyTimer = setTimeout(() => finish(damaged ? { kind: 'damaged' } : { kind: 'timeout', heardBytes }), timeoutMs);
      const stopData = this.#port.onData((chunk) => {
        heardBytes = true;
        for (const event of this.#decoder.push(chunk)) {
          if (event.type === 'error') damaged = true;
          else if (couldAnswer(command, event.frame.sw3, event.frame.data)) {
            return finish({ kind: 'frame', sw3: event.frame.sw3, data: event.frame.data });
          }
          // Otherwise a late answer to an earlier command: not ours, keep waiting.
        }
        // A damaged frame, or part of one, followed by silence: the SAM has finished talking; ask again.
        if (damaged || this.#decoder.pendingBytes >= HEADER_BYTES) {
          clearTimeout(quietTimer);
          quietTimer = setTimeout(() => finish({ kind: 'damaged' }), this.#quietMs);
        }
      });
      const stopState = this.#port.onState((state) => {
        if (state.state === 'disconnected') finish({ kind: 'disconnected', message: `${this.#port.description}: ${state.reason}` });
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#port.write(frame).catch((error: unknown) => {
        finish({ kind: 'disconnected', message: error instanceof Error ? error.message : String(error) });
      });
    });
  }

  /** Waits until no byte has arrived for `quietMs` (bounded), so late bytes of an earlier exchange are gone. */
  #waitForQuiet(signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve) => {
      let timer: ReturnType<typeof setTimeout>;
      const done = (): void => {
        clearTimeout(timer);
        clearTimeout(limit);
        stop();
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const arm = (): void => {
        clearTimeout(timer);
        timer = setTimeout(done, this.#quietMs);
      };
      const stop = this.#port.onData(arm);
      // A line that never falls quiet (a babbling reader) must not stall the driver for ever.
      const limit = setTimeout(done, this.#quietMs * 10);
      signal?.addEventListener('abort', done, { once: true });
      arm();
    });
  }
}
