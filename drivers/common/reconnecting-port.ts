// Keeps a device's byte port open across unplugging, power cycles and printer reboots: when the port goes away it
// is reopened on a backoff, and the driver hears `connected`/`disconnected` to set its status. Nothing throws into
// the kiosk because a cable was pulled.
import { type BytePort, type PortSpec, describePort, openBytePort } from './byte-port';

export type PortState = { state: 'connected' } | { state: 'disconnected'; reason: string };

export interface ReconnectingPortOptions {
  /** First retry delay; doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  /** Replaces the real opener in unit tests. */
  open?: (spec: PortSpec) => Promise<BytePort>;
}

export class ReconnectingPort {
  readonly description: string;
  readonly #spec: PortSpec;
  readonly #open: (spec: PortSpec) => Promise<BytePort>;
  readonly #retryMs: number;
  readonly #maxRetryMs: number;
  readonly #dataListeners = new Set<(chunk: Buffer) => void>();
  readonly #stateListeners = new Set<(state: PortState) => void>();
  #port: BytePort | undefined;
  #state: PortState = { state: 'disconnected', reason: 'not opened yet' };
  #delay: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  constructor(spec: PortSpec, options: ReconnectingPortOptions = {}) {
    this.#spec = spec;
    this.description = describePort(spec);
    this.#open = options.open ?? openBytePort;
    this.#retryMs = options.retryMs ?? 500;
    this.#maxRetryMs = options.maxRetryMs ?? 10_000;
    this.#delay = this.#retryMs;
  }

  get state(): PortState {
    return this.#state;
  }

  /** Starts connecting; resolves after the first attempt, whether or not it succeeded. */
  async start(): Promise<PortState> {
    await this.#attempt();
    return this.#state;
  }

  /** Fails when the port is not connected: a device command then completes with `deviceNotReady`. */
  async write(data: Uint8Array): Promise<void> {
    if (!this.#port) throw new Error(`${this.description} is not connected (${this.#state.state === 'disconnected' ? this.#state.reason : ''})`);
    await this.#port.write(data);
  }

  onData(listener: (chunk: Buffer) => void): () => void {
    this.#dataListeners.add(listener);
    return () => this.#dataListeners.delete(listener);
  }

  onState(listener: (state: PortState) => void): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    const port = this.#port;
    this.#port = undefined;
    await port?.close();
    this.#setState({ state: 'disconnected', reason: 'closed' });
  }

  async #attempt(): Promise<void> {
    if (this.#closed) return;
    let port: BytePort;
    try {
      port = await this.#open(this.#spec);
    } catch (error) {
      this.#setState({ state: 'disconnected', reason: error instanceof Error ? error.message : String(error) });
      this.#schedule();
      return;
    }
    if (this.#closed) {
      await port.close();
      return;
    }
    this.#port = port;
    this.#delay = this.#retryMs;
    port.onData((chunk) => {
      for (const listener of this.#dataListeners) listener(chunk);
    });
    port.onClose((error) => {
      if (this.#port !== port) return;
      this.#port = undefined;
      if (this.#closed) return;
      this.#setState({ state: 'disconnected', reason: error?.message ?? 'port closed' });
      this.#schedule();
    });
    this.#setState({ state: 'connected' });
  }

  #schedule(): void {
    if (this.#closed) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#attempt(), this.#delay);
    this.#delay = Math.min(this.#delay * 2, this.#maxRetryMs);
  }

  #setState(state: PortState): void {
    // Retries that fail again for a new reason are not news: listeners hear only connected/disconnected flips.
    const changed = state.state !== this.#state.state;
    this.#state = state;
    if (!changed) return;
    for (const listener of this.#stateListeners) listener(state);
  }
}
