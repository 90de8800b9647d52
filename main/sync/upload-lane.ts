// The uploads lane: sends the attachments of submitted transactions in chunks, each starting where the platform's
// received length says, so a broken connection costs at most the chunk in flight — a 5 MB scan over a flaky link
// never starts again from zero. After a chunk failed in flight the platform is asked how much it holds before more is
// sent, so a chunk that arrived although its answer was lost is not sent again.
//
// Chunks of several transactions travel in one streamed frames request (contracts/sync-api.ts, "Attachment frames"):
// with one upload request in flight, the platform stores each frame while the next is still on the wire, so a slow
// link does not idle for every chunk's answer. `uploadsInFlight` lanes may run over this queue at once, each on other
// transactions; with 1 (the default) there is one upload request in flight.
import { type AttachmentProgress, maxFramesPerRequest } from '../../contracts/sync-api';
import type { AgentContext } from './agent-context';
import type { Permit } from './circuit-breaker';
import { classifyFailure, describeFailure } from './failures';
import type { LaneStep } from './lane';
import { attachmentId } from './submit-request';
import type { SyncFailure, UploadFrame } from './sync-client';
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
    const ready: UploadItem[] = [];
    for (const upload of this.#queue) {
      if (upload.busy) continue;
      const next = upload.attachments.find((a) => !a.complete);
      if (!next) {
        this.#done(upload);
        this.#onUploaded(upload.item);
        return { next: 'now' };
      }
      if (next.uncertain) return this.#exclusive(upload, () => this.#askProgress(upload, next));
      ready.push(upload);
    }
    if (ready.length === 0) return { next: 'wake' };
    const gate = this.#ctx.gate();
    if (!gate.ok) return gate.step;
    for (const upload of ready) upload.busy = true;
    try {
      return await this.#sendFrames(ready, gate.permit);
    } finally {
      for (const upload of ready) upload.busy = false;
    }
  }

  async #exclusive(upload: UploadItem, work: () => Promise<LaneStep>): Promise<LaneStep> {
    upload.busy = true;
    try {
      const gate = this.#ctx.gate();
      if (!gate.ok) return gate.step;
      return await work();
    } finally {
      upload.busy = false;
    }
  }

  /**
   * One frames request with the next chunks of as many ready transactions as `uploadRequestBytes` allows (in queue
   * order, so the backlog drains in id order), then each frame's result applied to its transaction.
   */
  async #sendFrames(ready: UploadItem[], permit: Permit): Promise<LaneStep> {
    const ctx = this.#ctx;
    const frames: { upload: UploadItem; attachment: Progress; frame: UploadFrame }[] = [];
    let bytes = 0;
    const full = () => frames.length === maxFramesPerRequest || (frames.length > 0 && bytes >= ctx.tuning.uploadRequestBytes);
    for (const upload of ready) {
      if (full()) break;
      const attachment = upload.attachments.find((a) => !a.complete);
      if (!attachment || !(await this.#load(upload, attachment))) continue;
      const data = upload.data?.bytes ?? Buffer.alloc(0);
      // Consecutive chunks of the attachment: a large scan fills the request by itself.
      for (let offset = attachment.received; offset < attachment.size && !full(); offset += ctx.tuning.chunkBytes) {
        const chunk = data.subarray(offset, offset + ctx.tuning.chunkBytes);
        frames.push({ upload, attachment, frame: { target: { transactionId: upload.item.transaction.id, attachmentId: attachment.id, offset }, bytes: chunk } });
        bytes += chunk.byteLength;
      }
    }
    if (frames.length === 0) {
      ctx.ungate(permit);
      return { next: 'now' };
    }

    const result = await ctx.client.uploadFrames(frames.map((f) => f.frame));
    if (!result.ok) {
      const failure = result.failure;
      if (classifyFailure(failure) === 'stopped') return { next: 'wake' };
      // A refusal of the whole request is about the request (credentials, a proxy), never one transaction's fault:
      // back off and send again. Frames in flight may or may not have been stored: ask before sending more of them.
      for (const { attachment } of frames) attachment.uncertain = true;
      const notBefore = ctx.failed(failure, `uploading ${frames.length} attachment chunk(s)`);
      const sent = new Set(frames.map((f) => f.upload));
      // To the back of the queue (without cached bytes): transactions the platform keeps failing on cannot hold up others.
      for (const upload of sent) upload.data = undefined;
      this.#queue = [...this.#queue.filter((u) => !sent.has(u)), ...this.#queue.filter((u) => sent.has(u))];
      return { next: 'at', at: notBefore };
    }
    const { results, stopped } = result.value;
    ctx.succeeded();
    let step: LaneStep = { next: 'now' };
    results.forEach((outcome, i) => {
      const sent = frames[i];
      if (!sent || !this.#queue.includes(sent.upload)) return;
      if (!outcome.ok) {
        step = this.#failed(sent.upload, sent.attachment, { kind: 'refused', status: outcome.httpStatus, error: outcome.error, retryAfterMs: undefined });
        return;
      }
      const { attachment, transactionStatus } = outcome.answer;
      if (attachment.id !== sent.attachment.id) {
        sent.attachment.uncertain = true;
        return;
      }
      sent.attachment.received = attachment.receivedBytes;
      sent.attachment.complete = attachment.complete;
      // The platform committed the transaction: every attachment is there, whatever this lane still thought.
      if (transactionStatus === 'committed') for (const a of sent.upload.attachments) a.complete = true;
    });
    if (stopped) {
      // The platform did not look at the frames after `stopped`: nothing of theirs is uncertain. A request it cannot
      // read is our fault or the line's; back off rather than send it again at once.
      const notBefore = ctx.failed({ kind: 'malformedAnswer', status: 200, message: `the platform stopped reading the frames: ${stopped.code}: ${stopped.message}` }, 'uploading attachment frames');
      return { next: 'at', at: notBefore };
    }
    return step;
  }

  /** Loads the attachment's plaintext from the outbox once; false when it cannot be sent (the transaction left the queue). */
  async #load(upload: UploadItem, next: Progress): Promise<boolean> {
    const ctx = this.#ctx;
    const { transaction } = upload.item;
    if (upload.data?.index === next.index) return true;
    upload.data = undefined;
    const read = await ctx.outbox.readAttachment(transaction.id, next.index);
    if (!read.ok) {
      this.#done(upload);
      if (read.error.code === 'attachmentCorrupt') {
        // The outbox has moved the row to needsAttention, keeping the file as evidence.
        ctx.logger.warn({ id: transaction.id, index: next.index }, 'attachment corrupt in the outbox; the transaction needs attention');
        ctx.events.problem(`transaction ${transaction.id} needs attention: ${read.error.message}`);
        ctx.events.rejected();
      } else {
        ctx.retry(transaction, `attachment #${next.index} could not be read: ${read.error.code}`);
      }
      return false;
    }
    if (read.data.length !== next.size) {
      this.#done(upload);
      ctx.reject(transaction, `attachment #${next.index} is ${read.data.length} bytes, ${next.size} were declared`);
      return false;
    }
    upload.data = { index: next.index, bytes: read.data };
    return true;
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
