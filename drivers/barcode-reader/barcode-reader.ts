// The barcode / QR reader driver: frames from a source (serial or HID POS) become typed scans, and the source's state
// becomes the device model (common.device, barcodeReader.reader). Scans are pushed to listeners as the reader sends
// them (a citizen may present a 网证 code at any time); `read` waits for the next one as a command with a timeout.
import { type Completion, type DeviceCapabilities, type DeviceStatus, failure, success } from '../../contracts/device-model';
import { type Device, type DeviceEventListener, DeviceStatusHolder } from '../common/device';
import { runCommand } from '../common/run-command';
import { type DecodeScanOptions, type Scan, type ScanReadError, decodeScan, describeReadError } from './scan';
import type { ScanSource, SourceEvent, SourceState } from './scan-source';

export type ScanListener = (scan: Scan) => void;
export type ReadErrorListener = (error: ScanReadError) => void;

export interface BarcodeReaderOptions {
  aim?: DecodeScanOptions['aim'];
}

function statusOf(state: SourceState): DeviceStatus<'barcodeReader'> {
  switch (state.state) {
    case 'connected':
      return { common: { device: 'online' }, barcodeReader: { reader: 'on' } };
    case 'disconnected':
      return { common: { device: 'offline' }, barcodeReader: { reader: 'off' } };
    case 'noDevice':
      return { common: { device: 'noDevice' }, barcodeReader: {} };
    case 'failed':
      return { common: { device: 'hardwareError' }, barcodeReader: { reader: 'inoperative' } };
  }
}

export class BarcodeReader implements Device<'barcodeReader'> {
  readonly deviceClass = 'barcodeReader';
  readonly id: string;
  readonly capabilities: DeviceCapabilities<'barcodeReader'> = { aimSymbologyIdentifiers: true, encodings: ['utf8', 'gb18030'] };
  readonly #source: ScanSource;
  readonly #aim: DecodeScanOptions['aim'];
  readonly #status: DeviceStatusHolder<'barcodeReader'>;
  readonly #scanListeners = new Set<ScanListener>();
  readonly #errorListeners = new Set<ReadErrorListener>();
  /** Why the device is not online, for `read` failures and the CLI; never holds scan data. */
  #reason = 'not started';

  constructor(id: string, source: ScanSource, options: BarcodeReaderOptions = {}) {
    this.id = id;
    this.#source = source;
    this.#aim = options.aim;
    this.#status = new DeviceStatusHolder('barcodeReader', id, { common: { device: 'offline' }, barcodeReader: { reader: 'off' } });
    source.onState((state) => {
      this.#reason = state.state === 'connected' ? '' : state.reason;
      this.#status.set(statusOf(state));
    });
    source.onEvent((event) => this.#onSourceEvent(event));
  }

  get description(): string {
    return this.#source.description;
  }

  /** Why the device is not online ('' when it is). */
  get reason(): string {
    return this.#reason;
  }

  /** Starts reading; resolves after the first attempt to reach the device. */
  start(): Promise<void> {
    return this.#source.start();
  }

  status(): DeviceStatus<'barcodeReader'> {
    return this.#status.current;
  }

  onEvent(listener: DeviceEventListener): () => void {
    return this.#status.onEvent(listener);
  }

  onScan(listener: ScanListener): () => void {
    this.#scanListeners.add(listener);
    return () => this.#scanListeners.delete(listener);
  }

  onReadError(listener: ReadErrorListener): () => void {
    this.#errorListeners.add(listener);
    return () => this.#errorListeners.delete(listener);
  }

  /** Waits for the next scan. A read error completes it with `invalidData`; an offline reader with `deviceNotReady`. */
  read(options: { timeoutMs: number; signal?: AbortSignal }): Promise<Completion<Scan>> {
    return runCommand<Scan>(
      (signal) => {
        if (this.#status.current.common.device !== 'online') {
          return failure('deviceNotReady', `barcode reader is ${this.#status.current.common.device}: ${this.#reason}`);
        }
        return new Promise<Completion<Scan>>((resolve) => {
          const stop = (): void => {
            offScan();
            offError();
            offStatus();
          };
          const offScan = this.onScan((scan) => {
            stop();
            resolve(success(scan));
          });
          const offError = this.onReadError((error) => {
            stop();
            resolve(failure('invalidData', describeReadError(error)));
          });
          const offStatus = this.onEvent((event) => {
            if (event.type !== 'statusChanged' || this.#status.current.common.device === 'online') return;
            stop();
            resolve(failure('deviceNotReady', `barcode reader went ${this.#status.current.common.device}`));
          });
          signal.addEventListener('abort', stop, { once: true });
        });
      },
      { ...options, label: 'barcode.read' },
    );
  }

  async close(): Promise<void> {
    await this.#source.close();
    this.#reason = 'closed';
    this.#status.set({ common: { device: 'offline' }, barcodeReader: { reader: 'off' } });
  }

  #onSourceEvent(event: SourceEvent): void {
    if (event.type === 'error') return this.#emitError(event.error);
    const result = decodeScan(event.bytes, { aim: this.#aim, aimId: event.aimId });
    if (!result.ok) return this.#emitError(result.error);
    for (const listener of this.#scanListeners) {
      try {
        listener(result.scan);
      } catch {
        // A listener's failure is its own; the reader and the other listeners carry on.
      }
    }
  }

  #emitError(error: ScanReadError): void {
    for (const listener of this.#errorListeners) {
      try {
        listener(error);
      } catch {
        // As above.
      }
    }
  }
}
