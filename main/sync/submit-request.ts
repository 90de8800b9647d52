// From an outbox row to the sync API and back: the submit request a claimed transaction becomes, and the flat record
// of the platform's final answer the outbox keeps after purging the personal data.
//
// The mapping is deterministic, so every retry of a transaction sends the same content (the platform's idempotency
// check compares it) — also after a restart, since it reads only what the outbox stored.
import { MaterialCode } from '../../contracts/catalog';
import { type SubmitAnswer, SubmitTransactionRequest } from '../../contracts/sync-api';
import type { ClaimedTransaction, JsonObject, PlatformAnswer } from '../outbox/outbox-types';

/**
 * The key of `personal` that holds the material codes covered by shared data or an e-licence (电子证照); it is sent
 * as the request's `materialsFromSharedData`, not as a form field. It cannot clash with a form field name (those
 * start with a lower-case letter).
 */
export const sharedMaterialsKey = '_materialsFromSharedData';

/** The platform's name for attachment `index` of a transaction. */
export function attachmentId(index: number): string {
  return `a${index}`;
}

export type BuiltRequest = { ok: true; request: SubmitTransactionRequest } | { ok: false; reason: string };

/** The submit request for a claimed transaction, checked against the contract before anything is sent. */
export function toSubmitRequest(transaction: ClaimedTransaction): BuiltRequest {
  const { [sharedMaterialsKey]: shared, ...payload } = transaction.personal;
  const request: SubmitTransactionRequest = {
    transactionId: transaction.id,
    terminalId: transaction.terminalId,
    kind: transaction.kind,
    itemCode: transaction.itemCode,
    createdAt: new Date(transaction.createdAt).toISOString(),
    payload: payload as JsonObject,
    materialsFromSharedData: Array.isArray(shared) ? (shared as string[]) : [],
    attachments: transaction.attachments.map((a) => ({
      id: attachmentId(a.index),
      size: a.size,
      sha256: a.sha256,
      contentType: a.mediaType,
      ...(MaterialCode.safeParse(a.label).success ? { materialCode: a.label } : {}),
    })),
  };
  const checked = SubmitTransactionRequest.safeParse(request);
  if (checked.success) return { ok: true, request };
  // Paths only, and within the payload not even those: the values (and whatever keys a form made) are the citizen's.
  const where = checked.error.issues.slice(0, 3).map((issue) => `${issue.path[0] === 'payload' ? 'payload' : issue.path.join('.') || '(root)'}: ${issue.code}`);
  return { ok: false, reason: `the transaction does not fit the sync contract (${where.join('; ')})` };
}

/** What the outbox keeps of a committed answer: case number, time, the instant-approval (秒批) decision. */
export function toPlatformAnswer(answer: Extract<SubmitAnswer, { status: 'committed' }>): PlatformAnswer {
  return {
    caseNumber: answer.caseNumber,
    committedAt: answer.committedAt,
    outcome: answer.decision?.outcome ?? null,
    reasons: answer.decision ? answer.decision.reasons.join('\n') : null,
    catalogVersion: answer.decision?.catalogVersion ?? null,
  };
}
