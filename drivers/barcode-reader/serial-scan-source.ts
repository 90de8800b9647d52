// A serial (CDC / virtual COM) barcode reader: a ReconnectingPort, the framer, and the idle-gap timer.
import type { BytePort, PortSpec } from '../common/byte-port';
import { ReconnectingPort } from '../common/reconnecting-port';
import { type ScanSource, SourceListeners, type SourceState } from './scan-source';
import { SerialFramer, type SerialFramerOptions } from './serial-framer';

export const DEFAULT_IDLE_GAP_MS = 50;

export interface SerialScanSourceOptions extends SerialFramerOptions {
  /**
   * Quiet time that ends a frame sent without a suffix; `Infinity` turns it off. It must be longer than any pause a
   * reader makes inside one scan (USB CDC readers send a scan in back-to-back 64-byte packets).
   */
  idleGapMs?: number;
  retryMs?: number;
  maxRetryMs?: number;
  /** Replaces the real opener (the in-process simulator line). */
  open?: (spec: PortSpec) => Promise<BytePort>;
}

export class SerialScanSource implements ScanSource {
  readonly description: string;
  readonly #port: ReconnectingPort;
  readonly #framer: SerialFramer;
  readonly #idleGapMs: number;
  readonly #listeners = new SourceListeners();
  #idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(spec: PortSpec, options: SerialScanSourceOptions = {}) {
    this.#port = new ReconnectingPort(spec, { retryMs: options.retryMs, maxRetryMs: options.maxRetryMs, open: options.open });
    this.description = this.#port.description;
    this.#framer = new SerialFramer(options);
    this.#idleGapMs = options.idleGapMs ?? DEFAULT_IDLE_GAP_MS;
    this.#port.onData((chunk) => this.#onData(chunk));
    this.#port.onState((state) => {
      if (state.state === 'disconnected') {
        clearTimeout(this.#idleTimer);
        this.#framer.reset();
      }
      const next: SourceState = state.state === 'connected' ? state : { state: 'disconnected', reason: state.reason };
      this.#listeners.state(next);
    });
  }

  async start(): Promise<void> {
    const first = await this.#port.start();
    // A port missing at start is reported like one that went away: a serial path cannot tell "never plugged in" apart
    // from "unplugged", and the ReconnectingPort only reports flips, so the first failure is passed on here.
    if (first.state === 'disconnected') this.#listeners.state({ state: 'disconnected', reason: first.reason });
  }

  onEvent: ScanSource['onEvent'] = (listener) => this.#listeners.onEvent(listener);
  onState: ScanSource['onState'] = (listener) => this.#listeners.onState(listener);

  async close(): Promise<void> {
    clearTimeout(this.#idleTimer);
    await this.#port.close();
  }

  #onData(chunk: Buffer): void {
    clearTimeout(this.#idleTimer);
    for (const event of this.#framer.push(chunk)) this.#listeners.event(event);
    if (this.#framer.pending && Number.isFinite(this.#idleGapMs)) {
      this.#idleTimer = setTimeout(() => {
        for (const event of this.#framer.idle()) this.#listeners.event(event);
      }, this.#idleGapMs);
    }
  }
}
