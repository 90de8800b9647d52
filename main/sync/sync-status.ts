// What the agent shows staff and the UI: connection state, last success, last error, the breaker, the catalog in
// use. Nothing personal: errors are the agent's own descriptions (failures.ts), ids are UUIDs.
import type { BreakerState } from './circuit-breaker';

export type ConnectionState =
  /** No request has completed yet. */
  | 'starting'
  /** The last request got through. */
  | 'online'
  /** Requests failed; retrying after a backoff. */
  | 'backoff'
  /** The breaker is open: the platform is taken to be down; a probe now and then. */
  | 'offline'
  | 'stopped';

export interface SyncStatus {
  connection: ConnectionState;
  breaker: BreakerState;
  consecutiveFailures: number;
  /** No request before this time (backoff, Retry-After, open breaker); null when not waiting. */
  nextAttemptAt: number | null;
  lastSuccessAt: number | null;
  /** The latest failure, for staff; no personal data. */
  lastError: { at: number; message: string } | null;
  /** Platform clock minus kiosk clock, as last measured (heartbeats, stale-timestamp refusals). */
  clockOffsetMs: number;
  /** Since this agent started. */
  acknowledged: number;
  /** Refused for good since this agent started (the rows are in needsAttention). */
  rejected: number;
  /** Submitted transactions whose attachments are being uploaded. */
  uploadsPending: number;
  lastHeartbeatAt: number | null;
  /** The catalog in use (the last good one), or null when none was ever fetched. */
  catalog: { version: string; etag: string; fetchedAt: string } | null;
  queue: {
    /** Accepted and not yet acknowledged. */
    depth: number;
    oldestPendingAgeMs: number | null;
    needsAttention: number;
  };
}

export type StatusListener = (status: SyncStatus) => void;

/** Fields whose change is worth an event; counters and queue figures are read with status() when wanted. */
export function statusKey(status: Omit<SyncStatus, 'queue'>): string {
  return JSON.stringify([status.connection, status.breaker, status.nextAttemptAt, status.lastError?.at, status.catalog?.etag, status.lastHeartbeatAt, status.rejected]);
}
