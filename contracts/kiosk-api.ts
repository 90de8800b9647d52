// KioskApi: the one contract between the kiosk screen (renderer/) and the kiosk's Node side (main/).
//
// Commands take an input and give an output, both zod schemas; events are pushed from the Node side. Both ends
// validate what they receive (contracts/kiosk-api-client.ts on the screen, main/api/kiosk-api-server.ts on Node), so a
// compromised or buggy page cannot feed the Node side malformed data and a buggy service cannot confuse the page.
// Transports (Electron IPC, WebSocket) only move the envelopes defined at the bottom of this file.
import { z } from 'zod';
import { Fee, FieldName, IdentityMode, ItemCode, ItemType, LegalBasis, Material, MaterialCode, ResultDocument, TimeLimit } from './catalog';
import { DeviceClass, DeviceId, IdCardType } from './device-model';
import { maintenanceCommands, maintenanceSlowCommandTimeoutMs } from './maintenance-api';
import { remoteScreenCommands, remoteScreenEvents } from './remote-screen';

export const Locale = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof Locale>;

export const ShellKind = z.enum(['electron', 'browser']);
export type ShellKind = z.infer<typeof ShellKind>;

/** What the screen needs of the configuration; the rest of the configuration never leaves the Node side. */
export const UiSettings = z.object({
  defaultLocale: Locale,
  elderModeDefault: z.boolean(),
  speech: z.object({ enabled: z.boolean(), volume: z.number().min(0).max(1) }),
  idle: z.object({
    /** Seconds without a touch before the warning shows. */
    warnAfterSeconds: z.number().int().positive(),
    /** Seconds the warning counts down before the session ends; WCAG 2.2.1 wants at least 20. */
    countdownSeconds: z.number().int().min(20),
  }),
});
export type UiSettings = z.infer<typeof UiSettings>;

export const SystemInfo = z.object({
  product: z.string(),
  version: z.string(),
  terminalId: z.string(),
  terminalName: z.string(),
  shell: ShellKind,
  startedAt: z.iso.datetime(),
});
export type SystemInfo = z.infer<typeof SystemInfo>;

const Empty = z.strictObject({});

function command<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

// ---- The citizen's session (main/services/) ----
//
// A session holds what one citizen gives the kiosk (card, scanned pages) on the Node side only; every command after
// `session.start` names its session, so a late request from an ended session can never touch the next citizen's.
// Session-bound commands answer a discriminated union: `ok: false` carries a typed code the screen turns into its
// own words, and a `message` for staff and logs (never personal data). Nothing here carries a full ID number, a birth
// date or the card photo.

export const SessionId = z.uuid();
export type SessionId = z.infer<typeof SessionId>;

/** The failure half of a session-bound command's answer. */
function failure<C extends z.ZodEnum>(code: C) {
  return z.strictObject({ ok: z.literal(false), error: z.strictObject({ code, message: z.string().max(500) }) });
}

export const CardGender = z.enum(['male', 'female', 'unknown', 'unspecified']);
export type CardGender = z.infer<typeof CardGender>;

/** What the screen may show of a card read: the number masked (birth date hidden), no photo, no address. */
export const CardSummary = z.strictObject({
  cardType: IdCardType,
  /** The Chinese name, or the English one when the card has none. */
  name: z.string().min(1).max(200),
  /** The ID number (for foreign permanent residents the card number) with the middle, birth date included, masked. */
  maskedIdNumber: z.string().max(40).regex(/\*/, 'must be masked'),
  gender: CardGender,
  /** Resident ID cards only, e.g. `汉`. */
  nation: z.string().max(20).optional(),
});
export type CardSummary = z.infer<typeof CardSummary>;

export const ReadCardErrorCode = z.enum([
  'noSession',
  /** This session is already waiting for a card. */
  'busy',
  /** No card was presented in time. */
  'timeout',
  /** The card on the reader was read before: it must be taken away and presented again. */
  'cardAlreadyRead',
  'deviceNotReady',
  'hardwareError',
  /** The card answered with data that does not decode. */
  'unreadableCard',
  /** The card was taken away during the read. */
  'cardRemoved',
  /** The session ended while waiting. */
  'canceled',
]);
export type ReadCardErrorCode = z.infer<typeof ReadCardErrorCode>;

export const ReadCardResult = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), card: CardSummary }),
  failure(ReadCardErrorCode),
]);
export type ReadCardResult = z.infer<typeof ReadCardResult>;

export const PageId = z.string().regex(/^p[1-9][0-9]{0,3}$/);
export type PageId = z.infer<typeof PageId>;

export const ScannedPageInfo = z.strictObject({ pageId: PageId, bytes: z.number().int().positive() });
export type ScannedPageInfo = z.infer<typeof ScannedPageInfo>;

export const ScanErrorCode = z.enum([
  'noSession',
  'deviceNotReady',
  /** A jam or a scanner fault. */
  'hardwareError',
  /** Something the citizen or staff can fix: cover open, feeder empty. */
  'userError',
  /** The scanner cannot do what was asked (resolution, mode). */
  'unsupported',
  'timeout',
  /** The session ended during the scan. */
  'canceled',
  /** The session holds as many pages as one transaction can carry. */
  'tooManyPages',
  /** A page larger than the platform takes; it was discarded. */
  'pageTooLarge',
]);
export type ScanErrorCode = z.infer<typeof ScanErrorCode>;

export const ScanResult = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), pages: z.array(ScannedPageInfo) }),
  // Pages scanned before a failure (a jam on page 3 keeps pages 1 and 2) stay in the session and are listed here.
  failure(ScanErrorCode).extend({ pages: z.array(ScannedPageInfo) }),
]);
export type ScanResult = z.infer<typeof ScanResult>;

/** Card fields the Node side fills into a form, so the screen never needs the full values (catalog `prefill`). */
export const CardField = z.enum(['idCard.name', 'idCard.idNumber', 'idCard.sex', 'idCard.address', 'idCard.birthDate']);
export type CardField = z.infer<typeof CardField>;

const maxFormFields = 200;

export const SubmitErrorCode = z.enum([
  'noSession',
  /** A submit of this session is still being stored (a double tap). */
  'busy',
  /** No identity in the session: read a card (or use another identity path) first. */
  'noIdentity',
  /** `fromIdCard` asks for a field this card does not have (foreign cards have no address); the message names it. */
  'cardFieldMissing',
  /** The kiosk cannot store submissions now (the disk is full); nothing was stored. */
  'diskFull',
  /** Storing failed (an I/O error); nothing was stored. */
  'storageError',
  /** A scanned page could not be read back; scan it again. */
  'pageUnreadable',
  /** The transaction breaks a storage rule; the message names the field. */
  'invalid',
  /** The kiosk is shutting down. */
  'unavailable',
]);
export type SubmitErrorCode = z.infer<typeof SubmitErrorCode>;

export const SubmitResult = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    /** The outbox id (UUIDv7): the platform's idempotency key; the receipt may print it. */
    transactionId: z.string().min(1).max(64),
    /** When it was stored durably: only now may the screen say "submitted". */
    acceptedAt: z.iso.datetime(),
  }),
  failure(SubmitErrorCode),
]);
export type SubmitResult = z.infer<typeof SubmitResult>;

/**
 * What became of a submitted transaction. Online, the platform's answer (case number and, for items with rules, the
 * instant-approval decision) arrives within seconds; offline the transaction stays `pending` and the screen says the
 * result will follow (the receipt's QR code finds it later). Nothing personal.
 */
export const TransactionResult = z.discriminatedUnion('state', [
  /** Stored on the kiosk, not yet answered by the platform. */
  z.strictObject({ state: z.literal('pending') }),
  z.strictObject({
    state: z.literal('answered'),
    caseNumber: z.string().min(1).max(64),
    /** null for items without instant-approval rules: handled by staff in the normal way. */
    outcome: z.enum(['approved', 'needsReview', 'rejected']).nullable(),
    reasons: z.array(z.string().max(500)).max(20),
  }),
  /** The platform refused it for good; staff follow it up. */
  z.strictObject({ state: z.literal('needsAttention') }),
  z.strictObject({ state: z.literal('unknown') }),
]);
export type TransactionResult = z.infer<typeof TransactionResult>;

export const SimulatedDevice = z.strictObject({
  deviceId: DeviceId,
  deviceClass: DeviceClass,
  actions: z.array(z.strictObject({ name: z.string().min(1).max(100), description: z.string().max(1000) })),
});
export type SimulatedDevice = z.infer<typeof SimulatedDevice>;

// ---- The item catalog as the screen browses it (main/services/catalog-service.ts) ----
//
// `catalog.get` answers everything the home screen and the search need in one compact payload (5,000+ items fit in
// well under 1 MB): departments and topics once, items as short summaries that point at them by index. The full guide
// (办事指南) of one item comes from `catalog.getItem` when the citizen opens it.

const ShortText = z.string().min(1).max(200);

export const CatalogDepartment = z.strictObject({
  code: z.string().min(1).max(64),
  name: ShortText,
  /** What people call it (社保, 公积金): shown on the department tile and matched by search. */
  shortName: z.string().min(1).max(50),
});
export type CatalogDepartment = z.infer<typeof CatalogDepartment>;

/** A life-event topic (主题服务): for individuals or for companies. */
export const CatalogTopic = z.strictObject({ name: z.string().min(1).max(50), audience: z.enum(['individual', 'company']) });
export type CatalogTopic = z.infer<typeof CatalogTopic>;

export const CatalogItemSummary = z.strictObject({
  code: ItemCode,
  name: ShortText,
  /** Index into `departments`. */
  dept: z.number().int().nonnegative(),
  /** Indexes into `topics`. */
  topics: z.array(z.number().int().nonnegative()).max(20),
  /** Whether this kiosk can do it (the item's terminal capability). */
  kiosk: z.boolean(),
});
export type CatalogItemSummary = z.infer<typeof CatalogItemSummary>;

export const CatalogBundleSummary = z.strictObject({ code: ItemCode, name: ShortText, description: z.string().max(2000).optional(), itemCodes: z.array(ItemCode).min(2).max(20) });
export type CatalogBundleSummary = z.infer<typeof CatalogBundleSummary>;

export const CatalogOverview = z.strictObject({
  /** The catalog version in use; null while the kiosk has never received one. */
  version: z.string().max(64).nullable(),
  departments: z.array(CatalogDepartment).max(500),
  topics: z.array(CatalogTopic).max(500),
  /** Codes of the hot items (热门办事), most wanted first. */
  hot: z.array(ItemCode).max(50),
  items: z.array(CatalogItemSummary).max(10_000),
  /** 一件事: bundles of items done with one form and one set of materials (their items are in `items`). */
  bundles: z.array(CatalogBundleSummary).max(1000),
});
export type CatalogOverview = z.infer<typeof CatalogOverview>;

/** One item's guide (办事指南) as the screen shows it; form schema and approval rules stay on the Node side. */
export const ItemGuide = z.strictObject({
  code: ItemCode,
  name: ShortText,
  department: z.strictObject({ code: z.string().min(1).max(64), name: ShortText }),
  type: ItemType,
  conditions: z.array(z.string().max(2000)),
  materials: z.array(Material),
  procedure: z.array(z.strictObject({ name: ShortText, description: z.string().max(2000).optional() })),
  timeLimits: z.strictObject({ statutory: TimeLimit, promised: TimeLimit }),
  fees: z.array(Fee),
  legalBasis: z.array(LegalBasis),
  results: z.array(ResultDocument),
  terminal: z.strictObject({
    available: z.boolean(),
    identityModes: z.array(IdentityMode),
    scanning: z.boolean(),
    /** The kiosk prints the receipt or the result. */
    printing: z.boolean(),
    /** Approved at once by rules (秒批). */
    instantApproval: z.boolean(),
  }),
  topics: z.array(z.string().max(50)),
});
export type ItemGuide = z.output<typeof ItemGuide>;

const sessionRef = { sessionId: SessionId };

// ---- The rest of the citizen's journey: face, QR identity, forms, suggestions, printing, progress, rating ----
//
// Identity, prefill and suggestions need the platform online; offline they answer `offline`, and the screen says
// what waits (design.md, "Offline"). Face images and QR payloads go to the Node side and on to the platform only:
// the Node side keeps no copy once the platform has answered.

/** A still frame from the camera for face comparison; JPEG or PNG, at most ~1.5 MB once decoded. */
export const FaceImage = z.strictObject({
  mimeType: z.enum(['image/jpeg', 'image/png']),
  base64: z.base64().max(2_000_000),
});
export type FaceImage = z.infer<typeof FaceImage>;

export const CompareFaceErrorCode = z.enum([
  'noSession',
  /** No ID card was read in this session (the comparison needs the card's photo). */
  'noCard',
  /** The image does not decode, or no face could be found in it: take another. */
  'badImage',
  /** A comparison of this session is under way. */
  'busy',
  /** The kiosk cannot reach the platform. */
  'offline',
  /** The platform's comparison service is down. */
  'serviceUnavailable',
  /** This session used its comparisons (3): offer another identity path. */
  'noAttemptsLeft',
]);
export type CompareFaceErrorCode = z.infer<typeof CompareFaceErrorCode>;
export const CompareFaceResult = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    match: z.boolean(),
    /** Attempts left in this session before the screen must offer another identity path. */
    attemptsLeft: z.number().int().nonnegative(),
    /** The platform's comparison adapter is the shipped demo one: the screen says so. */
    demo: z.boolean(),
  }),
  failure(CompareFaceErrorCode),
]);
export type CompareFaceResult = z.infer<typeof CompareFaceResult>;

/** Who a network ID (网证) or app QR code proved: as little as a CardSummary shows. */
export const QrIdentity = z.strictObject({
  method: z.enum(['networkIdQr', 'appQr']),
  name: z.string().min(1).max(200),
  maskedIdNumber: z.string().max(40).regex(/\*/, 'must be masked'),
  demo: z.boolean(),
});
export type QrIdentity = z.infer<typeof QrIdentity>;

export const ReadQrIdentityErrorCode = z.enum([
  'noSession',
  'busy',
  'timeout',
  'deviceNotReady',
  /** The code read is not an identity code (a receipt, a payment code). */
  'notIdentityCode',
  /** The platform refused the code (expired, forged, revoked). */
  'rejected',
  'offline',
  'serviceUnavailable',
  'canceled',
]);
export type ReadQrIdentityErrorCode = z.infer<typeof ReadQrIdentityErrorCode>;
export const ReadQrIdentityResult = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), identity: QrIdentity }),
  failure(ReadQrIdentityErrorCode),
]);
export type ReadQrIdentityResult = z.infer<typeof ReadQrIdentityResult>;

/** A form field value the Node side holds for the session; the screen shows `display` and never edits a locked one. */
export const PrefilledField = z.strictObject({
  display: z.string().max(500),
  source: z.enum(['idCard', 'sharedData']),
  /** Personal values are masked in `display` and filled in by the Node side at submit (`fromSession`). */
  locked: z.boolean(),
});
export type PrefilledField = z.infer<typeof PrefilledField>;

export const PrefillErrorCode = z.enum(['noSession', 'noIdentity', 'unknownItem']);
export const PrefillResult = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    fields: z.record(FieldName, PrefilledField),
    /** Materials shared data or an e-licence covers for this person: no scan needed. */
    materialsFromSharedData: z.array(MaterialCode).max(100),
    /** false when the platform could not be asked (offline): only the card's fields are there. */
    sharedDataAvailable: z.boolean(),
  }),
  failure(PrefillErrorCode),
]);
export type PrefillResult = z.infer<typeof PrefillResult>;

/** A catalog form field as the screen renders it (contracts/catalog.ts FormField, after defaults). */
export const ScreenFormField = z.strictObject({
  name: FieldName,
  label: ShortText,
  type: z.enum(['text', 'number', 'date', 'boolean', 'select', 'idNumber', 'phone']),
  required: z.boolean(),
  options: z.array(z.strictObject({ value: z.string().min(1).max(100), label: ShortText })).optional(),
  prefill: z.string().max(40).optional(),
  personal: z.boolean(),
});
export type ScreenFormField = z.infer<typeof ScreenFormField>;

/** What a journey collects for one item or one bundle (一件事: the union of its items' fields and materials, once). */
export const ItemForm = z.strictObject({
  code: ItemCode,
  name: ShortText,
  kind: z.enum(['item', 'bundle']),
  /** The items behind a bundle (one for an item). */
  itemCodes: z.array(ItemCode).min(1).max(20),
  fields: z.array(ScreenFormField).max(maxFormFields),
  materials: z.array(Material),
  identityModes: z.array(IdentityMode),
  scanning: z.boolean(),
  printing: z.boolean(),
  /** The item issues a certificate the kiosk prints on A4 when approved at once. */
  certificate: z.boolean(),
  instantApproval: z.boolean(),
});
export type ItemForm = z.output<typeof ItemForm>;

export const Suggestion = z.strictObject({
  itemCode: ItemCode,
  name: ShortText,
  /** Why the platform proposes it, in plain words (e.g. "您的孩子将满3周岁"). */
  reason: z.string().min(1).max(300),
  /** Needs no form input beyond what the platform holds: confirm and submit. */
  confirmOnly: z.boolean(),
});
export type Suggestion = z.infer<typeof Suggestion>;

export const SuggestionsResult = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), suggestions: z.array(Suggestion).max(20) }),
  failure(z.enum(['noSession', 'noIdentity', 'offline'])),
]);
export type SuggestionsResult = z.infer<typeof SuggestionsResult>;

export const PrintErrorCode = z.enum([
  'noSession',
  /** The session submitted no such transaction. */
  'unknownTransaction',
  /** The item issues no certificate, or the application was not approved. */
  'nothingToPrint',
  'paperOut',
  'deviceNotReady',
  'hardwareError',
  'canceled',
]);
export const PrintResult = z.discriminatedUnion('ok', [z.strictObject({ ok: z.literal(true) }), failure(PrintErrorCode)]);
export type PrintResult = z.infer<typeof PrintResult>;

/** A case number, or the receipt code (the transaction id) a receipt's QR code carries. */
export const CaseReference = z.string().regex(/^[0-9A-Za-z-]{6,64}$/);

export const CaseStep = z.strictObject({ name: ShortText, at: z.iso.datetime().nullable(), done: z.boolean() });
export const ProgressResult = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    caseNumber: z.string().min(1).max(64),
    itemName: ShortText.nullable(),
    status: z.enum(['pending', 'awaitingMaterials', 'received', 'inReview', 'approved', 'rejected']),
    submittedAt: z.iso.datetime(),
    promisedBy: z.iso.date().nullable(),
    steps: z.array(CaseStep).max(20),
    reasons: z.array(z.string().max(500)).max(20),
    /** Rated before (好差评 once per case). */
    rated: z.boolean(),
  }),
  failure(z.enum(['notFound', 'offline', 'serviceUnavailable'])),
]);
export type ProgressResult = z.infer<typeof ProgressResult>;

/** 好差评: 5 非常满意 … 1 非常不满意; the two bad levels need at least one reason. */
export const RatingReason = z.enum(['tooSlow', 'tooManyMaterials', 'hardToUse', 'deviceFault', 'unclearGuide', 'staffAttitude', 'other']);
export const RatingInput = z
  .strictObject({
    /** The case rated: its number, or the transaction id of an application just submitted. */
    reference: CaseReference,
    level: z.number().int().min(1).max(5),
    reasons: z.array(RatingReason).max(7).default([]),
  })
  .refine((r) => r.level > 2 || r.reasons.length > 0, { message: 'a bad rating needs a reason', path: ['reasons'] });

/** Whether the kiosk reaches its platform (the sync agent's view); `since` is when that last changed. */
export const PlatformStatus = z.strictObject({ online: z.boolean(), since: z.iso.datetime() });
export type PlatformStatus = z.infer<typeof PlatformStatus>;

/** A receipt's QR code read on the QR reader, for the progress query (contracts/receipt-qr.ts reads it). */
export const ReadReceiptQrResult = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), reference: CaseReference }),
  /** `notReceipt`: a code was read, but not one of our receipts. */
  failure(z.enum(['timeout', 'notReceipt', 'deviceNotReady', 'canceled', 'busy'])),
]);
export type ReadReceiptQrResult = z.infer<typeof ReadReceiptQrResult>;

export const kioskCommands = {
  /** Who and what this kiosk is; the screen shows the terminal name and uses the shell kind for small differences. */
  'system.getInfo': command(Empty, SystemInfo),
  /** A round trip with no side effect: the screen's and the tests' proof that the bridge is alive. */
  'system.ping': command(
    z.strictObject({ nonce: z.string().min(1).max(64) }),
    z.object({ nonce: z.string(), receivedAt: z.iso.datetime() }),
  ),
  'ui.getSettings': command(Empty, UiSettings),
  /** Whether the platform is reachable now; changes come as `platform.statusChanged`. */
  'system.getPlatformStatus': command(Empty, PlatformStatus),

  /** A new citizen: a fresh session on the Node side. Sessions unused for long are wiped by the Node side itself. */
  'session.start': command(Empty, z.strictObject({ sessionId: SessionId })),
  /**
   * Wipes everything the session holds on the Node side (card data, scanned files, waits in progress) and waits for
   * a submit under way to finish storing. Idempotent: `ended` is false when there was no such session (any more).
   */
  'session.end': command(z.strictObject(sessionRef), z.strictObject({ ended: z.boolean() })),
  /** Waits for an ID card and reads it; the whole card stays on the Node side, the screen gets a masked summary. */
  'identity.readCard': command(
    z.strictObject({ ...sessionRef, timeoutSeconds: z.number().int().min(1).max(120).default(30) }),
    ReadCardResult,
  ),
  /** Scans into the session (flatbed: one page; feeder: until empty or `maxPages`). */
  'materials.scan': command(
    z.strictObject({
      ...sessionRef,
      /** Which of the item's materials the pages are; sent to the platform with each page. */
      materialCode: MaterialCode.optional(),
      source: z.enum(['flatbed', 'feeder']).optional(),
      resolutionDpi: z.literal([75, 100, 150, 200, 300, 600]).optional(),
      mode: z.enum(['color', 'gray', 'lineart']).optional(),
      maxPages: z.number().int().min(1).max(50).optional(),
    }),
    ScanResult,
  ),
  /** Deletes one scanned page of the session; `removed` is false when there was no such page. */
  'materials.remove': command(z.strictObject({ ...sessionRef, pageId: PageId }), z.strictObject({ removed: z.boolean() })),
  /**
   * Stores an application durably in the outbox with the session's identity and scanned pages, and answers only
   * then. On success the session's page files are deleted (the outbox keeps its own encrypted copies).
   */
  'transaction.submit': command(
    z.strictObject({
      ...sessionRef,
      itemCode: ItemCode,
      /** The form's fields by name, as entered. */
      form: z.record(FieldName, z.json()).refine((form) => Object.keys(form).length <= maxFormFields, `at most ${maxFormFields} fields`),
      /** Fields the Node side fills from the card read in this session (they override `form`). */
      fromIdCard: z.record(FieldName, CardField).optional(),
      /** Fields the Node side fills from `form.prefill`'s locked values (card or shared data); they override `form`. */
      fromSession: z.array(FieldName).max(maxFormFields).optional(),
      /** Materials covered by shared data or an e-licence (电子证照) instead of a scan. */
      materialsFromSharedData: z.array(MaterialCode).max(100).optional(),
    }),
    SubmitResult,
  ),

  /** The platform's answer to a submitted transaction, waiting up to `waitSeconds` for it (see TransactionResult). */
  'transaction.result': command(
    z.strictObject({ transactionId: z.uuid(), waitSeconds: z.number().int().min(0).max(30).default(0) }),
    TransactionResult,
  ),

  /** What the home screen and the search browse: the catalog in use, compact (see CatalogOverview). */
  'catalog.get': command(Empty, CatalogOverview),
  /** One item's guide; `found: false` when the catalog in use has no such item (any more). */
  'catalog.getItem': command(
    z.strictObject({ itemCode: ItemCode }),
    z.discriminatedUnion('found', [z.strictObject({ found: z.literal(true), item: ItemGuide }), z.strictObject({ found: z.literal(false) })]),
  ),

  /**
   * A search the citizen used: the query as typed and the item opened from its results. Counted for hot searches only
   * in a form that can carry no personal data (contracts/search-counts.ts); `counted` says whether it was.
   */
  'search.used': command(z.strictObject({ query: z.string().max(200), itemCode: ItemCode }), z.strictObject({ counted: z.boolean() })),

  /** Compares a live still frame with the photo of the card read in this session; needs `consent: true` asked first. */
  'identity.compareFace': command(z.strictObject({ ...sessionRef, consent: z.literal(true), image: FaceImage }), CompareFaceResult),
  /** Waits for a network ID (网证) or app QR code on the QR reader and has the platform verify it. */
  'identity.readQr': command(
    z.strictObject({ ...sessionRef, timeoutSeconds: z.number().int().min(1).max(120).default(60) }),
    ReadQrIdentityResult,
  ),
  /**
   * Stops the session's wait for an ID card or a QR code when the citizen leaves that step: the wait answers
   * `canceled` and the device is free for the next try. `canceled: false` when no such wait was running.
   */
  'identity.cancel': command(z.strictObject({ ...sessionRef, wait: z.enum(['card', 'qr']) }), z.strictObject({ canceled: z.boolean() })),
  /** What a journey collects for an item or a bundle; `found: false` when the catalog has no such code. */
  'catalog.getForm': command(
    z.strictObject({ itemCode: ItemCode }),
    z.discriminatedUnion('found', [z.strictObject({ found: z.literal(true), form: ItemForm }), z.strictObject({ found: z.literal(false) })]),
  ),
  /** Values for the form from the card and the platform's shared data, for the identified person. */
  'form.prefill': command(z.strictObject({ ...sessionRef, itemCode: ItemCode }), PrefillResult),
  /** Items the platform proposes for the identified person (无感审批), best first. */
  'suggestions.get': command(z.strictObject(sessionRef), SuggestionsResult),
  /** A scanned page as a small image (a PNG data URL, at most 240 px wide) for the thumbnail strip. */
  'materials.thumbnail': command(
    z.strictObject({ ...sessionRef, pageId: PageId }),
    z.discriminatedUnion('found', [z.strictObject({ found: z.literal(true), dataUrl: z.string().max(200_000) }), z.strictObject({ found: z.literal(false) })]),
  ),
  /** Prints the 80 mm receipt of a transaction submitted in this session (case number or receipt code, QR code). */
  'print.receipt': command(z.strictObject({ ...sessionRef, transactionId: z.uuid() }), PrintResult),
  /** Prints the A4 certificate of an application approved at once, when its item issues one. */
  'print.certificate': command(z.strictObject({ ...sessionRef, transactionId: z.uuid() }), PrintResult),
  /** Progress of a case by its number or receipt code; needs no session (anyone holding the receipt may ask). */
  'progress.query': command(z.strictObject({ reference: CaseReference }), ProgressResult),
  /** Stores a rating (好差评) durably in the outbox, like an application; answers only then. */
  'rating.submit': command(RatingInput, SubmitResult),
  /** Waits for a receipt's QR code on the QR reader; needs no session, like `progress.query`. */
  'progress.readReceiptQr': command(z.strictObject({ timeoutSeconds: z.number().int().min(1).max(120).default(60) }), ReadReceiptQrResult),

  /** The simulated devices and what can be scripted on them; empty on a kiosk with real devices only. */
  'simulation.list': command(Empty, z.strictObject({ devices: z.array(SimulatedDevice) })),
  /** Runs one simulator action ("present a card", "jam the feeder"); for the demo, the staff screen and tools. */
  'simulation.run': command(
    z.strictObject({ deviceId: DeviceId, action: z.string().min(1).max(100), input: z.json().optional() }),
    z.discriminatedUnion('ok', [z.strictObject({ ok: z.literal(true) }), z.strictObject({ ok: z.literal(false), reason: z.string().max(500) })]),
  ),

  /** Branch staff (contracts/maintenance-api.ts). */
  ...maintenanceCommands,
  /** Remote commands' effect on the screen (contracts/remote-screen.ts). */
  ...remoteScreenCommands,
} as const;

export const kioskEvents = {
  /** Sent when a central push or a staff action changes what the screen must honour. */
  'ui.settingsChanged': UiSettings,
  /** A new catalog is in use: the screen fetches `catalog.get` again (an open guide stays until the citizen leaves it). */
  'catalog.changed': z.strictObject({ version: z.string().max(64) }),
  /** The platform became reachable or unreachable: the screen shows or hides its offline banner. */
  'platform.statusChanged': PlatformStatus,
  ...remoteScreenEvents,
} as const;

export type CommandName = keyof typeof kioskCommands;

/**
 * How long a transport waits for an answer. Most commands answer at once; these wait for a person or a device
 * (a card put on the reader, a feeder of pages), up to their own limits, so a transport must wait longer.
 */
export const slowCommandTimeoutMs: Partial<Record<CommandName, number>> = {
  'identity.readCard': 130_000,
  'materials.scan': 300_000,
  'transaction.submit': 60_000,
  'transaction.result': 40_000,
  'identity.readQr': 130_000,
  'identity.compareFace': 30_000,
  'print.receipt': 60_000,
  'print.certificate': 120_000,
  'progress.query': 30_000,
  'rating.submit': 60_000,
  'progress.readReceiptQr': 130_000,
  ...maintenanceSlowCommandTimeoutMs,
};
export type EventName = keyof typeof kioskEvents;
/** What a caller passes (before defaults are applied). */
export type CommandInput<N extends CommandName> = z.input<(typeof kioskCommands)[N]['input']>;
/** What a handler receives (after parsing). */
export type ParsedCommandInput<N extends CommandName> = z.output<(typeof kioskCommands)[N]['input']>;
export type CommandOutput<N extends CommandName> = z.output<(typeof kioskCommands)[N]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof kioskEvents)[E]>;

export const commandNames = Object.keys(kioskCommands) as CommandName[];
export const eventNames = Object.keys(kioskEvents) as EventName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(kioskCommands, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(kioskEvents, name);
}

// ---- Envelopes: what the transports carry ----

export const ApiErrorCode = z.enum([
  /** The input failed the command's schema. */
  'invalidInput',
  /** The Node side produced an output that failed the schema: a bug on the Node side, never shown raw. */
  'invalidOutput',
  'unknownCommand',
  /** The caller is not allowed to use the bridge (wrong frame, wrong token). */
  'forbidden',
  /** The handler failed; the message is safe to show, details are in the Node side's log. */
  'internal',
  /** The bridge is not connected. */
  'unavailable',
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;

export const ApiError = z.object({ code: ApiErrorCode, message: z.string() });
export type ApiError = z.infer<typeof ApiError>;

export const InvokeResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), output: z.unknown() }),
  z.object({ ok: z.literal(false), error: ApiError }),
]);
export type InvokeResult = z.infer<typeof InvokeResult>;

export const InvokeRequest = z.object({ command: z.string().max(100), input: z.unknown() });
export type InvokeRequest = z.infer<typeof InvokeRequest>;

export const EventMessage = z.object({ name: z.string().max(100), payload: z.unknown() });
export type EventMessage = z.infer<typeof EventMessage>;

/** The Electron IPC channels; the preload refuses every other channel. */
export const ipcChannels = { invoke: 'kiosk-api:invoke', event: 'kiosk-api:event' } as const;

/** Where the browser host accepts the KioskApi WebSocket (with `?token=`). */
export const wsBridgePath = '/kiosk-api';

/** WebSocket frames of the browser host. `id` pairs a result with its request. */
export const WsClientFrame = z.object({ type: z.literal('invoke'), id: z.number().int().nonnegative() }).extend(
  InvokeRequest.shape,
);
export type WsClientFrame = z.infer<typeof WsClientFrame>;

export const WsServerFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('result'), id: z.number().int().nonnegative(), result: InvokeResult }),
  z.object({ type: z.literal('event') }).extend(EventMessage.shape),
]);
export type WsServerFrame = z.infer<typeof WsServerFrame>;
