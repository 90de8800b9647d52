// Start-up recovery, run before the outbox takes new transactions. Nothing accepted is ever dropped here: damaged
// rows are flagged for staff (needsAttention), each row is checked on its own so one bad row does not stop the rest.
import type { AttachmentFiles } from './attachment-files';
import { expire, purgeAcknowledged, removeOrphans } from './housekeeping';
import type { RecoveryReport } from './outbox-types';
import type { OutboxStore } from './outbox-store';
import type { AttentionCause } from './states';
import { TransactionOpener } from './transaction-crypto';

export async function recover(parts: { store: OutboxStore; files: AttachmentFiles; deviceKey: Buffer; now: number; retentionMs: number }): Promise<RecoveryReport> {
  const { store, files, deviceKey, now } = parts;
  const returnedToAccepted = store.returnSendingToAccepted(now);
  // Before the orphan sweep: purged rows no longer refer to their files.
  const purged = await purgeAcknowledged(store, files, now);
  const removed = await removeOrphans(store, files, new Set());

  const flagged: RecoveryReport['flagged'] = [];
  for (const id of store.idsInState('accepted')) {
    const problem = await check(store, files, deviceKey, id);
    if (!problem) continue;
    const moved = store.move(id, 'needsAttention', now, { attention_cause: problem.cause, attention_reason: problem.reason });
    if (moved.ok) flagged.push({ id, ...problem });
  }
  const expired = expire(store, now, parts.retentionMs);
  return { returnedToAccepted, tempFilesRemoved: removed.temp, orphanFilesRemoved: removed.orphans, flagged, purged, expired };
}

/** What is wrong with an accepted row, or undefined when its payload opens and its files are whole. */
async function check(store: OutboxStore, files: AttachmentFiles, deviceKey: Buffer, id: string): Promise<{ cause: AttentionCause; reason: string } | undefined> {
  const row = store.get(id);
  if (!row) return undefined;
  const opener = new TransactionOpener(deviceKey, id, row.key_wrapped);
  try {
    const payload = opener.payload(row.payload);
    if (!payload.ok) return { cause: 'payloadCorrupt', reason: payload.reason };
    const attachments = store.attachments(id);
    if (attachments.length !== row.attachment_count) {
      return { cause: 'attachmentCorrupt', reason: `attachment corrupt: ${attachments.length} of ${row.attachment_count} recorded` };
    }
    for (const attachment of attachments) {
      const file = await files.check(attachment);
      if (!file.ok) return { cause: 'attachmentCorrupt', reason: file.reason };
    }
    return undefined;
  } finally {
    opener.close();
  }
}
