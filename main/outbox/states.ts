// The outbox's state machine. A transaction moves only along these edges; every change of state in outbox.ts goes
// through `canMove`, so an illegal move (acknowledging what was never sent, resending a purged row) is refused.
//
//   accepted ──claim──> sending ──acknowledged──> acknowledged ──purge──> purged ──(retention)──> row deleted
//      ^                   │ │
//      └──retry / restart──┘ └──rejected──> needsAttention
//   accepted ──(recovery finds a corrupt payload or attachment)──> needsAttention
//
// needsAttention is a resting state: staff and ops see it with its cause and reason; nothing leaves it by age or by
// attempt count.

export const transactionStates = ['accepted', 'sending', 'acknowledged', 'purged', 'needsAttention'] as const;
export type TransactionState = (typeof transactionStates)[number];

/** Why a transaction needs attention; `reason` on the row says more (never personal data). */
export type AttentionCause = 'rejected' | 'attachmentCorrupt' | 'payloadCorrupt';

const edges: Readonly<Record<TransactionState, readonly TransactionState[]>> = {
  accepted: ['sending', 'needsAttention'],
  sending: ['accepted', 'acknowledged', 'needsAttention'],
  acknowledged: ['purged'],
  purged: [],
  needsAttention: [],
};

export function canMove(from: TransactionState, to: TransactionState): boolean {
  return edges[from].includes(to);
}

/** States the sync agent still has to deliver. */
export const pendingStates: readonly TransactionState[] = ['accepted', 'sending'];
