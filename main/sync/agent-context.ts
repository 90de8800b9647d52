// What the lanes share: the outbox, the client, the one circuit breaker, the status, and the outcomes every lane
// records the same way (a transaction acknowledged, refused for good, or put back for a later attempt).
import type { Logger } from 'pino';
import type { SubmitAnswer } from '../../contracts/sync-api';
import type { Outbox } from '../outbox/outbox';
import type { ClaimedTransaction } from '../outbox/outbox-types';
import { fullJitterDelay } from './backoff';
import type { CircuitBreaker, Permit } from './circuit-breaker';
import type { Clock } from './clock';
import { describeFailure, retryAfterOf } from './failures';
import type { LaneStep } from './lane';
import { toPlatformAnswer } from './submit-request';
import type { SyncClient, SyncFailure } from './sync-client';
import type { SyncTuning } from './sync-tuning';

/** The part of the outbox the agent drives. */
export type SyncOutbox = Pick<Outbox, 'claim' | 'readAttachment' | 'markAcknowledged' | 'markRetry' | 'markRejected' | 'stats'>;

export interface AgentEvents {
  /** A request got through (the breaker closes); `recovered`: after failures. */
  succeeded(recovered: boolean): void;
  /** A request failed as an outage; `notBefore` is when the breaker lets requests go again. */
  failed(message: string, notBefore: number): void;
  /** Something went wrong that is not an outage (a storage error, a transaction refused); for lastError. */
  problem(message: string): void;
  acknowledged(): void;
  rejected(): void;
  /** Work appeared for another lane. */
  wakeTransactions(): void;
  wakeUploads(): void;
}

export class AgentContext {
  readonly outbox: SyncOutbox;
  readonly client: SyncClient;
  readonly breaker: CircuitBreaker;
  readonly clock: Clock;
  readonly random: () => number;
  readonly tuning: SyncTuning;
  readonly logger: Logger;
  readonly events: AgentEvents;

  constructor(parts: {
    outbox: SyncOutbox;
    client: SyncClient;
    breaker: CircuitBreaker;
    clock: Clock;
    random: () => number;
    tuning: SyncTuning;
    logger: Logger;
    events: AgentEvents;
  }) {
    this.outbox = parts.outbox;
    this.client = parts.client;
    this.breaker = parts.breaker;
    this.clock = parts.clock;
    this.random = parts.random;
    this.tuning = parts.tuning;
    this.logger = parts.logger;
    this.events = parts.events;
  }

  /** Takes the breaker's permit for one request, or says how long the lane waits. */
  gate(): { ok: true; permit: Permit } | { ok: false; step: LaneStep } {
    const permit = this.breaker.permit(this.clock.now());
    if (permit.ok) return { ok: true, permit };
    return { ok: false, step: permit.until === null ? { next: 'wake' } : { next: 'at', at: permit.until } };
  }

  /** A permit taken and not used (nothing to send after all): lets another lane probe. */
  ungate(permit: Permit): void {
    this.breaker.release(permit);
  }

  succeeded(): void {
    const recovered = this.breaker.consecutiveFailures > 0;
    this.breaker.success();
    this.events.succeeded(recovered);
  }

  /** Records an outage failure; resolves when requests may go again. */
  failed(failure: SyncFailure, what: string): number {
    const notBefore = this.breaker.failure(this.clock.now(), retryAfterOf(failure));
    const message = `${what}: ${describeFailure(failure)}`;
    this.logger.warn({ failures: this.breaker.consecutiveFailures, retryInMs: notBefore - this.clock.now() }, message);
    this.events.failed(message, notBefore);
    return notBefore;
  }

  async acknowledge(transaction: ClaimedTransaction, answer: Extract<SubmitAnswer, { status: 'committed' }>): Promise<void> {
    const marked = await this.outbox.markAcknowledged(transaction.id, toPlatformAnswer(answer));
    if (!marked.ok) return this.#markFailed(transaction.id, 'acknowledged', marked.error);
    this.logger.info({ id: transaction.id, caseNumber: answer.caseNumber, outcome: answer.decision?.outcome ?? null }, 'transaction acknowledged');
    this.events.acknowledged();
  }

  /** Refused for good: the row goes to needsAttention with a reason for staff. */
  reject(transaction: ClaimedTransaction, reason: string): void {
    const marked = this.outbox.markRejected(transaction.id, { reason });
    if (!marked.ok) return this.#markFailed(transaction.id, 'rejected', marked.error);
    this.logger.warn({ id: transaction.id, reason }, 'transaction refused for good; it needs attention');
    this.events.problem(`transaction ${transaction.id} needs attention: ${reason}`);
    this.events.rejected();
  }

  /** Back to the queue, not claimed again before `at` (default: a full-jitter delay by its attempts). */
  retry(transaction: ClaimedTransaction, error: string, at?: number): void {
    const nextAttemptAt = at ?? this.clock.now() + fullJitterDelay(this.tuning.backoff, transaction.attempts, this.random);
    const marked = this.outbox.markRetry(transaction.id, { error, nextAttemptAt });
    if (!marked.ok) this.#markFailed(transaction.id, 'returned to the queue', marked.error);
  }

  /**
   * The outbox could not record an outcome (disk full, I/O error): the row stays `sending` and comes back at the next
   * start (recovery), when the platform answers the repeat the same way. Nothing is lost; staff see the error.
   */
  #markFailed(id: string, what: string, error: { code: string; message: string }): void {
    const message = `transaction ${id} could not be marked ${what}: ${error.code}`;
    this.logger.error({ id, code: error.code, detail: error.message }, message);
    this.events.problem(message);
  }
}
