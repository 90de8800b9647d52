// The transactions lane: claims due transactions from the outbox in id order and submits them in batches, so the
// platform receives the backlog in the order it was accepted. A committed answer is acknowledged (the outbox then
// purges the personal data); an `accepted` answer (attachments missing) hands the transaction to the uploads lane,
// which hands it back once its files are there, to be submitted again for the final answer.
import { type SubmitAnswer, type SubmitBatchAnswer, maxJsonBodyBytes } from '../../contracts/sync-api';
import type { ClaimedTransaction } from '../outbox/outbox-types';
import type { AgentContext } from './agent-context';
import { classifyFailure, describeFailure } from './failures';
import type { LaneStep } from './lane';
import { type BuiltRequest, toSubmitRequest } from './submit-request';
import type { SyncFailure, SyncResult } from './sync-client';

/** A claimed transaction (row state `sending`) while the agent works on it. */
export interface InFlight {
  transaction: ClaimedTransaction;
  request: Extract<BuiltRequest, { ok: true }>['request'];
  /** Answers of `accepted` so far: bounds the submit–upload round trips of a platform that never commits. */
  rounds: number;
}

/** What the transactions lane needs of the uploads lane. */
export interface UploadSink {
  readonly pending: number;
  enqueue(item: InFlight, attachments: Extract<SubmitAnswer, { status: 'accepted' }>['attachments']): void;
}

/** A batch body stays well below the platform's JSON limit. */
const MAX_BATCH_BODY = Math.floor(maxJsonBodyBytes * 0.75);

type BatchResult = SubmitBatchAnswer['results'][number];

export class TransactionLane {
  readonly #ctx: AgentContext;
  readonly #uploads: UploadSink;
  /** Transactions whose attachments are all uploaded, waiting to be submitted again for the final answer. */
  readonly #resubmits: InFlight[] = [];

  constructor(ctx: AgentContext, uploads: UploadSink) {
    this.#ctx = ctx;
    this.#uploads = uploads;
  }

  resubmit(item: InFlight): void {
    this.#resubmits.push(item);
  }

  /** Hands over what the lane holds (at stop: it goes back to the outbox). */
  drain(): InFlight[] {
    return this.#resubmits.splice(0);
  }

  async step(): Promise<LaneStep> {
    const ctx = this.#ctx;
    const room = ctx.tuning.maxPendingUploads - this.#uploads.pending;
    if (this.#resubmits.length === 0 && room <= 0) return { next: 'wake' };
    const gate = ctx.gate();
    if (!gate.ok) return gate.step;

    const batch = this.#resubmits.splice(0, ctx.tuning.batchSize);
    const limit = Math.min(ctx.tuning.batchSize - batch.length, room);
    let nothingDue = true;
    if (limit > 0) {
      const claimed = ctx.outbox.claim({ limit });
      if (!claimed.ok) ctx.events.problem(`the outbox could not hand out transactions: ${claimed.error.code}`);
      else {
        nothingDue = claimed.transactions.length === 0;
        for (const transaction of claimed.transactions) {
          const item = this.#prepare(transaction);
          if (item) batch.push(item);
        }
      }
    }
    if (batch.length === 0) {
      ctx.ungate(gate.permit);
      return nothingDue ? { next: 'at', at: ctx.clock.now() + ctx.tuning.pollIntervalMs } : { next: 'now' };
    }
    return this.#send(batch);
  }

  #prepare(transaction: ClaimedTransaction): InFlight | undefined {
    const ctx = this.#ctx;
    if (transaction.terminalId !== ctx.client.terminalId) {
      // The credentials are for another terminal (a swapped credentials file): wait for them to be fixed.
      const error = `filed under terminal ${transaction.terminalId}, but the credentials are for ${ctx.client.terminalId}`;
      ctx.retry(transaction, error, ctx.clock.now() + ctx.tuning.backoff.capMs);
      ctx.events.problem(error);
      return undefined;
    }
    const built = toSubmitRequest(transaction);
    if (!built.ok) {
      ctx.reject(transaction, built.reason);
      return undefined;
    }
    return { transaction, request: built.request, rounds: 0 };
  }

  /** Sends the batch in as few requests as the body limit allows; on an outage the rest goes back to the outbox. */
  async #send(batch: InFlight[]): Promise<LaneStep> {
    const ctx = this.#ctx;
    const groups: InFlight[][] = [];
    let size = 0;
    for (const item of batch) {
      const bytes = Buffer.byteLength(JSON.stringify(item.request));
      const last = groups.at(-1);
      if (last && size + bytes <= MAX_BATCH_BODY) {
        last.push(item);
        size += bytes;
      } else {
        groups.push([item]);
        size = bytes;
      }
    }
    for (const [index, group] of groups.entries()) {
      const later = groups.slice(index + 1).flat();
      const result = await this.#submitGroup(group);
      if (result.ok) {
        ctx.succeeded();
        for (const [i, item] of group.entries()) await this.#handleResult(item, result.value[i] as BatchResult);
        continue;
      }
      const kind = classifyFailure(result.failure);
      if (kind === 'stopped' || kind === 'outage') return this.#putBack([...group, ...later], result.failure);
      // The platform refused the batch as a whole (one bad transaction fails the batch's schema): one by one, so
      // only the bad one is refused.
      ctx.succeeded();
      for (const [i, item] of group.entries()) {
        const single = await ctx.client.submit(item.request);
        if (single.ok) await this.#handleAnswer(item, single.value);
        else {
          const stop = this.#handleFailure(item, single.failure, [...group.slice(i + 1), ...later]);
          if (stop) return stop;
        }
      }
    }
    return { next: 'now' };
  }

  async #submitGroup(group: readonly InFlight[]): Promise<SyncResult<BatchResult[]>> {
    const result = await this.#ctx.client.submitBatch(group.map((item) => item.request));
    if (!result.ok) return result;
    // One result per transaction, in order; anything else is a malformed answer.
    const matches = result.value.results.length === group.length && result.value.results.every((r, i) => r.transactionId === group[i]?.transaction.id);
    if (!matches) return { ok: false, failure: { kind: 'malformedAnswer', status: 200, message: 'the batch answer does not match the transactions sent' } };
    return { ok: true, value: result.value.results };
  }

  /** An outage (or the agent stopping): these transactions go back to the outbox until requests may go again. */
  #putBack(items: readonly InFlight[], failure: SyncFailure): LaneStep {
    const ctx = this.#ctx;
    const stopped = classifyFailure(failure) === 'stopped';
    const notBefore = stopped ? ctx.clock.now() : ctx.failed(failure, `submitting ${items.length} transaction(s)`);
    for (const item of items) ctx.retry(item.transaction, describeFailure(failure), notBefore);
    return stopped ? { next: 'wake' } : { next: 'at', at: notBefore };
  }

  async #handleResult(item: InFlight, result: BatchResult): Promise<void> {
    if (result.ok) return this.#handleAnswer(item, result.answer);
    this.#handleFailure(item, { kind: 'refused', status: result.httpStatus, error: result.error, retryAfterMs: undefined }, []);
  }

  /**
   * One transaction's failure: refused for good, or retried later on its own; an outage puts it and `rest` back in
   * the outbox and returns the lane's next step.
   */
  #handleFailure(item: InFlight, failure: SyncFailure, rest: readonly InFlight[]): LaneStep | undefined {
    const kind = classifyFailure(failure);
    if (kind === 'permanent') this.#ctx.reject(item.transaction, describeFailure(failure));
    else if (kind === 'transient') this.#ctx.retry(item.transaction, describeFailure(failure));
    else return this.#putBack([item, ...rest], failure);
    return undefined;
  }

  async #handleAnswer(item: InFlight, answer: SubmitAnswer): Promise<void> {
    const ctx = this.#ctx;
    if (answer.status === 'committed') return ctx.acknowledge(item.transaction, answer);
    item.rounds++;
    const declared = new Set(item.request.attachments?.map((a) => a.id));
    const listed = answer.attachments.map((a) => a.id);
    if (listed.length !== declared.size || !listed.every((id) => declared.has(id))) {
      ctx.retry(item.transaction, 'the platform listed other attachments than were submitted');
      ctx.events.problem(`transaction ${item.transaction.id}: the platform listed other attachments than were submitted`);
      return;
    }
    if (item.rounds > declared.size + 2) {
      ctx.retry(item.transaction, 'the platform keeps the transaction open although its attachments were uploaded');
      return;
    }
    if (answer.attachments.every((a) => a.complete)) this.#resubmits.push(item);
    else this.#uploads.enqueue(item, answer.attachments);
  }
}
