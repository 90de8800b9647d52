// What a failed sync request means for the agent: an outage (back off, count towards the breaker), a refusal of one
// transaction that no retry can fix (needs attention), or a passing problem of one transaction (retry it later).
import type { ErrorCode } from '../../contracts/sync-api';
import { redactString } from '../logging/redact';
import type { SyncFailure } from './sync-client';

/** Refusals of the transaction itself: sending it again, unchanged, cannot succeed. */
const permanentCodes: ReadonlySet<ErrorCode> = new Set(['invalidRequest', 'idempotencyConflict', 'tooLarge', 'unsupportedMediaType']);

/** Refusals of the terminal, not of one transaction: nothing gets through until credentials or clock are fixed. */
const terminalCodes: ReadonlySet<ErrorCode> = new Set(['missingAuth', 'unknownTerminal', 'badSignature', 'staleTimestamp', 'replayedNonce', 'terminalDisabled']);

export type FailureClass =
  /** The platform cannot serve (unreachable, 5xx, malformed answers, authentication refused): back off, breaker. */
  | 'outage'
  /** The platform refuses this transaction for good: needs attention. */
  | 'permanent'
  /** Something about this transaction that may pass (e.g. 404 for an upload before the submit was stored). */
  | 'transient'
  /** The agent is stopping. */
  | 'stopped';

export function classifyFailure(failure: SyncFailure): FailureClass {
  switch (failure.kind) {
    case 'closed':
      return 'stopped';
    case 'network':
    case 'timeout':
    case 'malformedAnswer':
    case 'unexpectedStatus':
      return 'outage';
    case 'refused':
      if (failure.status >= 500 || failure.status === 429 || terminalCodes.has(failure.error.code)) return 'outage';
      return permanentCodes.has(failure.error.code) ? 'permanent' : 'transient';
  }
}

/** One line for staff, logs and the outbox's `lastError`: what went wrong, without personal data. */
export function describeFailure(failure: SyncFailure): string {
  switch (failure.kind) {
    case 'network':
      return `no connection to the platform (${failure.message})`;
    case 'timeout':
      return `the platform did not answer in time (${failure.message})`;
    case 'closed':
      return 'stopped';
    case 'malformedAnswer':
      return `malformed answer from the platform${failure.status ? ` (HTTP ${failure.status})` : ''}: ${failure.message}`;
    case 'unexpectedStatus':
      return `HTTP ${failure.status} from the platform or a proxy in between`;
    case 'refused':
      return redactString(`refused (HTTP ${failure.status} ${failure.error.code}): ${failure.error.message}`).slice(0, 300);
  }
}

/** `Retry-After` of the failure, when it carried one. */
export function retryAfterOf(failure: SyncFailure): number | undefined {
  return failure.kind === 'refused' || failure.kind === 'unexpectedStatus' ? failure.retryAfterMs : undefined;
}
