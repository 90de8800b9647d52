// Where frames come from: a serial line or a HID POS device. The driver (barcode-reader.ts) turns their frames into
// scans and their state into the device model; a source knows its transport and nothing of the model.
import type { ScanReadError } from './scan';

export type SourceState =
  | { state: 'connected' }
  /** Was there and went away (unplugged, powered off); the source keeps looking for it. */
  | { state: 'disconnected'; reason: string }
  /** Not found at all; the source keeps looking. */
  | { state: 'noDevice'; reason: string }
  /** Found but unusable (no permission, library missing); the source keeps trying. */
  | { state: 'failed'; reason: string };

export type SourceEvent = { type: 'frame'; bytes: Uint8Array; aimId?: string } | { type: 'error'; error: ScanReadError };

export interface ScanSource {
  /** For logs and the CLI: `serial /dev/ttyACM0 @9600`, `hid 0c2e:0b8f`. */
  readonly description: string;
  /** Resolves after the first attempt to reach the device, whether or not it succeeded. */
  start(): Promise<void>;
  onEvent(listener: (event: SourceEvent) => void): () => void;
  onState(listener: (state: SourceState) => void): () => void;
  close(): Promise<void>;
}

/** Listener sets shared by the sources. */
export class SourceListeners {
  readonly #events = new Set<(event: SourceEvent) => void>();
  readonly #states = new Set<(state: SourceState) => void>();

  onEvent(listener: (event: SourceEvent) => void): () => void {
    this.#events.add(listener);
    return () => this.#events.delete(listener);
  }

  onState(listener: (state: SourceState) => void): () => void {
    this.#states.add(listener);
    return () => this.#states.delete(listener);
  }

  event(event: SourceEvent): void {
    for (const listener of this.#events) listener(event);
  }

  state(state: SourceState): void {
    for (const listener of this.#states) listener(state);
  }
}
