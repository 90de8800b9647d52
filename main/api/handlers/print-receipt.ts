import type { ReceiptService } from '../../services/receipt-service';
import type { KioskApiHandlers } from '../kiosk-api-server';

/** `print.receipt`: the 80 mm receipt of a transaction submitted in this session. */
export function printReceipt(receipts: ReceiptService): KioskApiHandlers['print.receipt'] {
  return ({ sessionId, transactionId }) => receipts.print(sessionId, transactionId);
}
