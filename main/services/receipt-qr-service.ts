// Reading a receipt's QR code for the progress query: waits for a code on the QR reader and keeps only the case
// reference in it (contracts/receipt-qr.ts). Needs no session: anyone holding the receipt may ask. The scanned text
// is never logged (a code shown by mistake may be a 网证 that identifies a person).
import type { FailureCode } from '../../contracts/device-model';
import type { ReadReceiptQrResult } from '../../contracts/kiosk-api';
import { parseReceiptQr } from '../../contracts/receipt-qr';
import type { BarcodeReader } from '../../drivers/barcode-reader/barcode-reader';
import type { ServiceLogger } from './service-logger';

type ErrorCode = Extract<ReadReceiptQrResult, { ok: false }>['error']['code'];

const codeOf: Record<FailureCode, ErrorCode> = {
  timeOut: 'timeout',
  canceled: 'canceled',
  deviceNotReady: 'deviceNotReady',
  hardwareError: 'deviceNotReady',
  unsupported: 'deviceNotReady',
  invalidData: 'notReceipt',
  userError: 'notReceipt',
};

export class ReceiptQrService {
  readonly #reader: Pick<BarcodeReader, 'read'>;
  readonly #logger: ServiceLogger;
  #pending: AbortController | undefined;

  constructor(options: { reader: Pick<BarcodeReader, 'read'>; logger: ServiceLogger }) {
    this.#reader = options.reader;
    this.#logger = options.logger;
  }

  /** A new wait ends the one before (`canceled`): the screen asking now is the one the citizen looks at. */
  async read(timeoutSeconds: number): Promise<ReadReceiptQrResult> {
    this.#pending?.abort();
    const controller = new AbortController();
    this.#pending = controller;
    try {
      const completion = await this.#reader.read({ timeoutMs: timeoutSeconds * 1000, signal: controller.signal });
      if (completion.code !== 'success') {
        const code = controller.signal.aborted ? 'canceled' : codeOf[completion.code];
        return { ok: false, error: { code, message: completion.message } };
      }
      const reference = parseReceiptQr(completion.value.text);
      this.#logger.info({ recognised: reference !== null }, 'receipt QR read');
      if (reference === null) return { ok: false, error: { code: 'notReceipt', message: 'the code read is not a receipt of this service' } };
      return { ok: true, reference };
    } finally {
      if (this.#pending === controller) this.#pending = undefined;
    }
  }

  close(): void {
    this.#pending?.abort();
  }
}
