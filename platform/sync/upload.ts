// Resumable attachment upload: a chunk is taken only at the received length, so a kiosk whose connection broke asks
// (or is told in a 409) where to resume and never sends a byte twice. The chunk that completes an attachment has its
// SHA-256 checked over everything stored; a mismatch discards the attachment's bytes. The chunk that completes the
// transaction's last attachment commits the transaction, in the same storage transaction.
import { createHash } from 'node:crypto';
import type { AttachmentProgress, UploadAnswer } from '../../contracts/sync-api';
import type { AttachmentRecord, TerminalRecord } from '../storage/platform-storage';
import { commitTransaction } from './commit';
import { type Outcome, type SyncDeps, fail } from './outcome';

export function progressOf(a: AttachmentRecord): AttachmentProgress {
  return { id: a.attachmentId, size: a.size, receivedBytes: a.receivedBytes, complete: a.completedAt !== null };
}

export async function uploadChunk(
  deps: SyncDeps,
  terminal: TerminalRecord,
  target: { transactionId: string; attachmentId: string; offset: number },
  data: Uint8Array,
): Promise<Outcome<UploadAnswer>> {
  const { transactionId, attachmentId, offset } = target;
  const now = deps.now();
  const catalog = await deps.catalogs.current();
  return deps.storage.transaction(async (q): Promise<Outcome<UploadAnswer>> => {
    // The transaction's row lock serialises chunks of all its attachments, so exactly one of them sees them all complete.
    const record = await q.getTransaction(terminal.terminalId, transactionId, { forUpdate: true });
    if (!record) return fail(404, 'notFound', `no transaction ${transactionId} from this terminal; submit it first`);
    const attachment = await q.getAttachment(terminal.terminalId, transactionId, attachmentId, { forUpdate: true });
    if (!attachment) return fail(404, 'notFound', `transaction ${transactionId} declares no attachment ${attachmentId}`);
    if (offset !== attachment.receivedBytes || attachment.completedAt !== null) {
      return fail(409, 'offsetMismatch', `the platform holds ${attachment.receivedBytes} of ${attachment.size} bytes; send from there`, {
        receivedBytes: attachment.receivedBytes,
      });
    }
    if (data.byteLength === 0) return fail(400, 'invalidRequest', 'an upload chunk must not be empty');
    if (offset + data.byteLength > attachment.size) {
      return fail(413, 'tooLarge', `the chunk ends at ${offset + data.byteLength}, past the declared size ${attachment.size}`, {
        receivedBytes: attachment.receivedBytes,
      });
    }
    await q.appendChunk(terminal.terminalId, transactionId, attachmentId, offset, data);
    const received = offset + data.byteLength;
    if (received < attachment.size) {
      return { ok: true, value: { attachment: { ...progressOf(attachment), receivedBytes: received }, transactionStatus: 'accepted' } };
    }

    // The earlier chunks from storage, this one from memory.
    const hash = createHash('sha256');
    for await (const chunk of q.readChunks(terminal.terminalId, transactionId, attachmentId, offset)) hash.update(chunk);
    hash.update(data);
    if (hash.digest('hex') !== attachment.sha256) {
      await q.resetAttachment(terminal.terminalId, transactionId, attachmentId);
      return fail(422, 'attachmentHashMismatch', `attachment ${attachmentId} does not hash to its declared SHA-256; its bytes were discarded, upload it again from 0`, {
        receivedBytes: 0,
      });
    }
    await q.markAttachmentComplete(terminal.terminalId, transactionId, attachmentId, now);
    const all = await q.listAttachments(terminal.terminalId, transactionId);
    let transactionStatus: UploadAnswer['transactionStatus'] = record.answer !== null ? 'committed' : 'accepted';
    if (record.answer === null && all.every((a) => a.completedAt !== null)) {
      await commitTransaction(q, record, all, catalog, now);
      transactionStatus = 'committed';
    }
    const done = all.find((a) => a.attachmentId === attachmentId) ?? attachment;
    return { ok: true, value: { attachment: progressOf(done), transactionStatus } };
  });
}
