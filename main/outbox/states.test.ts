import { describe, expect, it } from 'vitest';
import { type TransactionState, canMove, transactionStates } from './states';

describe('outbox state machine', () => {
  const allowed = new Set([
    'accepted>sending',
    'accepted>needsAttention',
    'sending>accepted',
    'sending>acknowledged',
    'sending>needsAttention',
    'acknowledged>purged',
  ]);

  it.each(transactionStates.flatMap((from) => transactionStates.map((to) => [from, to] as [TransactionState, TransactionState])))(
    '%s → %s',
    (from, to) => {
      expect(canMove(from, to)).toBe(allowed.has(`${from}>${to}`));
    },
  );

  it('never leaves needsAttention or purged', () => {
    for (const to of transactionStates) {
      expect(canMove('needsAttention', to)).toBe(false);
      expect(canMove('purged', to)).toBe(false);
    }
  });
});
