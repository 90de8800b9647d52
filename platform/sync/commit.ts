// Commits a transaction whose attachments are all verified: decides it by the current catalog's rules (秒批) and
// stores the final answer, whose exact text every later repeat receives.
import { SubmitAnswer } from '../../contracts/sync-api';
import { decide } from '../approval/instant-approval';
import { reviewUnverifiedIdentity } from '../identity/unverified-identity';
import { certificateFor } from '../certificates/issue-certificate';
import { chinaDate } from '../approval/id-number';
import type { CurrentCatalog } from '../catalog/catalog-store';
import type { AttachmentRecord, Queries, TransactionRecord } from '../storage/platform-storage';
import { recordRating } from './ratings';

/**
 * Inside the caller's storage transaction; returns the answer's text. The caller reads the catalog before opening the
 * transaction: on PGlite's single connection a read outside the transaction would wait for it for ever.
 */
export async function commitTransaction(
  q: Queries,
  record: TransactionRecord,
  attachments: readonly AttachmentRecord[],
  catalog: CurrentCatalog | undefined,
  now: Date,
): Promise<string> {
  let decision;
  if (record.kind === 'application') {
    const materials = new Set([...record.materialsFromSharedData, ...attachments.flatMap((a) => (a.materialCode ? [a.materialCode] : []))]);
    decision = catalog ? decide(catalog, record.itemCode, { fields: record.payload, materials, today: chinaDate(now) }) : undefined;
    if (decision) decision = reviewUnverifiedIdentity(decision, record.payload);
  } else if (record.kind === 'rating') {
    await recordRating(q, record, now);
  }
  const answer: SubmitAnswer = {
    status: 'committed',
    transactionId: record.transactionId,
    caseNumber: record.caseNumber,
    committedAt: now.toISOString(),
    ...(decision ? { decision } : {}),
  };
  // Checked before it is stored: a stored answer is replayed for ever.
  const raw = JSON.stringify(SubmitAnswer.parse(answer));
  await q.commitTransaction(record.terminalId, record.transactionId, now, decision, raw);
  const certificate = catalog && certificateFor(record, catalog.document, decision, now);
  if (certificate) await q.certificates.insert(certificate);
  return raw;
}
