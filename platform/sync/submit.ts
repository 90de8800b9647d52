// Submit: stores a transaction once per (terminal, transaction id) for ever. A new one gets a case number and, with no
// attachments, is committed at once; a repeat with the same content gets the stored answer (its exact text once
// committed, the upload progress before); the same id with other content is refused with 409.
import type { ParsedSubmitTransactionRequest, SubmitAnswer } from '../../contracts/sync-api';
import type { AttachmentRecord, Queries, TerminalRecord, TransactionRecord } from '../storage/platform-storage';
import { caseDay, formatCaseNumber } from './case-number';
import { commitTransaction } from './commit';
import { type Outcome, type SyncDeps, fail } from './outcome';
import { requestHash } from './request-hash';

/** Thrown inside the storage transaction to roll back the case number when another request inserted the id first. */
class AlreadyStored extends Error {}

/** The answer's JSON text. */
export async function submitTransaction(deps: SyncDeps, terminal: TerminalRecord, request: ParsedSubmitTransactionRequest): Promise<Outcome<string>> {
  if (request.terminalId !== terminal.terminalId) {
    return fail(403, 'forbidden', `the body names terminal ${request.terminalId}, but the request is signed by ${terminal.terminalId}`);
  }
  const hash = requestHash(request);
  const existing = await deps.storage.q.getTransaction(terminal.terminalId, request.transactionId);
  if (existing) return repeat(deps.storage.q, existing, hash);

  const now = deps.now();
  const catalog = await deps.catalogs.current();
  try {
    const raw = await deps.storage.transaction(async (q) => {
      const day = caseDay(now);
      const caseNumber = formatCaseNumber(terminal.region, day, await q.nextCaseSequence(terminal.region, day));
      const record: TransactionRecord = {
        terminalId: terminal.terminalId,
        transactionId: request.transactionId,
        requestHash: hash,
        kind: request.kind,
        itemCode: request.itemCode,
        caseNumber,
        createdAt: new Date(request.createdAt),
        receivedAt: now,
        payload: request.payload,
        materialsFromSharedData: request.materialsFromSharedData,
        committedAt: null,
        decision: null,
        answer: null,
      };
      const attachments = request.attachments.map((a) => ({
        attachmentId: a.id,
        size: a.size,
        sha256: a.sha256,
        contentType: a.contentType,
        materialCode: a.materialCode ?? null,
      }));
      if (!(await q.insertTransaction(record, attachments))) throw new AlreadyStored();
      if (attachments.length === 0) return commitTransaction(q, record, [], catalog, now);
      return JSON.stringify(acceptedAnswer(record, await q.listAttachments(record.terminalId, record.transactionId)));
    });
    return { ok: true, value: raw };
  } catch (error) {
    if (!(error instanceof AlreadyStored)) throw error;
  }
  // A concurrent duplicate won the insert: answer as to any repeat.
  const winner = await deps.storage.q.getTransaction(terminal.terminalId, request.transactionId);
  if (!winner) throw new Error('transaction vanished after a conflicting insert');
  return repeat(deps.storage.q, winner, hash);
}

async function repeat(q: Queries, record: TransactionRecord, hash: string): Promise<Outcome<string>> {
  if (record.requestHash !== hash) {
    return fail(409, 'idempotencyConflict', `transaction ${record.transactionId} was submitted before with different content; a new transaction needs a new id`);
  }
  if (record.answer !== null) return { ok: true, value: record.answer };
  return { ok: true, value: JSON.stringify(acceptedAnswer(record, await q.listAttachments(record.terminalId, record.transactionId))) };
}

function acceptedAnswer(record: TransactionRecord, attachments: readonly AttachmentRecord[]): SubmitAnswer {
  return {
    status: 'accepted',
    transactionId: record.transactionId,
    caseNumber: record.caseNumber,
    attachments: attachments.map((a) => ({ id: a.attachmentId, size: a.size, receivedBytes: a.receivedBytes, complete: a.completedAt !== null })),
  };
}
