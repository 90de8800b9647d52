// The uploads lane: sends the attachments of submitted transactions in chunks, each starting where the platform's
// received length says, so a broken connection costs at most the chunk in flight — a 5 MB scan over a flaky link
// never starts again from zero. After a chunk failed in flight the platform is asked how much it holds before more is
// sent, so a chunk that arrived although its answer was lost is not sent again.
//
// `uploadsInFlight` steps may run at once (the agent runs that many lanes over this queue), each on a different
// transaction; with 1 (the default) there is one upload request in flight.
import type { AttachmentProgress } from '../../contracts/sync-api';
import type { AgentContext } from './agent-context';
import { classifyFailure, describeFailure } from './failures';
import type { LaneStep } from './lane';
import { attachmentId } from './submit-request';
import type { SyncFailure } from './sync-client';
import type { InFlight, UploadSink } from './transaction-lane';

interface Progress {
  id: string;
  index: number;
  size: number;
  received: number;
  complete: boolean;
  /** A chunk failed in flight: the platform may or may not have it; ask before sending more. */
  uncertain: boolean;
}

interface UploadItem {
  item: InFlight;
  /** Attachments in index order. */
  attachments: Progress[];
  /** The plaintext of the attachment being sent, read from the outbox once. */
  data: { index: number; bytes: Buffer } | undefined;
  /** `attachmentHashMismatch` answers per attachment: the second one refuses the transaction. */
  mismatches: Map<string, number>;
  /** A step is working on it. */
  busy: boolean;
}

export class UploadLane implements UploadSink {
  readonly #ctx: AgentContext;
  readonly #onUploaded: (item: InFlight) => void;
  #queue: UploadItem[] = [];

  /** `onUploaded`: every attachment of the transaction is at the platform; submit it again for the final answer. */
  constructor(ctx: AgentContext, onUploaded: (item: InFlight) => void) {
    this.#ctx = ctx;
    this.#onUploaded = onUploaded;
  }

  get pending(): number {
    return this.#queue.length;
  }

  enqueue(item: InFlight, attachments: readonly AttachmentProgress[]): void {
    const indexById = new Map(item.transaction.attachments.map((a) => [attachmentId(a.index), a.index]));
    const progress = attachments
      .map((a) => ({ id: a.id, index: indexById.get(a.id) ?? -1, size: a.size, received: a.receivedBytes, complete: a.complete, uncertain: false }))
      .sort((a, b) => a.index - b.index);
    this.#queue.push({ item, attachments: progress, data: undefined, mismatches: new Map(), busy: false });
    this.#ctx.events.wakeUploads();
  }

  drain(): InFlight[] {
    return this.#queue.splice(0).map((u) => u.item);
  }

  async step(): Promise<LaneStep> {
    const upload = this.#queue.find((u) => !u.busy);
    if (!upload) return { next: 'wake' };
    upload.busy = true;
    try {
      return await this.#step(upload);
    } finally {
      upload.busy = false;
    }
  }

  async #step(upload: UploadItem): Promise<LaneStep> {
    const ctx = this.#ctx;
    const { transaction } = upload.item;
    const next = upload.attachments.find((a) => !a.complete);
    if (!next) {
      this.#done(upload);
      this.#onUploaded(upload.item);
      return { next: 'now' };
    }
    const gate = ctx.gate();
    if (!gate.ok) return gate.step;
    if (next.uncertain) return this.#askProgress(upload, next);

    if (upload.data?.index !== next.index) {
      upload.data = undefined;
      const read = await ctx.outbox.readAttachment(transaction.id, next.index);
      if (!read.ok) {
        ctx.ungate(gate.permit);
        this.#done(upload);
        if (read.error.code === 'attachmentCorrupt') {
          // The outbox has moved the row to needsAttention, keeping the file as evidence.
          ctx.logger.warn({ id: transaction.id, index: next.index }, 'attachment corrupt in the outbox; the transaction needs attention');
          ctx.events.problem(`transaction ${transaction.id} needs attention: ${read.error.message}`);
          ctx.events.rejected();
        } else {
          ctx.retry(transaction, `attachment #${next.index} could not be read: ${read.error.code}`);
        }
        return { next: 'now' };
      }
      if (read.data.length !== next.size) {
        ctx.ungate(gate.permit);
        this.#done(upload);
        ctx.reject(transaction, `attachment #${next.index} is ${read.data.length} bytes, ${next.size} were declared`);
        return { next: 'now' };
      }
      upload.data = { index: next.index, bytes: read.data };
    }

    const chunk = upload.data.bytes.subarray(next.received, next.received + ctx.tuning.chunkBytes);
    const result = await ctx.client.uploadChunk({ transactionId: transaction.id, attachmentId: next.id, offset: next.received }, chunk);
    if (!result.ok) return this.#failed(upload, next, result.failure);
    const { attachment, transactionStatus } = result.value;
    if (attachment.id !== next.id) return this.#failed(upload, next, { kind: 'malformedAnswer', status: 200, message: 'the upload answer names another attachment' });
    ctx.succeeded();
    next.received = attachment.receivedBytes;
    next.complete = attachment.complete;
    // The platform committed the transaction: every attachment is there, whatever this lane still thought.
    if (transactionStatus === 'committed') for (const a of upload.attachments) a.complete = true;
    return { next: 'now' };
  }

  async #askProgress(upload: UploadItem, next: Progress): Promise<LaneStep> {
    const ctx = this.#ctx;
    const result = await ctx.client.attachmentProgress({ transactionId: upload.item.transaction.id, attachmentId: next.id });
    if (!result.ok) return this.#failed(upload, next, result.failure);
    ctx.succeeded();
    next.uncertain = false;
    next.received = result.value.receivedBytes;
    next.complete = result.value.complete;
    return { next: 'now' };
  }

  #failed(upload: UploadItem, next: Progress, failure: SyncFailure): LaneStep {
    const ctx = this.#ctx;
    const { transaction } = upload.item;
    if (failure.kind === 'refused') {
      const { error } = failure;
      if (error.code === 'offsetMismatch') {
        ctx.succeeded();
        next.received = error.receivedBytes ?? 0;
        next.complete = next.received >= next.size;
        return { next: 'now' };
      }
      if (error.code === 'attachmentHashMismatch') {
        // The platform discarded the bytes. Send them once more, read afresh (the outbox checks the file again);
        // a second mismatch means no retry will do.
        ctx.succeeded();
        const count = (upload.mismatches.get(next.id) ?? 0) + 1;
        upload.mismatches.set(next.id, count);
        ctx.logger.warn({ id: transaction.id, attachment: next.index, count }, 'the platform found the uploaded attachment did not match its SHA-256');
        next.received = 0;
        upload.data = undefined;
        if (count >= 2) {
          this.#done(upload);
          ctx.reject(transaction, `attachment #${next.index} does not match its SHA-256 at the platform, also when sent again`);
        }
        return { next: 'now' };
      }
      if (error.code === 'notFound') {
        // The platform does not know the transaction (yet): submit it again.
        ctx.succeeded();
        this.#done(upload);
        ctx.retry(transaction, describeFailure(failure), ctx.clock.now());
        return { next: 'now' };
      }
    }
    switch (classifyFailure(failure)) {
      case 'stopped':
        return { next: 'wake' };
      case 'outage': {
        next.uncertain = true;
        const notBefore = ctx.failed(failure, `uploading attachment #${next.index}`);
        // To the back of the queue (without its cached bytes): one transaction the platform keeps failing on cannot
        // hold up the others.
        upload.data = undefined;
        this.#queue = [...this.#queue.filter((u) => u !== upload), upload];
        return { next: 'at', at: notBefore };
      }
      case 'permanent':
        ctx.succeeded();
        this.#done(upload);
        ctx.reject(transaction, describeFailure(failure));
        return { next: 'now' };
      case 'transient':
        ctx.succeeded();
        this.#done(upload);
        ctx.retry(transaction, describeFailure(failure));
        return { next: 'now' };
    }
  }

  /** The transaction leaves the queue; the transactions lane may claim more. */
  #done(upload: UploadItem): void {
    this.#queue = this.#queue.filter((u) => u !== upload);
    this.#ctx.events.wakeTransactions();
  }
}
