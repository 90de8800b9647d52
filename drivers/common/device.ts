// What every driver exposes (design.md "Device model"): a status with a common and a class part, events that carry
// only what changed, threshold events for consumables, capabilities, and an orderly close. Commands are per class
// and complete with a `Completion` (contracts/device-model.ts, drivers/common/run-command.ts).
import {
  type DeviceCapabilities,
  type DeviceClass,
  type DeviceEvent,
  type DeviceStatus,
  type PaperSource,
  type StatusChangedEvent,
  type ThresholdLevel,
  diffStatus,
} from '../../contracts/device-model';
import { ConsumableThresholds } from './consumable-thresholds';

export type DeviceEventListener = (event: DeviceEvent) => void;

export interface Device<C extends DeviceClass> {
  readonly deviceClass: C;
  /** Names the device in events and logs, e.g. `receipt-1`; never a serial number or a person. */
  readonly id: string;
  readonly capabilities: DeviceCapabilities<C>;
  status(): DeviceStatus<C>;
  /** Returns the function that stops listening. */
  onEvent(listener: DeviceEventListener): () => void;
  /** Stops polling and releases the port; the device reports `offline` afterwards. */
  close(): Promise<void>;
}

/**
 * Holds a device's status and turns every update into at most one `statusChanged` event with only the changed fields.
 * Drivers own one and call `set`; consumable readings also go through `consumable` for threshold events.
 */
export class DeviceStatusHolder<C extends DeviceClass> {
  readonly #deviceClass: C;
  readonly #id: string;
  #status: DeviceStatus<C>;
  readonly #listeners = new Set<DeviceEventListener>();
  readonly #thresholds = new ConsumableThresholds();

  constructor(deviceClass: C, id: string, initial: DeviceStatus<C>) {
    this.#deviceClass = deviceClass;
    this.#id = id;
    this.#status = initial;
  }

  get current(): DeviceStatus<C> {
    return this.#status;
  }

  /** Replaces the status; emits `statusChanged` when anything differs. */
  set(next: DeviceStatus<C>): void {
    const changes = diffStatus(this.#status, next);
    this.#status = next;
    if (changes === null) return;
    // The union of per-class event shapes cannot be narrowed from a generic C; the fields are built to match.
    this.#emit({ type: 'statusChanged', deviceId: this.#id, deviceClass: this.#deviceClass, changes } as StatusChangedEvent);
  }

  /** Records a paper or supply reading and emits the threshold event it crosses into, if any. */
  consumable(kind: { paper: PaperSource } | 'toner' | 'ink', state: Parameters<ConsumableThresholds['update']>[1]): void {
    const key = typeof kind === 'string' ? kind : `paper:${kind.paper}`;
    const crossed: ThresholdLevel | null = this.#thresholds.update(key, state);
    if (crossed === null) return;
    const deviceClass: DeviceClass = this.#deviceClass;
    if (deviceClass !== 'receiptPrinter' && deviceClass !== 'documentPrinter') return;
    if (typeof kind === 'string') {
      this.#emit({ type: kind === 'toner' ? 'tonerThreshold' : 'inkThreshold', deviceId: this.#id, deviceClass, threshold: crossed });
    } else {
      this.#emit({ type: 'paperThreshold', deviceId: this.#id, deviceClass, source: kind.paper, threshold: crossed });
    }
  }

  onEvent(listener: DeviceEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(event: DeviceEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // A listener's failure is its own; the device and the other listeners carry on.
      }
    }
  }
}
