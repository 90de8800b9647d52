// print.receipt: the receipt of a transaction this session submitted, on the receipt printer. The answer the
// platform gave (case number, decision) comes from the outbox, the same source as transaction.result; offline the
// receipt carries the receipt code and says the result will follow. A failed print loses nothing: the transaction is
// accepted whatever the printer does, and printing again is always allowed.
import type { PrintResult } from '../../contracts/kiosk-api';
import type { ReceiptPrinter } from '../../drivers/receipt-printer/receipt-printer';
import { resultOf } from '../api/handlers/transaction-result';
import type { Outbox } from '../outbox/outbox';
import { toPrintResult } from './print-result';
import { buildReceipt } from './receipt-content';
import type { ServiceLogger } from './service-logger';
import type { SessionStore } from './session-store';

export interface ReceiptServiceOptions {
  sessions: SessionStore;
  printer: Pick<ReceiptPrinter, 'print' | 'status'>;
  outbox: Pick<Outbox, 'get'>;
  /** An item's or a bundle's name by code; undefined when the catalog in use has none (the code is printed). */
  itemName: (code: string) => string | undefined;
  terminal: { id: string; name: string };
  publicBaseUrl: string | undefined;
  logger: ServiceLogger;
}

export class ReceiptService {
  readonly #options: ReceiptServiceOptions;

  constructor(options: ReceiptServiceOptions) {
    this.#options = options;
  }

  async print(sessionId: string, transactionId: string): Promise<PrintResult> {
    const { sessions, printer, outbox, logger } = this.#options;
    const session = sessions.get(sessionId);
    if (!session) return { ok: false, error: { code: 'noSession', message: 'no such session (it ended or never started)' } };
    const submitted = session.submitted(transactionId);
    if (!submitted) return { ok: false, error: { code: 'unknownTransaction', message: 'this session submitted no such transaction' } };
    const document = buildReceipt({
      transactionId,
      itemName: this.#options.itemName(submitted.itemCode) ?? submitted.itemCode,
      maskedName: submitted.maskedName,
      acceptedAt: submitted.acceptedAt,
      terminal: this.#options.terminal,
      result: resultOf(outbox.get(transactionId)),
      publicBaseUrl: this.#options.publicBaseUrl,
    });
    // Tracked, not tied to the session's signal: a receipt half out of the printer is finished even if the session ends.
    const completion = await session.track(() => printer.print(document));
    const result = toPrintResult(completion, () => printer.status().receiptPrinter.paper?.roll === 'out');
    if (result.ok) logger.info({ session: session.id, transaction: transactionId }, 'receipt printed');
    else logger.warn({ session: session.id, transaction: transactionId, code: result.error.code, reason: result.error.message }, 'receipt not printed');
    return result;
  }
}
