// What goes into the outbox and what comes out: the input of accept, the records the sync agent and staff see, and
// the discriminated-union results. Times are milliseconds since the epoch.
import { z } from 'zod';
import type { AttentionCause, TransactionState } from './states';

export const TransactionKind = z.enum(['application', 'rating']);
export type TransactionKind = z.infer<typeof TransactionKind>;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Non-personal metadata of a transaction: kept (unencrypted) until retention ends. */
export const TransactionMetadata = z.strictObject({
  kind: TransactionKind,
  /** The item's (事项) implementation code. */
  itemCode: z.string().min(1).max(64),
  terminalId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/),
  /** When the citizen started the transaction. */
  createdAt: z.number().int().nonnegative(),
});
export type TransactionMetadata = z.infer<typeof TransactionMetadata>;

export const AttachmentMetadata = z.strictObject({
  /** What the file is, non-personal: a material code such as `id-card-front` or `material-3`. */
  label: z.string().min(1).max(64),
  mediaType: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/, 'a media type such as image/jpeg'),
});

/** A scanned page or photo: its bytes, or a file to read them from (the caller keeps and later wipes that file). */
export type AttachmentInput = z.infer<typeof AttachmentMetadata> & ({ data: Uint8Array } | { path: string });

export interface TransactionInput extends TransactionMetadata {
  /** Personal data (form fields, applicant's name and ID number...): encrypted at rest, purged after acknowledgement. */
  personal: JsonObject;
  /** Encrypted at rest like `personal`. */
  attachments?: readonly AttachmentInput[];
}

export type AcceptErrorCode =
  /**
   * Less free space than the reserve kept for delivering what is queued, or ENOSPC, EDQUOT, SQLITE_FULL: nothing was
   * stored; the screen tells the citizen it cannot take submissions now.
   */
  | 'diskFull'
  /** Another I/O failure (EIO, EROFS, a lost directory, SQLITE_IOERR...): nothing was stored. */
  | 'ioError'
  /** The input breaks the rules above; `message` says which field (never its value). */
  | 'invalidTransaction'
  /** An attachment given by path could not be read. */
  | 'attachmentUnreadable'
  | 'closed';

export interface AcceptError {
  code: AcceptErrorCode;
  /** For logs and staff; no personal data. */
  message: string;
}

/** Only after `ok: true` may the screen or a receipt say "submitted". */
export type AcceptResult = { ok: true; id: string; acceptedAt: number } | { ok: false; error: AcceptError };

export interface AttachmentRecord {
  index: number;
  label: string;
  mediaType: string;
  /** Of the plaintext: what the platform receives and checks. */
  size: number;
  sha256: string;
}

/** What staff, ops and the heartbeat may see of a transaction: no personal data. */
export interface TransactionRecord extends TransactionMetadata {
  id: string;
  acceptedAt: number;
  state: TransactionState;
  stateChangedAt: number;
  /** Deliveries started (claims). */
  attempts: number;
  lastAttemptAt: number | null;
  /** Not claimed again before this time; null: at once. */
  nextAttemptAt: number | null;
  /** Why the last attempt failed (from markRetry). */
  lastError: string | null;
  attention: { cause: AttentionCause; reason: string } | null;
  /** The platform's answer, as given to markAcknowledged. */
  answer: PlatformAnswer | null;
  acknowledgedAt: number | null;
  purgedAt: number | null;
  attachmentCount: number;
}

/** What the platform answered (case number, 秒批 decision...): flat and non-personal; strings are redacted anyway. */
export type PlatformAnswer = Record<string, string | number | boolean | null>;

/** A transaction handed to the sync agent, with its personal data decrypted. */
export interface ClaimedTransaction extends TransactionRecord {
  personal: JsonObject;
  attachments: AttachmentRecord[];
}

export type TransitionErrorCode = 'notFound' | 'illegalTransition' | 'diskFull' | 'ioError';
export type TransitionResult =
  | { ok: true; record: TransactionRecord }
  | { ok: false; error: { code: TransitionErrorCode; message: string } };

export type ClaimResult = { ok: true; transactions: ClaimedTransaction[] } | { ok: false; error: { code: 'diskFull' | 'ioError'; message: string } };

export type ReadAttachmentResult =
  | { ok: true; data: Buffer }
  | { ok: false; error: { code: 'notFound' | 'attachmentCorrupt' | 'ioError'; message: string } };

export interface OutboxStats {
  byState: Record<TransactionState, number>;
  /** Transactions still to deliver (accepted + sending): the heartbeat's queue depth. */
  depth: number;
  /** Acceptance time of the oldest transaction still to deliver. */
  oldestPendingAcceptedAt: number | null;
  oldestPendingAgeMs: number | null;
}

export interface RecoveryReport {
  /** Rows found in `sending` (the process died mid-delivery), returned to `accepted`. */
  returnedToAccepted: number;
  /** Leftover temporary files of interrupted writes. */
  tempFilesRemoved: number;
  /** Files no row references: an accept that failed or died before its commit, a purge that died before unlinking. */
  orphanFilesRemoved: number;
  /** Rows moved to needsAttention because their payload or an attachment is damaged. */
  flagged: { id: string; cause: AttentionCause; reason: string }[];
  /** Acknowledged rows whose purge had not finished. */
  purged: number;
  /** Rows past retention, deleted. */
  expired: number;
}

export interface SweepReport {
  purged: number;
  expired: number;
  orphanFilesRemoved: number;
}
