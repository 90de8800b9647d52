// A simulated serial barcode reader: it sends what a real one sends for a scan ([AIM id] payload [suffix], UTF-8 or
// GB18030), optionally in ragged chunks with small pauses the way USB CDC readers deliver long codes, and it can be
// unplugged and plugged back. Scripted through a SimulatorControl (tests, the demo, the staff screen).
import { z } from 'zod';
import { type SimulatorControl, simulatorAction } from '../simulation/simulator-control';
import { SimulatedScan, encodeScanFrame } from './scan-encoder';
import type { SimulatorLine } from './simulator-line';

export const SimulatorScanInput = SimulatedScan.extend({
  /** Split the bytes into random chunks of 1–16 bytes with pauses of up to `maxChunkDelayMs`. */
  chunked: z.boolean().optional(),
});
export type SimulatorScanInput = z.infer<typeof SimulatorScanInput>;

export interface BarcodeReaderSimulatorOptions {
  /** Must stay well below the driver's idle gap, or a chunked scan would be split in two. */
  maxChunkDelayMs?: number;
  random?: () => number;
}

export class BarcodeReaderSimulator {
  readonly #line: SimulatorLine;
  readonly #maxDelay: number;
  readonly #random: () => number;
  #poweredOn = true;
  /** Scans go out one after another, never interleaved. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(line: SimulatorLine, options: BarcodeReaderSimulatorOptions = {}) {
    this.#line = line;
    this.#maxDelay = options.maxChunkDelayMs ?? 5;
    this.#random = options.random ?? Math.random;
  }

  get poweredOn(): boolean {
    return this.#poweredOn;
  }

  /** Sends one scan; resolves false (nothing sent) while powered off, as a switched-off reader reads nothing. */
  scan(input: SimulatorScanInput): Promise<boolean> {
    const bytes = encodeScanFrame(input);
    const sent = this.#queue.then(() => this.#send(bytes, input.chunked ?? false));
    this.#queue = sent.catch(() => {});
    return sent;
  }

  async powerOff(): Promise<void> {
    if (!this.#poweredOn) return;
    this.#poweredOn = false;
    await this.#queue;
    await this.#line.unplug();
  }

  async powerOn(): Promise<void> {
    if (this.#poweredOn) return;
    await this.#line.replug();
    this.#poweredOn = true;
  }

  control(deviceId: string): SimulatorControl {
    return {
      deviceClass: 'barcodeReader',
      deviceId,
      actions: {
        scan: simulatorAction({
          description: '扫码 / present a code to the reader',
          input: SimulatorScanInput,
          run: async (input) => void (await this.scan(input)),
        }),
        powerOff: simulatorAction({ description: '断开扫码器 / unplug the reader', input: z.strictObject({}), run: () => this.powerOff() }),
        powerOn: simulatorAction({ description: '接回扫码器 / plug the reader back in', input: z.strictObject({}), run: () => this.powerOn() }),
      },
    };
  }

  close(): Promise<void> {
    return this.#line.close();
  }

  async #send(bytes: Uint8Array, chunked: boolean): Promise<boolean> {
    if (!this.#poweredOn) return false;
    if (!chunked) return this.#line.write(bytes);
    for (let at = 0; at < bytes.length; ) {
      const size = 1 + Math.floor(this.#random() * 16);
      if (!(await this.#line.write(bytes.subarray(at, at + size)))) return false;
      at += size;
      await new Promise((resolve) => setTimeout(resolve, Math.floor(this.#random() * (this.#maxDelay + 1))));
    }
    return true;
  }
}
