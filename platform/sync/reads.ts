// The read side: attachment progress, case progress, and what ops see of terminals and their transactions.
import { findEntry } from '../../contracts/catalog';
import { type AttachmentProgress, type CaseProgress, type CaseStatus, Decision, HeartbeatRequest, type OpsTerminal, type OpsTransactionPage, TransactionKind } from '../../contracts/sync-api';
import type { TransactionRecord } from '../storage/platform-storage';
import { type Outcome, type SyncDeps, fail } from './outcome';
import { promisedDate } from './promised-date';
import { progressOf } from './upload';

export async function attachmentProgress(deps: SyncDeps, terminalId: string, transactionId: string, attachmentId: string): Promise<Outcome<AttachmentProgress>> {
  const attachment = await deps.storage.q.getAttachment(terminalId, transactionId, attachmentId);
  if (!attachment) return fail(404, 'notFound', `no attachment ${attachmentId} of transaction ${transactionId} from this terminal`);
  return { ok: true, value: progressOf(attachment) };
}

export async function caseProgress(deps: SyncDeps, caseNumber: string): Promise<Outcome<CaseProgress>> {
  const record = await deps.storage.q.getTransactionByCaseNumber(caseNumber);
  if (!record) return fail(404, 'notFound', `no case ${caseNumber}`);
  return { ok: true, value: await progressOfCase(deps, record) };
}

/** By the receipt code a receipt's QR code carries (the application's transaction id), from whichever terminal. */
export async function receiptProgress(deps: SyncDeps, transactionId: string): Promise<Outcome<CaseProgress>> {
  const record = await deps.storage.q.getTransactionById(transactionId);
  if (!record) return fail(404, 'notFound', `no case with receipt code ${transactionId}`);
  return { ok: true, value: await progressOfCase(deps, record) };
}

async function progressOfCase(deps: SyncDeps, record: TransactionRecord): Promise<CaseProgress> {
  const catalog = await deps.catalogs.current();
  const entry = catalog ? findEntry(catalog.document, record.itemCode) : undefined;
  const decision = record.decision === null ? undefined : Decision.parse(record.decision);
  const status: CaseStatus =
    record.committedAt === null
      ? 'awaitingMaterials'
      : !decision
        ? 'received'
        : decision.outcome === 'approved'
          ? 'approved'
          : decision.outcome === 'rejected'
            ? 'rejected'
            : 'inReview';
  // A bundle is promised by its slowest item.
  const limits = !entry ? [] : entry.kind === 'item' ? [entry.item.timeLimits.promised] : entry.items.map((i) => i.timeLimits.promised);
  const promised = limits.map((limit) => promisedDate(record.receivedAt, limit)).sort();
  return {
    caseNumber: record.caseNumber,
    kind: TransactionKind.parse(record.kind),
    itemCode: record.itemCode,
    itemName: !entry ? null : entry.kind === 'item' ? entry.item.name : entry.bundle.name,
    status,
    submittedAt: record.createdAt.toISOString(),
    receivedAt: record.receivedAt.toISOString(),
    committedAt: record.committedAt?.toISOString() ?? null,
    promisedBy: status === 'rejected' ? null : (promised.at(-1) ?? null),
    ...(decision ? { decision } : {}),
    steps: stepsOf(record, status),
    rated: (await deps.storage.q.getRating(record.caseNumber)) !== undefined,
  };
}

/**
 * Submitted → received (every material there) → in review (staff, or rules that asked for them) → concluded. A case
 * decided at once by rules (秒批) skips the review; one handled in the normal way waits at received.
 */
function stepsOf(record: TransactionRecord, status: CaseStatus): CaseProgress['steps'] {
  const committed = record.committedAt?.toISOString() ?? null;
  const concluded = status === 'approved' || status === 'rejected';
  return [
    { name: 'submitted', at: record.createdAt.toISOString(), done: true },
    { name: 'received', at: committed, done: committed !== null },
    ...(concluded ? [] : [{ name: 'inReview' as const, at: status === 'inReview' ? committed : null, done: status === 'inReview' }]),
    { name: 'concluded', at: concluded ? committed : null, done: concluded },
  ];
}

export async function opsTerminal(deps: SyncDeps, terminalId: string): Promise<Outcome<OpsTerminal>> {
  const terminal = await deps.storage.q.getTerminal(terminalId);
  if (!terminal) return fail(404, 'notFound', `no terminal ${terminalId}`);
  const last = await deps.storage.q.latestHeartbeat(terminalId);
  return {
    ok: true,
    value: {
      terminalId,
      name: terminal.name,
      region: terminal.region,
      enabled: terminal.enabled,
      lastHeartbeat: last ? { receivedAt: last.receivedAt.toISOString(), heartbeat: HeartbeatRequest.parse(last.body) } : null,
    },
  };
}

/** Cursors are opaque to clients: the last transaction id of the page, base64url. */
export async function opsTransactions(deps: SyncDeps, terminalId: string, page: { limit: number; cursor?: string }): Promise<Outcome<OpsTransactionPage>> {
  let beforeId: string | undefined;
  if (page.cursor !== undefined) {
    beforeId = Buffer.from(page.cursor, 'base64url').toString('utf8');
    if (!/^[0-9a-f-]{36}$/.test(beforeId)) return fail(400, 'invalidRequest', 'cursor: not a cursor this API gave out');
  }
  const rows = await deps.storage.q.listTransactions(terminalId, { limit: page.limit + 1, beforeId });
  const items = rows.slice(0, page.limit).map((r) => ({
    transactionId: r.transactionId,
    kind: TransactionKind.parse(r.kind),
    itemCode: r.itemCode,
    caseNumber: r.caseNumber,
    status: r.committedAt === null ? ('accepted' as const) : ('committed' as const),
    createdAt: r.createdAt.toISOString(),
    receivedAt: r.receivedAt.toISOString(),
    committedAt: r.committedAt?.toISOString() ?? null,
    outcome: r.outcome === null ? null : Decision.shape.outcome.parse(r.outcome),
    attachments: { count: r.attachmentCount, complete: r.attachmentsComplete },
  }));
  const last = items.at(-1);
  return { ok: true, value: { items, nextCursor: rows.length > page.limit && last ? Buffer.from(last.transactionId).toString('base64url') : null } };
}
