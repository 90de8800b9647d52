import type { TransactionService } from '../../services/transaction-service';
import type { KioskApiHandlers } from '../kiosk-api-server';

/** `transaction.submit`: answers after the outbox has stored the transaction durably, or with why it could not. */
export function transactionSubmit(transactions: TransactionService): KioskApiHandlers['transaction.submit'] {
  return ({ sessionId, ...input }) => transactions.submit(sessionId, input);
}
