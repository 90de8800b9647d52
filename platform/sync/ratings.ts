// Ratings (好差评) arrive as `rating` transactions through the same delivery as applications. When one commits, the
// case it names gets its rating — once: the first rating of a case stands (一事一评), and a later one (a second kiosk,
// a citizen rating twice while offline) stays a delivered transaction that does not count. A rating naming no case
// the platform holds is not counted either; the kiosk was told "submitted" and nothing waits on it.
import { CaseNumber, RatingPayload, TransactionId } from '../../contracts/sync-api';
import type { Queries, TransactionRecord } from '../storage/platform-storage';

/** The case a reference names: a case number, or the receipt code (transaction id) of an application. */
export async function findCase(q: Queries, reference: string): Promise<TransactionRecord | undefined> {
  if (CaseNumber.safeParse(reference).success) return q.getTransactionByCaseNumber(reference);
  if (TransactionId.safeParse(reference).success) return q.getTransactionById(reference);
  return undefined;
}

export type RatingOutcome = 'counted' | 'alreadyRated' | 'unknownCase' | 'malformed';

/** Inside the committing storage transaction of a `rating` transaction. */
export async function recordRating(q: Queries, rating: TransactionRecord, now: Date): Promise<RatingOutcome> {
  const payload = RatingPayload.safeParse(rating.payload);
  if (!payload.success) return 'malformed';
  const rated = await findCase(q, payload.data.reference);
  if (!rated || rated.kind !== 'application') return 'unknownCase';
  const inserted = await q.insertRating({
    caseNumber: rated.caseNumber,
    terminalId: rating.terminalId,
    transactionId: rating.transactionId,
    level: payload.data.level,
    reasons: payload.data.reasons,
    ratedAt: now,
  });
  return inserted ? 'counted' : 'alreadyRated';
}
