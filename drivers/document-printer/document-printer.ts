// What an A4 document printer offers the kiosk, real (CUPS) or simulated: the device model plus `print`.
import type { Completion, DeviceStatus } from '../../contracts/device-model';
import type { Device } from '../common/device';

export interface PrintOptions {
  /** Until the job has come out of the printer; on expiry the job is cancelled. Default 120 s. */
  timeoutMs?: number;
  /** Aborting cancels the job in the queue. */
  signal?: AbortSignal;
  /** Shown in the queue and on banner pages: a kind of document, never a citizen's name. Default `kiosk-document`. */
  jobName?: string;
}

export interface PrintedJob {
  /** The queue's job id (CUPS job number, or the simulator's). */
  jobId: number;
}

export interface DocumentPrinter extends Device<'documentPrinter'> {
  /**
   * Prints a PDF (bytes, or the path of a file) and follows the job until it is printed. A job that cannot progress
   * (paper out, jam, door open, queue stopped) is cancelled, so it cannot come out later for nobody.
   */
  print(document: Uint8Array | string, options?: PrintOptions): Promise<Completion<PrintedJob>>;
  /** Asks the printer for its state now, besides the regular polling. */
  refresh(): Promise<Completion<DeviceStatus<'documentPrinter'>>>;
}

export const DEFAULT_PRINT_TIMEOUT_MS = 120_000;
export const DEFAULT_JOB_NAME = 'kiosk-document';
