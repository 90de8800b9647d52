// The sync API: the one contract between a kiosk's sync agent (main/) and the central platform (platform/).
//
// Every endpoint is declared once in `syncApi` below, with zod schemas for what goes in and what comes out. The
// platform validates requests and its own answers with them and generates its OpenAPI document from them; the kiosk
// validates the platform's answers with the same schemas.
//
// Delivery model (design.md, "The outbox and the sync agent"):
// - A transaction's id is a UUIDv7 made by the kiosk; (terminal, id) is the idempotency key, for ever. A repeat with
//   the same content gets the same answer (byte for byte once the transaction is committed); the same id with other
//   content is refused with 409 `idempotencyConflict`.
// - A transaction with attachments is `accepted` at submit and `committed` once every attachment is uploaded (in
//   chunks, resumable from the platform's received length) and its SHA-256 verified; then instant approval (秒批)
//   runs and the answer is fixed. Repeating the submit is how a kiosk learns the final answer.
// - Every terminal request is signed (see "Authentication" below); the platform refuses stale timestamps (answering
//   its own time, so a kiosk can correct for skew) and replayed nonces.
import { z } from 'zod';
import { CatalogDocument, CatalogVersion, ItemCode, MaterialCode } from './catalog';
import { VerificationCode } from './certificate-verification';
import { DeviceClass, DeviceId, DeviceState } from './device-model';
import { StaffAction, maxStaffActionsPerHeartbeat } from './staff-audit';
import { SearchCount, maxSearchCountsPerHeartbeat } from './search-counts';
import {
  CommandResultAnswer,
  CommandResultRequest,
  OpsCommand,
  OpsCommandList,
  PendingCommandsAnswer,
  PublishSettingsAnswer,
  PublishSettingsRequest,
  QueueCommandRequest,
  RemoteCommandId,
  SettingsRef,
  SettingsScope,
  SignedSettingsAnswer,
  UpdateChannel,
  UpdateReportAnswer,
  UpdateReportRequest,
  maxPendingCommands,
} from './remote-operations';

// ---- Common values ----

/** Same rule as the kiosk configuration's `terminal.id`. */
export const TerminalId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" or "-", at most 64');
export type TerminalId = z.infer<typeof TerminalId>;

/** A UUIDv7, lower-case as the kiosk writes it: time-ordered, so id order is creation order. */
export const TransactionId = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a UUIDv7 in lower-case hex');
export type TransactionId = z.infer<typeof TransactionId>;

/** Unique within its transaction; the kiosk's own name for the file (e.g. `page-1`). */
export const AttachmentId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
export type AttachmentId = z.infer<typeof AttachmentId>;

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits');

/** 办件编号: `<region>-<yyyymmdd>-<sequence>`, e.g. `370202-20261101-000042` (date in China Standard Time). */
export const CaseNumber = z.string().regex(/^[0-9A-Za-z]{1,12}-\d{8}-\d{6,9}$/, 'a case number like 370202-20261101-000042');
export type CaseNumber = z.infer<typeof CaseNumber>;

const DateTime = z.iso.datetime({ offset: true });

/** Largest attachment the platform takes (a multi-page colour scan stays well below). */
export const maxAttachmentBytes = 64 * 1024 * 1024;
/** Largest chunk in one upload request; a kiosk on a slow link sends smaller ones. */
export const maxChunkBytes = 1024 * 1024;
/** Largest JSON request body (a submit with its form data, a batch of them); a catalog has its own limit. */
export const maxJsonBodyBytes = 4 * 1024 * 1024;
/** Largest catalog ops may publish (kiosks fetch up to 64 MiB). */
export const maxCatalogBodyBytes = 32 * 1024 * 1024;

// ---- Authentication ----
//
// Each terminal has a secret of 32 random bytes (base64url) that the platform keeps in its terminal registry. A request
// carries four headers; the signature is HMAC-SHA256, keyed with the decoded secret, over `canonicalRequest(...)`:
// the method, the request target exactly as sent (path and query), the terminal id, the timestamp, the nonce and the
// SHA-256 (hex) of the body bytes exactly as sent (of the empty string when there is no body).

export const authHeaderNames = {
  terminalId: 'x-terminal-id',
  /** Milliseconds since the Unix epoch, decimal. */
  timestamp: 'x-timestamp',
  /** Fresh for every request, also for a retry of the same request. */
  nonce: 'x-nonce',
  /** base64url, no padding. */
  signature: 'x-signature',
} as const;

export const TerminalAuthHeaders = z.object({
  [authHeaderNames.terminalId]: TerminalId,
  [authHeaderNames.timestamp]: z.string().regex(/^\d{1,16}$/, 'milliseconds since the Unix epoch'),
  [authHeaderNames.nonce]: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, '16 to 64 characters of [A-Za-z0-9_-]'),
  [authHeaderNames.signature]: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a base64url HMAC-SHA256 (43 characters)'),
});
export type TerminalAuthHeaders = z.infer<typeof TerminalAuthHeaders>;

/** Ops (central staff, the ops console) use a bearer token instead. */
export const OpsAuthHeaders = z.object({ authorization: z.string().regex(/^Bearer [A-Za-z0-9_-]{16,128}$/, 'Bearer <token>') });
export type OpsAuthHeaders = z.infer<typeof OpsAuthHeaders>;

/** How far a request's timestamp may be from the platform's clock. */
export const timestampWindowMs = 5 * 60 * 1000;

export const signatureScheme = 'GK1-HMAC-SHA256';

/** The string a terminal signs. Both sides build it with this function, so they cannot drift apart. */
export function canonicalRequest(parts: {
  method: string;
  /** The request target as sent: path and query, e.g. `/v1/transactions/…/attachments/p1?offset=0`. */
  target: string;
  terminalId: string;
  timestamp: string;
  nonce: string;
  bodySha256Hex: string;
}): string {
  return [signatureScheme, parts.method.toUpperCase(), parts.target, parts.terminalId, parts.timestamp, parts.nonce, parts.bodySha256Hex].join('\n');
}

/** What provisioning hands a terminal (a 0600 JSON file): enough to sign requests. */
export const TerminalCredentials = z.strictObject({
  terminalId: TerminalId,
  /** 32 random bytes, base64url. */
  secret: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  /** Where the platform answers, when provisioning knows it. */
  platformUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** The platform's catalog-signing public key: Ed25519, SPKI DER, base64url (see `catalogSignatureHeader`). */
  catalogPublicKey: z.string().regex(/^[A-Za-z0-9_-]{40,200}$/).optional(),
});
export type TerminalCredentials = z.infer<typeof TerminalCredentials>;

// ---- Errors ----

export const ErrorCode = z.enum([
  /** The request failed its schema; `issues` says where. */
  'invalidRequest',
  /** Authentication headers missing or malformed. */
  'missingAuth',
  'unknownTerminal',
  'badSignature',
  /** The timestamp is outside the window; `serverTime` is the platform's clock. */
  'staleTimestamp',
  'replayedNonce',
  'terminalDisabled',
  'forbidden',
  'notFound',
  /** The transaction id was used before with other content. */
  'idempotencyConflict',
  /** An upload chunk did not start at the received length; `receivedBytes` says where to resume. */
  'offsetMismatch',
  /** The chunk would run past the attachment's declared size. */
  'tooLarge',
  /** The uploaded bytes do not hash to the declared SHA-256; the upload starts again from 0. */
  'attachmentHashMismatch',
  /** A catalog version that exists already with other content. */
  'catalogVersionConflict',
  'unsupportedMediaType',
  /** The platform cannot serve now (storage down); retry after `Retry-After`. */
  'unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorAnswer = z.object({
  code: ErrorCode,
  /** For a developer or an operator; the kiosk never shows it to a citizen. */
  message: z.string(),
  serverTime: DateTime.optional(),
  receivedBytes: z.number().int().nonnegative().optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ErrorAnswer = z.infer<typeof ErrorAnswer>;

// ---- Transactions ----

export const TransactionKind = z.enum([
  /** An application for an item or a bundle (一件事). */
  'application',
  /** A rating (好差评) of a case; its payload names the case. */
  'rating',
]);
export type TransactionKind = z.infer<typeof TransactionKind>;

export const AttachmentDescriptor = z.strictObject({
  id: AttachmentId,
  size: z.number().int().positive().max(maxAttachmentBytes),
  sha256: Sha256Hex,
  contentType: z.string().regex(/^[a-z]+\/[A-Za-z0-9.+-]+$/, 'a MIME type such as image/jpeg'),
  /** Which of the item's materials this file is, when it is one. */
  materialCode: MaterialCode.optional(),
});
export type AttachmentDescriptor = z.infer<typeof AttachmentDescriptor>;

export const SubmitTransactionRequest = z
  .strictObject({
    transactionId: TransactionId,
    /** Must equal the authenticated terminal. */
    terminalId: TerminalId,
    kind: TransactionKind,
    /** The item's implementation code, or a bundle's code. */
    itemCode: ItemCode,
    /** When the kiosk accepted it (the citizen was told "submitted"). */
    createdAt: DateTime,
    /** The form's fields by name. Personal data: sent over TLS, stored by the platform, never logged. */
    payload: z.record(z.string().max(64), z.json()),
    /** Materials covered by shared data or an e-licence (电子证照) instead of a file. */
    materialsFromSharedData: z.array(MaterialCode).max(100).default([]),
    attachments: z.array(AttachmentDescriptor).max(100).default([]),
  })
  .refine((r) => new Set(r.attachments.map((a) => a.id)).size === r.attachments.length, {
    message: 'attachment ids must be unique within a transaction',
    path: ['attachments'],
  });
export type SubmitTransactionRequest = z.input<typeof SubmitTransactionRequest>;
export type ParsedSubmitTransactionRequest = z.output<typeof SubmitTransactionRequest>;

export const DecisionOutcome = z.enum(['approved', 'needsReview', 'rejected']);
export type DecisionOutcome = z.infer<typeof DecisionOutcome>;

/** The result of instant approval (秒批): present only for items whose catalog entry declares rules. */
export const Decision = z.object({
  outcome: DecisionOutcome,
  /** Shown to the citizen: why not approved, or what happens next. */
  reasons: z.array(z.string()),
  /** The catalog whose rules decided. */
  catalogVersion: CatalogVersion,
});
export type Decision = z.infer<typeof Decision>;

export const AttachmentProgress = z.object({
  id: AttachmentId,
  size: z.number().int().positive(),
  receivedBytes: z.number().int().nonnegative(),
  complete: z.boolean(),
});
export type AttachmentProgress = z.infer<typeof AttachmentProgress>;

export const SubmitAnswer = z.discriminatedUnion('status', [
  /** Stored; waiting for attachments. Upload those not complete, from `receivedBytes`, then submit again. */
  z.object({
    status: z.literal('accepted'),
    transactionId: TransactionId,
    caseNumber: CaseNumber,
    attachments: z.array(AttachmentProgress),
  }),
  /** Final: this answer is stored and replayed byte for byte to every repeat. */
  z.object({
    status: z.literal('committed'),
    transactionId: TransactionId,
    caseNumber: CaseNumber,
    committedAt: DateTime,
    decision: Decision.optional(),
  }),
]);
export type SubmitAnswer = z.infer<typeof SubmitAnswer>;

export const maxBatchSize = 100;

export const SubmitBatchRequest = z.strictObject({ transactions: z.array(SubmitTransactionRequest).min(1).max(maxBatchSize) });
export type SubmitBatchRequest = z.input<typeof SubmitBatchRequest>;

/** One result per transaction, in request order; each is what a single submit would have answered. */
export const SubmitBatchAnswer = z.object({
  results: z.array(
    z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), transactionId: TransactionId, answer: SubmitAnswer }),
      z.object({ ok: z.literal(false), transactionId: z.string(), httpStatus: z.number().int(), error: ErrorAnswer }),
    ]),
  ),
});
export type SubmitBatchAnswer = z.infer<typeof SubmitBatchAnswer>;

// ---- Attachments ----

export const AttachmentPathParams = z.object({ transactionId: TransactionId, attachmentId: AttachmentId });

export const UploadChunkQuery = z.object({
  /** Where this chunk starts; must equal the platform's received length. */
  offset: z.coerce.number().int().nonnegative().max(maxAttachmentBytes),
});

export const UploadAnswer = z.object({
  attachment: AttachmentProgress,
  /** `committed` once this chunk completed the transaction's last attachment. */
  transactionStatus: z.enum(['accepted', 'committed']),
});
export type UploadAnswer = z.infer<typeof UploadAnswer>;

// ---- Attachment frames: chunks of several attachments in one streamed request ----
//
// With one upload request in flight, a request per chunk leaves a slow link idle while each chunk's answer comes back
// and the platform stores it. A frames request carries chunks of several attachments (of several transactions) back
// to back, and the platform stores each as it arrives while the next is still on the wire. The request's signature
// covers its head with `streamedBodyHash` in place of the body's hash; each frame carries an HMAC chained to the one
// before it (the first to the request's signature), so the platform checks a frame before storing it, and a frame
// cannot be moved to another request or another place in this one.

export const uploadFramesContentType = 'application/vnd.gk1.upload-frames';
/** What `canonicalRequest` signs as the body hash of a frames request. */
export const streamedBodyHash = 'STREAMED-GK1-FRAMES';
export const maxFramesPerRequest = 64;
export const maxFramesRequestBytes = 16 * 1024 * 1024;
/** Largest frame header (its JSON); the wire puts it after a 4-byte big-endian length. */
export const maxFrameHeaderBytes = 1024;

/** Per frame on the wire: header length (uint32, big-endian), the header as UTF-8 JSON, then `length` data bytes. */
export const FrameHeader = z.strictObject({
  transactionId: TransactionId,
  attachmentId: AttachmentId,
  offset: z.number().int().nonnegative().max(maxAttachmentBytes),
  length: z.number().int().positive().max(maxChunkBytes),
  /** HMAC-SHA256 (base64url) over `canonicalFrame(...)`, keyed like the request signature. */
  signature: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});
export type FrameHeader = z.infer<typeof FrameHeader>;

/** The string a frame's signature covers; `previousSignature` is the frame before's, or the request's for the first. */
export function canonicalFrame(previousSignature: string, frame: Omit<FrameHeader, 'signature'>, dataSha256Hex: string): string {
  return ['GK1-FRAME', previousSignature, frame.transactionId, frame.attachmentId, String(frame.offset), String(frame.length), dataSha256Hex].join('\n');
}

/** One frame's bytes on the wire. */
export function encodeFrame(header: FrameHeader, data: Uint8Array): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const frame = new Uint8Array(4 + json.length + data.length);
  new DataView(frame.buffer).setUint32(0, json.length, false);
  frame.set(json, 4);
  frame.set(data, 4 + json.length);
  return frame;
}

export const UploadFramesAnswer = z.object({
  /** One per frame the platform took, in order; each is what a single chunk upload would have answered. */
  results: z.array(
    z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), answer: UploadAnswer }),
      z.object({ ok: z.literal(false), httpStatus: z.number().int(), error: ErrorAnswer }),
    ]),
  ),
  /** Why the platform stopped before the end (a malformed or badly signed frame); frames after it were not looked at. */
  stopped: ErrorAnswer.optional(),
});
export type UploadFramesAnswer = z.infer<typeof UploadFramesAnswer>;

// ---- Heartbeat ----

export const DeviceSummary = z.strictObject({
  id: DeviceId,
  class: DeviceClass,
  state: DeviceState,
  /** Short machine-readable conditions, e.g. `paperLow`, `tonerOut`, `mediaJammed`. */
  conditions: z.array(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/)).max(20).default([]),
});
export type DeviceSummary = z.input<typeof DeviceSummary>;

/**
 * A signed push (catalog or settings) the terminal did not take: it could not fetch it, or the signature, schema or
 * version check refused it. The terminal keeps the last good one and reports this until a good one is taken.
 */
export const PushRefusal = z.strictObject({
  /** The version offered, when the terminal got far enough to read it. */
  version: z.string().max(64).nullable(),
  at: DateTime,
  /** The terminal's reason in plain words; never personal data (it is about a signed document). */
  reason: z.string().max(300),
});
export type PushRefusal = z.infer<typeof PushRefusal>;

export const HeartbeatRequest = z.strictObject({
  sentAt: DateTime,
  versions: z.strictObject({
    app: z.string().min(1).max(64),
    catalog: CatalogVersion.nullable(),
    config: z.string().max(64).optional(),
    os: z.string().max(128).optional(),
    shell: z.string().max(64).optional(),
  }),
  queue: z.strictObject({
    /** Transactions accepted and not yet acknowledged by the platform. */
    depth: z.number().int().nonnegative(),
    /** Age of the oldest of them; null when the queue is empty. */
    oldestPendingAgeSeconds: z.number().nonnegative().nullable(),
    /** Permanently refused, waiting for staff or ops. */
    needsAttention: z.number().int().nonnegative(),
  }),
  devices: z.array(DeviceSummary).max(50),
  uptimeSeconds: z.number().nonnegative().optional(),
  /** Branch staff's actions not yet reported, oldest first (contracts/staff-audit.ts). */
  staffActions: z.array(StaffAction).max(maxStaffActionsPerHeartbeat).optional(),
  /** Hot searches: day totals not yet acknowledged, oldest day first (contracts/search-counts.ts). */
  searchCounts: z.array(SearchCount).max(maxSearchCountsPerHeartbeat).optional(),
  /** Pushes the terminal refuses now; absent when it took the latest of each. */
  refusals: z.strictObject({ catalog: PushRefusal.optional(), settings: PushRefusal.optional() }).optional(),
});
export type HeartbeatRequest = z.input<typeof HeartbeatRequest>;

export const HeartbeatAnswer = z.object({
  /** The platform's clock: a kiosk compares it with its own to measure skew. */
  serverTime: DateTime,
  /** The catalog in force, so a kiosk knows when to fetch. */
  catalog: z.object({ version: CatalogVersion, etag: z.string() }).nullable(),
  /** Ids of the terminal's pending remote commands, oldest first (contracts/remote-operations.ts). */
  commands: z.array(RemoteCommandId).max(maxPendingCommands).optional(),
  /** The terminal's pushed settings, so a kiosk knows when to fetch them; null when none are set. */
  settings: SettingsRef.nullable().optional(),
});
export type HeartbeatAnswer = z.infer<typeof HeartbeatAnswer>;

// ---- Catalog ----

/** Answer headers of a catalog fetch besides `ETag`. */
export const catalogVersionHeader = 'x-catalog-version';
/**
 * `ed25519:<base64url signature>` over the exact body bytes of a catalog answer, by the platform's catalog key
 * (`TerminalCredentials.catalogPublicKey`). A kiosk refuses a catalog whose signature does not verify and keeps the
 * last good one (design.md, "The item catalog").
 */
export const catalogSignatureHeader = 'x-catalog-signature';

// ---- Progress ----

export const CaseStatus = z.enum([
  /** Accepted, attachments still arriving. */
  'awaitingMaterials',
  /** Committed, handled by staff in the normal way (no instant approval for this item). */
  'received',
  'inReview',
  'approved',
  'rejected',
]);
export type CaseStatus = z.infer<typeof CaseStatus>;

/** Progress of one case. Holds nothing personal: a case number alone must not reveal who applied. */
export const CaseProgress = z.object({
  caseNumber: CaseNumber,
  kind: TransactionKind,
  itemCode: ItemCode,
  /** From the current catalog; null when the item has left it. */
  itemName: z.string().nullable(),
  status: CaseStatus,
  submittedAt: DateTime,
  receivedAt: DateTime,
  committedAt: DateTime.nullable(),
  /** The promised completion date (China Standard Time), from the item's promised time limit. */
  promisedBy: z.iso.date().nullable(),
  decision: Decision.optional(),
  /** What has happened so far, in order (names are keys the screen translates). */
  steps: z.array(z.object({ name: z.enum(['submitted', 'received', 'inReview', 'concluded']), at: DateTime.nullable(), done: z.boolean() })).max(10),
  /** A rating (好差评) of this case is stored: one per case, the first stands. */
  rated: z.boolean(),
});
export type CaseProgress = z.infer<typeof CaseProgress>;

// ---- The citizen's online requests: shared data, suggestions, ratings (platform/demo/, platform/http/citizen-routes.ts) ----
//
// The kiosk asks these while a citizen waits, after it identified them. ID numbers go in the body (POST), never in
// the URL, so no access log holds them.

/** An ID number or a permanent residence card number, as the identity check read it. */
export const PersonNumber = z.string().regex(/^[0-9A-Za-z]{6,32}$/);

export const SharedValue = z.union([z.string().max(500), z.number(), z.boolean()]);
export type SharedValue = z.infer<typeof SharedValue>;

export const SharedDataRequest = z.strictObject({ idNumber: PersonNumber, itemCode: ItemCode });
export type SharedDataRequest = z.input<typeof SharedDataRequest>;

export const SharedDataAnswer = z.object({
  /** false: the platform holds nothing on this person (fields and materials are empty). */
  known: z.boolean(),
  /** Values of the item's (or bundle's) `sharedData` fields the platform holds, by field name. Personal data. */
  fields: z.record(z.string().max(64), SharedValue),
  /** The item's materials that shared data or an e-licence (电子证照) covers for this person. */
  materials: z.array(MaterialCode).max(100),
});
export type SharedDataAnswer = z.infer<typeof SharedDataAnswer>;

export const SuggestionsRequest = z.strictObject({ idNumber: PersonNumber });
export type SuggestionsRequest = z.input<typeof SuggestionsRequest>;

/** 无感审批: items the platform proposes from what it knows of the person, best first; only items of the catalog in force. */
export const SuggestionsAnswer = z.object({
  suggestions: z
    .array(
      z.object({
        itemCode: ItemCode,
        name: z.string().min(1).max(200),
        /** Plain words, e.g. "您的孩子将满3周岁". */
        reason: z.string().min(1).max(300),
        /** The form needs nothing the platform does not hold: confirm and submit. */
        confirmOnly: z.boolean(),
      }),
    )
    .max(20),
});
export type SuggestionsAnswer = z.infer<typeof SuggestionsAnswer>;

/** A rating (好差评) names no item: its transactions carry this item code. */
export const ratingItemCode = 'rating';

/** The payload of a `rating` transaction: nothing personal. 5 非常满意 … 1 非常不满意; the two bad levels name reasons. */
export const RatingPayload = z.strictObject({
  /** The case rated: its number, or the receipt code (transaction id) of the application. */
  reference: z.string().regex(/^[0-9A-Za-z-]{6,64}$/),
  level: z.number().int().min(1).max(5),
  reasons: z.array(z.string().regex(/^[a-zA-Z]{1,40}$/)).max(10),
});
export type RatingPayload = z.infer<typeof RatingPayload>;

// ---- Ops read API ----

export const OpsTransactionsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** From the previous page's `nextCursor`. */
  cursor: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/).optional(),
});

/** What ops see of a transaction: no form data. Newest first. */
export const OpsTransaction = z.object({
  transactionId: TransactionId,
  kind: TransactionKind,
  itemCode: ItemCode,
  caseNumber: CaseNumber,
  status: z.enum(['accepted', 'committed']),
  createdAt: DateTime,
  receivedAt: DateTime,
  committedAt: DateTime.nullable(),
  outcome: DecisionOutcome.nullable(),
  attachments: z.object({ count: z.number().int().nonnegative(), complete: z.number().int().nonnegative() }),
});
export type OpsTransaction = z.infer<typeof OpsTransaction>;

export const OpsTransactionPage = z.object({ items: z.array(OpsTransaction), nextCursor: z.string().nullable() });
export type OpsTransactionPage = z.infer<typeof OpsTransactionPage>;

export const OpsTerminal = z.object({
  terminalId: TerminalId,
  name: z.string(),
  region: z.string(),
  enabled: z.boolean(),
  lastHeartbeat: z.object({ receivedAt: DateTime, heartbeat: HeartbeatRequest }).nullable(),
});
export type OpsTerminal = z.infer<typeof OpsTerminal>;

export const PublishCatalogAnswer = z.object({ version: CatalogVersion, etag: z.string(), publishedAt: DateTime, created: z.boolean() });
export type PublishCatalogAnswer = z.infer<typeof PublishCatalogAnswer>;

// ---- Identity: face comparison and network ID / app QR codes (platform/identity/, platform/http/identity-routes.ts) ----
//
// A real deployment puts the public-security comparison service (公安人口库 / CTID) behind the platform's identity
// adapter; the shipped adapter is a DEMO one, and every answer says which (`demo`). Face images are compared and
// dropped: the platform keeps them nowhere (no table, no log). The comparison service being down is a 503
// `unavailable`, like storage: the kiosk says so and offers another identity path.

/** Largest live face image the platform takes, decoded (the kiosk's FaceImage allows ~1.5 MB). */
export const maxFaceImageBytes = 1_536_000;
/** Largest card photo, decoded: the chip's WLT image is 1024 bytes, a decoded one a 38,862-byte BMP. */
export const maxCardPhotoBytes = 65_536;

/** Base64 of at most `bytes` decoded bytes. */
function base64Of(bytes: number) {
  return z.base64().max(Math.ceil(bytes / 3) * 4);
}

export const FaceComparisonRequest = z.strictObject({
  /**
   * The photo of the ID card read in this session, as the card reader gave it: `wlt` is the chip's encrypted image
   * (the comparison service decodes it), `bmp`/`bgr` an image a licensed decoder on the kiosk made of it.
   */
  cardPhoto: z.strictObject({ format: z.enum(['wlt', 'bmp', 'bgr']), base64: base64Of(maxCardPhotoBytes) }),
  /** The live still frame from the kiosk's camera. */
  liveImage: z.strictObject({ mimeType: z.enum(['image/jpeg', 'image/png']), base64: base64Of(maxFaceImageBytes) }),
});
export type FaceComparisonRequest = z.input<typeof FaceComparisonRequest>;

export const FaceComparisonAnswer = z.object({
  match: z.boolean(),
  /** The answer comes from the shipped demo adapter, not a real comparison service. */
  demo: z.boolean(),
});
export type FaceComparisonAnswer = z.infer<typeof FaceComparisonAnswer>;

/** What a network ID (网证) or app QR code holds: opaque text the identity service resolves. */
export const IdentityQrRequest = z.strictObject({ code: z.string().min(1).max(2048) });
export type IdentityQrRequest = z.input<typeof IdentityQrRequest>;

export const IdentityQrAnswer = z.discriminatedUnion('verified', [
  z.object({
    verified: z.literal(true),
    method: z.enum(['networkIdQr', 'appQr']),
    /** Personal data, as the platform holds it: the kiosk masks it on screen and keeps it out of logs. */
    name: z.string().min(1).max(200),
    idNumber: z.string().regex(/^[0-9A-Za-z]{6,32}$/),
    demo: z.boolean(),
  }),
  /** Unknown, expired, forged or revoked. */
  z.object({ verified: z.literal(false), demo: z.boolean() }),
]);
export type IdentityQrAnswer = z.infer<typeof IdentityQrAnswer>;

export const DemoFaceAnswer = z.enum(['match', 'noMatch', 'serviceDown']);
export type DemoFaceAnswer = z.infer<typeof DemoFaceAnswer>;

/** Scripts the demo adapter's next face answers for the calling terminal (after them it answers `match` again). */
export const DemoFaceScriptRequest = z.strictObject({
  answers: z.array(DemoFaceAnswer).min(1).max(20),
  /** Drop answers scripted before instead of queueing behind them. */
  replace: z.boolean().default(false),
});
export type DemoFaceScriptRequest = z.input<typeof DemoFaceScriptRequest>;

export const DemoFaceScriptAnswer = z.object({ queued: z.array(DemoFaceAnswer) });
export type DemoFaceScriptAnswer = z.infer<typeof DemoFaceScriptAnswer>;

// ---- Certificates: what an instant approval issues for items with an A4 print template (platform/certificates/) ----

/**
 * A certificate (证明 / 执照) issued when an application was approved at once. The kiosk prints it on A4 with a QR code
 * of `certificateVerificationUrl(publicBaseUrl, verificationCode)` (contracts/certificate-verification.ts). Personal
 * data: only the holder's masked name.
 */
export const Certificate = z.object({
  /** Printed on the certificate; unique. */
  certificateNumber: z.string().regex(/^[0-9A-Za-z-]{1,64}$/),
  verificationCode: VerificationCode,
  caseNumber: CaseNumber,
  itemCode: ItemCode,
  itemName: z.string().min(1).max(200),
  /** The result document's name, e.g. 参保缴费证明. */
  title: z.string().min(1).max(200),
  /** contracts/masked-name.ts */
  holderMaskedName: z.string().min(1).max(64),
  /** Who issues it (the catalog's issuer or the item's department). */
  issuer: z.string().min(1).max(200),
  issuedAt: DateTime,
  /** The body, one paragraph each: the non-personal facts the application established. */
  lines: z.array(z.string().max(500)).max(40),
});
export type Certificate = z.infer<typeof Certificate>;

// ---- The endpoints ----

export type AuthKind = 'terminal' | 'ops' | 'none';

/** A request body: JSON validated by a schema, or raw bytes (upload chunks). */
export type BodySpec =
  /** `maxBytes`: a larger limit than `maxJsonBodyBytes` for this endpoint. */
  | { json: z.ZodType; maxBytes?: number }
  | { binary: { contentType: 'application/octet-stream'; maxBytes: number } }
  /** Streamed upload frames (see "Attachment frames"), read and checked frame by frame. */
  | { frames: { contentType: typeof uploadFramesContentType; maxBytes: number } };

export interface Endpoint {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'HEAD';
  /** OpenAPI style: `{name}` for a path parameter. */
  path: string;
  auth: AuthKind;
  summary: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: BodySpec;
  /** Success answers by HTTP status; `null` for an answer without a body (304). */
  responses: Record<number, z.ZodType | null>;
  /** Error statuses this endpoint can answer, each with an `ErrorAnswer` body. */
  errors: readonly number[];
  /** For a frames body: the most frames one request may carry. */
  maxFrames?: number;
}

function endpoint<const E extends Endpoint>(e: E): E {
  return e;
}

const terminalErrors = [400, 401, 403, 503] as const;

export const syncApi = {
  submitTransaction: endpoint({
    method: 'POST',
    path: '/v1/transactions',
    auth: 'terminal',
    summary: 'Submit a transaction (idempotent on terminal + transaction id, for ever)',
    body: { json: SubmitTransactionRequest },
    responses: { 200: SubmitAnswer },
    errors: [...terminalErrors, 409],
  }),
  submitBatch: endpoint({
    method: 'POST',
    path: '/v1/transaction-batches',
    auth: 'terminal',
    summary: 'Submit up to 100 transactions; one result each, as a single submit would answer',
    body: { json: SubmitBatchRequest },
    responses: { 200: SubmitBatchAnswer },
    errors: terminalErrors,
  }),
  uploadChunk: endpoint({
    method: 'PATCH',
    path: '/v1/transactions/{transactionId}/attachments/{attachmentId}',
    auth: 'terminal',
    summary: 'Append a chunk at `offset` (the received length); the last chunk verifies the SHA-256',
    params: AttachmentPathParams,
    query: UploadChunkQuery,
    body: { binary: { contentType: 'application/octet-stream', maxBytes: maxChunkBytes } },
    responses: { 200: UploadAnswer },
    errors: [...terminalErrors, 404, 409, 413, 415, 422],
  }),
  attachmentProgress: endpoint({
    method: 'GET',
    path: '/v1/transactions/{transactionId}/attachments/{attachmentId}',
    auth: 'terminal',
    summary: 'How much of an attachment the platform holds (where to resume)',
    params: AttachmentPathParams,
    responses: { 200: AttachmentProgress },
    errors: [...terminalErrors, 404],
  }),
  uploadFrames: endpoint({
    method: 'POST',
    path: '/v1/attachment-frames',
    auth: 'terminal',
    summary: 'Upload chunks of several attachments in one streamed request, each frame signed and stored as it arrives',
    body: { frames: { contentType: uploadFramesContentType, maxBytes: maxFramesRequestBytes } },
    maxFrames: maxFramesPerRequest,
    responses: { 200: UploadFramesAnswer },
    errors: [400, 401, 403, 413, 415, 503],
  }),
  heartbeat: endpoint({
    method: 'POST',
    path: '/v1/heartbeats',
    auth: 'terminal',
    summary: "Report the terminal's health, queue and versions",
    body: { json: HeartbeatRequest },
    responses: { 200: HeartbeatAnswer },
    errors: terminalErrors,
  }),
  catalog: endpoint({
    method: 'GET',
    path: '/v1/catalog',
    auth: 'terminal',
    summary: 'The item catalog in force; `If-None-Match` with the last ETag answers 304 when unchanged',
    responses: { 200: CatalogDocument, 304: null },
    errors: [...terminalErrors, 404],
  }),
  caseProgress: endpoint({
    method: 'GET',
    path: '/v1/cases/{caseNumber}',
    auth: 'terminal',
    summary: 'Progress of a case by its number',
    params: z.object({ caseNumber: CaseNumber }),
    responses: { 200: CaseProgress },
    errors: [...terminalErrors, 404],
  }),
  receiptProgress: endpoint({
    method: 'GET',
    path: '/v1/receipts/{transactionId}',
    auth: 'terminal',
    summary: "Progress of a case by its receipt code (the application's transaction id), from any terminal",
    params: z.object({ transactionId: TransactionId }),
    responses: { 200: CaseProgress },
    errors: [...terminalErrors, 404],
  }),
  sharedData: endpoint({
    method: 'POST',
    path: '/v1/shared-data',
    auth: 'terminal',
    summary: "Shared data for prefill: an identified person's values for an item's form, and the materials it covers",
    body: { json: SharedDataRequest },
    responses: { 200: SharedDataAnswer },
    errors: [...terminalErrors, 404],
  }),
  suggestions: endpoint({
    method: 'POST',
    path: '/v1/suggestions',
    auth: 'terminal',
    summary: 'Proactive suggestions (无感审批): items proposed for an identified person',
    body: { json: SuggestionsRequest },
    responses: { 200: SuggestionsAnswer },
    errors: terminalErrors,
  }),
  opsTerminal: endpoint({
    method: 'GET',
    path: '/v1/ops/terminals/{terminalId}',
    auth: 'ops',
    summary: 'A terminal and its last heartbeat',
    params: z.object({ terminalId: TerminalId }),
    responses: { 200: OpsTerminal },
    errors: [400, 401, 404, 503],
  }),
  opsTransactions: endpoint({
    method: 'GET',
    path: '/v1/ops/terminals/{terminalId}/transactions',
    auth: 'ops',
    summary: "A terminal's transactions, newest first, paged by cursor",
    params: z.object({ terminalId: TerminalId }),
    query: OpsTransactionsQuery,
    responses: { 200: OpsTransactionPage },
    errors: [400, 401, 503],
  }),
  publishCatalog: endpoint({
    method: 'PUT',
    path: '/v1/ops/catalog',
    auth: 'ops',
    summary: 'Publish a catalog version (versions are immutable; the same document again is a no-op)',
    // A province's whole catalog (the embedded demo's is about 9.4 MB) is far above the usual JSON limit.
    body: { json: CatalogDocument, maxBytes: maxCatalogBodyBytes },
    responses: { 200: PublishCatalogAnswer },
    errors: [400, 401, 409, 503],
  }),
  compareFace: endpoint({
    method: 'POST',
    path: '/v1/identity/face-comparisons',
    auth: 'terminal',
    summary: "Compare a live face image with the ID card's photo (images are not kept); 503 when the comparison service is down",
    body: { json: FaceComparisonRequest },
    responses: { 200: FaceComparisonAnswer },
    errors: terminalErrors,
  }),
  verifyIdentityQr: endpoint({
    method: 'POST',
    path: '/v1/identity/qr-verifications',
    auth: 'terminal',
    summary: 'Verify a network ID (网证) or app QR code: the person it proves, or `verified: false`',
    body: { json: IdentityQrRequest },
    responses: { 200: IdentityQrAnswer },
    errors: terminalErrors,
  }),
  demoFaceScript: endpoint({
    method: 'POST',
    path: '/v1/identity/demo/face-script',
    auth: 'terminal',
    summary: "DEMO adapter only: script the next face comparison answers for this terminal (404 with a real adapter)",
    body: { json: DemoFaceScriptRequest },
    responses: { 200: DemoFaceScriptAnswer },
    errors: [...terminalErrors, 404],
  }),
  transactionCertificate: endpoint({
    method: 'GET',
    path: '/v1/transactions/{transactionId}/certificate',
    auth: 'terminal',
    summary: "The certificate an instant approval issued for this terminal's transaction; 404 when none was (yet)",
    params: z.object({ transactionId: TransactionId }),
    responses: { 200: Certificate },
    errors: [...terminalErrors, 404],
  }),
  // ---- Remote operations (contracts/remote-operations.ts; platform/fleet/, main/commands/, main/settings/) ----
  pendingCommands: endpoint({
    method: 'GET',
    path: '/v1/commands',
    auth: 'terminal',
    summary: "This terminal's pending remote commands, oldest first",
    responses: { 200: PendingCommandsAnswer },
    errors: terminalErrors,
  }),
  commandResult: endpoint({
    method: 'POST',
    path: '/v1/commands/{commandId}/result',
    auth: 'terminal',
    summary: "A command's result (idempotent by command id: a repeat gets what was recorded first)",
    params: z.object({ commandId: RemoteCommandId }),
    body: { json: CommandResultRequest },
    responses: { 200: CommandResultAnswer },
    errors: [...terminalErrors, 404],
  }),
  settings: endpoint({
    method: 'GET',
    path: '/v1/settings',
    auth: 'terminal',
    summary: "This terminal's settings: the signed override document (fleet → region → terminal); 404 when none are set",
    responses: { 200: SignedSettingsAnswer },
    errors: [...terminalErrors, 404],
  }),
  updateReport: endpoint({
    method: 'POST',
    path: '/v1/update-reports',
    auth: 'terminal',
    summary: 'The outcome of an installed update; a failed health check pins the terminal to its previous version',
    body: { json: UpdateReportRequest },
    responses: { 200: UpdateReportAnswer },
    errors: terminalErrors,
  }),
  opsQueueCommand: endpoint({
    method: 'POST',
    path: '/v1/ops/terminals/{terminalId}/commands',
    auth: 'ops',
    summary: 'Queue a remote command for a terminal (operator; audited)',
    params: z.object({ terminalId: TerminalId }),
    body: { json: QueueCommandRequest },
    responses: { 200: OpsCommand },
    errors: [400, 401, 403, 404, 503],
  }),
  opsCommands: endpoint({
    method: 'GET',
    path: '/v1/ops/terminals/{terminalId}/commands',
    auth: 'ops',
    summary: "A terminal's remote commands, newest first, with their results",
    params: z.object({ terminalId: TerminalId }),
    responses: { 200: OpsCommandList },
    errors: [400, 401, 503],
  }),
  opsPublishSettings: endpoint({
    method: 'PUT',
    path: '/v1/ops/settings/{scope}',
    auth: 'ops',
    summary: 'Replace the settings layer of the fleet, a region or a terminal (operator; audited)',
    params: z.object({ scope: SettingsScope }),
    body: { json: PublishSettingsRequest },
    responses: { 200: PublishSettingsAnswer },
    errors: [400, 401, 403, 503],
  }),
  opsSetStaging: endpoint({
    method: 'PUT',
    path: '/v1/ops/update-channels/{channel}',
    auth: 'ops',
    summary: "Set an update channel's stagingPercentage, written into its latest*.yml as served (operator; audited)",
    params: z.object({ channel: UpdateChannel }),
    body: { json: z.strictObject({ stagingPercentage: z.number().int().min(0).max(100) }) },
    responses: { 200: z.object({ channel: UpdateChannel, stagingPercentage: z.number().int().min(0).max(100) }) },
    errors: [400, 401, 403, 503],
  }),
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof syncApi;

/** Fills an endpoint's path template: `buildPath(syncApi.uploadChunk.path, { transactionId, attachmentId })`. */
export function buildPath(template: string, params: Record<string, string>): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}
