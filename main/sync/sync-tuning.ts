// The agent's knobs, with the defaults a kiosk on an ordinary branch line uses. Tests and benchmarks shorten them.
import { type BackoffPolicy } from './backoff';
import { maxBatchSize, maxChunkBytes, maxFramesRequestBytes } from '../../contracts/sync-api';

export interface SyncTuning {
  /** Transactions per submit request (at most the contract's 100). */
  batchSize: number;
  /** Submitted transactions waiting for their attachments at most; claiming pauses at this many. */
  maxPendingUploads: number;
  /** Bytes per chunk (at most the contract's 1 MiB); smaller chunks lose less to a cut connection. */
  chunkBytes: number;
  /**
   * Bytes of chunks one frames request carries at most (from several transactions; at least one chunk). Large enough
   * that the request's answer and the next request's start are rare next to the time on the wire.
   */
  uploadRequestBytes: number;
  /**
   * Upload requests in flight at once, each for other transactions. 1 keeps the rule of one request in flight per
   * kind; frames requests keep a slow link busy with 1 (see README.md, "Figures").
   */
  uploadsInFlight: number;
  /** A request that has not been answered completely by then is abandoned (and retried). */
  requestTimeoutMs: number;
  heartbeatIntervalMs: number;
  /** How often an idle agent looks for newly accepted transactions; syncNow() looks at once. */
  pollIntervalMs: number;
  /** After a failed request: full-jitter delays growing from `baseMs` to `capMs`. */
  backoff: BackoffPolicy;
  /** Consecutive failed requests that open the circuit breaker. */
  failureThreshold: number;
}

export const defaultTuning: SyncTuning = {
  batchSize: 50,
  maxPendingUploads: 20,
  chunkBytes: 256 * 1024,
  uploadRequestBytes: 2 * 1024 * 1024,
  uploadsInFlight: 1,
  requestTimeoutMs: 30_000,
  heartbeatIntervalMs: 60_000,
  pollIntervalMs: 5_000,
  backoff: { baseMs: 1_000, capMs: 5 * 60_000 },
  failureThreshold: 5,
};

export function resolveTuning(overrides: Partial<SyncTuning> = {}): SyncTuning {
  const tuning = { ...defaultTuning, ...overrides };
  if (!(tuning.batchSize >= 1 && tuning.batchSize <= maxBatchSize)) throw new RangeError(`batchSize must be 1 to ${maxBatchSize}`);
  if (!(tuning.chunkBytes >= 1 && tuning.chunkBytes <= maxChunkBytes)) throw new RangeError(`chunkBytes must be 1 to ${maxChunkBytes}`);
  // Half the contract's limit leaves room for the last chunk and the frame headers.
  if (!(tuning.uploadRequestBytes >= 1 && tuning.uploadRequestBytes <= maxFramesRequestBytes / 2)) {
    throw new RangeError(`uploadRequestBytes must be 1 to ${maxFramesRequestBytes / 2}`);
  }
  if (!(tuning.maxPendingUploads >= 1)) throw new RangeError('maxPendingUploads must be 1 or more');
  if (!(Number.isInteger(tuning.uploadsInFlight) && tuning.uploadsInFlight >= 1 && tuning.uploadsInFlight <= 4)) throw new RangeError('uploadsInFlight must be 1 to 4');
  return tuning;
}
