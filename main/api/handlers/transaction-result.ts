import type { TransactionResult } from '../../../contracts/kiosk-api';
import type { Outbox } from '../../outbox/outbox';
import type { TransactionRecord } from '../../outbox/outbox-types';
import type { KioskApiHandlers } from '../kiosk-api-server';

/** `transaction.result`: reads the outbox until the platform's answer is there or `waitSeconds` have passed. */
export function transactionResult(
  outbox: Pick<Outbox, 'get'>,
  options: { pollMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): KioskApiHandlers['transaction.result'] {
  const pollMs = options.pollMs ?? 250;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  return async ({ transactionId, waitSeconds }) => {
    const polls = Math.ceil((waitSeconds * 1000) / pollMs);
    for (let poll = 0; ; poll++) {
      const result = resultOf(outbox.get(transactionId));
      if (result.state !== 'pending' || poll >= polls) return result;
      await sleep(pollMs);
    }
  };
}

/** What the outbox knows of a transaction's answer; the receipt prints from the same source. */
export function resultOf(record: TransactionRecord | undefined): TransactionResult {
  if (!record) return { state: 'unknown' };
  if (record.state === 'needsAttention') return { state: 'needsAttention' };
  const answer = record.answer;
  if (!answer || typeof answer.caseNumber !== 'string') return { state: 'pending' };
  const outcome = answer.outcome;
  return {
    state: 'answered',
    caseNumber: answer.caseNumber,
    outcome: outcome === 'approved' || outcome === 'needsReview' || outcome === 'rejected' ? outcome : null,
    reasons: typeof answer.reasons === 'string' && answer.reasons !== '' ? answer.reasons.split('\n') : [],
  };
}
