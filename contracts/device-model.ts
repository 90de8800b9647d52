// The device model: the only thing drivers/ expose to the rest of the kiosk (design.md, "Device model").
//
// Shaped after CEN XFS4IoT: a status is a common part plus one part per device class; `statusChanged` events carry only
// the fields that changed; consumables raise threshold events of their own; every command completes with a typed code.
// A field a device cannot report is absent, never `false` or a guessed value.
import { z } from 'zod';

// ---- Classes and the common part ----

export const DeviceClass = z.enum(['idCardReader', 'receiptPrinter', 'documentPrinter', 'scanner', 'barcodeReader', 'camera']);
export type DeviceClass = z.infer<typeof DeviceClass>;

/** XFS4IoT Common.Status.device. */
export const DeviceState = z.enum(['online', 'offline', 'powerOff', 'noDevice', 'hardwareError', 'userError', 'deviceBusy']);
export type DeviceState = z.infer<typeof DeviceState>;

export const CommonStatus = z.strictObject({ device: DeviceState });
export type CommonStatus = z.infer<typeof CommonStatus>;

/** Configured name of one device, e.g. `idcard-1`; events say which device they come from. */
export const DeviceId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
export type DeviceId = z.infer<typeof DeviceId>;

// ---- Class parts ----

export const IdCardMedia = z.enum(['present', 'notPresent', 'unknown']);
export type IdCardMedia = z.infer<typeof IdCardMedia>;

export const IdCardReaderPart = z.strictObject({ media: IdCardMedia.optional() });
export type IdCardReaderPart = z.infer<typeof IdCardReaderPart>;

/** Paper in one source. */
export const PaperState = z.enum(['full', 'low', 'out', 'jammed', 'unknown']);
export type PaperState = z.infer<typeof PaperState>;

/** Toner or ink: like paper, but a cartridge cannot jam. */
export const SupplyState = z.enum(['full', 'low', 'out', 'unknown']);
export type SupplyState = z.infer<typeof SupplyState>;

/** The printed sheet or receipt at the exit slot; drives "please take your receipt". */
export const MediaAtExit = z.enum(['present', 'notPresent', 'jammed', 'entering', 'retracted']);
export type MediaAtExit = z.infer<typeof MediaAtExit>;

/** Name of a paper source (`roll`, `tray1`, `manual` …); a restricted name so it is safe as an object key. */
export const PaperSource = z.string().regex(/^[a-z][A-Za-z0-9]{0,31}$/);
export type PaperSource = z.infer<typeof PaperSource>;

export const CoverState = z.enum(['open', 'closed']);
export type CoverState = z.infer<typeof CoverState>;

export const DocumentPrinterPart = z.strictObject({
  paper: z.record(PaperSource, PaperState).optional(),
  toner: SupplyState.optional(),
  ink: SupplyState.optional(),
  media: MediaAtExit.optional(),
  cover: CoverState.optional(),
});
export type DocumentPrinterPart = z.infer<typeof DocumentPrinterPart>;

/** A receipt printer also reports its cutter (ESC/POS `DLE EOT 3`). */
export const ReceiptPrinterPart = DocumentPrinterPart.extend({ cutter: z.enum(['ok', 'fault']).optional() });
export type ReceiptPrinterPart = z.infer<typeof ReceiptPrinterPart>;

export const ScannerPart = z.strictObject({
  feeder: z.enum(['loaded', 'empty', 'jammed', 'unknown']).optional(),
  cover: CoverState.optional(),
});
export type ScannerPart = z.infer<typeof ScannerPart>;

/** XFS4IoT BarcodeReader.scanner, renamed so it is not confused with the document scanner. */
export const BarcodeReaderPart = z.strictObject({ reader: z.enum(['on', 'off', 'inoperative', 'unknown']).optional() });
export type BarcodeReaderPart = z.infer<typeof BarcodeReaderPart>;

export const CameraPart = z.strictObject({
  permission: z.enum(['granted', 'denied', 'prompt']).optional(),
  stream: z.enum(['idle', 'active']).optional(),
});
export type CameraPart = z.infer<typeof CameraPart>;

// ---- Status: common part + class part ----

export const deviceStatusSchemas = {
  idCardReader: z.strictObject({ common: CommonStatus, idCardReader: IdCardReaderPart }),
  receiptPrinter: z.strictObject({ common: CommonStatus, receiptPrinter: ReceiptPrinterPart }),
  documentPrinter: z.strictObject({ common: CommonStatus, documentPrinter: DocumentPrinterPart }),
  scanner: z.strictObject({ common: CommonStatus, scanner: ScannerPart }),
  barcodeReader: z.strictObject({ common: CommonStatus, barcodeReader: BarcodeReaderPart }),
  camera: z.strictObject({ common: CommonStatus, camera: CameraPart }),
} as const satisfies Record<DeviceClass, z.ZodObject>;

export type DeviceStatus<C extends DeviceClass = DeviceClass> = z.infer<(typeof deviceStatusSchemas)[C]>;

// ---- Capabilities: what a device of a class can do (here `false` is information, unlike in a status) ----

export const IdCardType = z.enum(['resident', 'hkMacaoTaiwan', 'foreignPermanent2017', 'foreignPermanent2023']);
export type IdCardType = z.infer<typeof IdCardType>;

export const deviceCapabilitySchemas = {
  idCardReader: z.strictObject({
    cardTypes: z.array(IdCardType),
    fingerprint: z.boolean(),
    appendedAddress: z.boolean(),
    /** A licensed WLT photo decoder is plugged in. */
    photoDecoding: z.boolean(),
  }),
  receiptPrinter: z.strictObject({
    paperSources: z.array(PaperSource).min(1),
    paperWidthMm: z.number().positive(),
    cutter: z.enum(['none', 'partial', 'full']),
    qrCode: z.enum(['native', 'raster']),
    rasterImages: z.boolean(),
    realTimeStatus: z.boolean(),
    paperLowSensor: z.boolean(),
    presenter: z.boolean(),
  }),
  documentPrinter: z.strictObject({
    paperSources: z.array(PaperSource).min(1),
    mediaSizes: z.array(z.string().min(1)),
    duplex: z.boolean(),
    color: z.boolean(),
    consumables: z.array(z.enum(['toner', 'ink'])),
  }),
  scanner: z.strictObject({
    flatbed: z.boolean(),
    feeder: z.boolean(),
    duplex: z.boolean(),
    resolutionsDpi: z.array(z.number().int().positive()),
    modes: z.array(z.enum(['color', 'gray', 'lineart'])),
    formats: z.array(z.enum(['png', 'jpeg'])),
  }),
  barcodeReader: z.strictObject({
    aimSymbologyIdentifiers: z.boolean(),
    encodings: z.array(z.enum(['utf8', 'gb18030'])),
  }),
  camera: z.strictObject({
    stillCapture: z.boolean(),
    maxWidth: z.number().int().positive().optional(),
    maxHeight: z.number().int().positive().optional(),
  }),
} as const satisfies Record<DeviceClass, z.ZodObject>;

export type DeviceCapabilities<C extends DeviceClass = DeviceClass> = z.infer<(typeof deviceCapabilitySchemas)[C]>;

// ---- Command completion ----

export const CompletionCode = z.enum([
  'success',
  'canceled',
  'timeOut',
  /** Not connected, powered off, or busy with something that must finish first. */
  'deviceNotReady',
  'hardwareError',
  /** What the device sent or was sent failed validation. */
  'invalidData',
  /** The user stopped it working (card taken away too early, cover left open, wrong card). */
  'userError',
  'unsupported',
]);
export type CompletionCode = z.infer<typeof CompletionCode>;

export const FailureCode = CompletionCode.exclude(['success']);
export type FailureCode = z.infer<typeof FailureCode>;

/** How every device command ends. `message` is short, for staff and logs, and never holds personal data. */
export type Completion<T> = { code: 'success'; value: T } | { code: FailureCode; message: string };

export function completionSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('code', [
    z.strictObject({ code: z.literal('success'), value }),
    z.strictObject({ code: FailureCode, message: z.string() }),
  ]);
}

export function success<T>(value: T): Completion<T> {
  return { code: 'success', value };
}

export function failure<T = never>(code: FailureCode, message: string): Completion<T> {
  return { code, message };
}

// ---- Status changes ----

type Leaf = string | number | boolean;

/**
 * The changed subset of a status. Unchanged fields are omitted; a field the device can no longer report is `null`
 * (unlike XFS4IoT, where `null` means "unchanged": JSON cannot carry "now absent" otherwise).
 */
export type StatusChange<T> = {
  [K in keyof T]?:
    | (NonNullable<T[K]> extends Leaf ? NonNullable<T[K]> : StatusChange<NonNullable<T[K]>>)
    | (string extends keyof T ? null : undefined extends T[K] ? null : never);
};

type StatusObject = { readonly [key: string]: unknown };

function isObject(value: unknown): value is StatusObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  if (isObject(a) && isObject(b)) return diffObjects(a, b) === null;
  return Object.is(a, b);
}

function diffObjects(previous: StatusObject, next: StatusObject): Record<string, unknown> | null {
  const entries: [string, unknown][] = [];
  const keys = new Set([...Object.keys(previous), ...Object.keys(next)]);
  for (const key of keys) {
    const before = Object.hasOwn(previous, key) ? previous[key] : undefined;
    const after = Object.hasOwn(next, key) ? next[key] : undefined;
    if (after === undefined) {
      if (before !== undefined) entries.push([key, null]);
    } else if (isObject(before) && isObject(after)) {
      const inner = diffObjects(before, after);
      if (inner !== null) entries.push([key, inner]);
    } else if (before === undefined || !sameValue(before, after)) {
      entries.push([key, after]);
    }
  }
  // fromEntries defines own properties, so even a key named `__proto__` stays data.
  return entries.length === 0 ? null : Object.fromEntries(entries);
}

/** The fields of `next` that differ from `previous` (what a `statusChanged` event carries), or null when none do. */
export function diffStatus<T extends object>(previous: T, next: T): StatusChange<T> | null {
  // T is a status object (checked by the schemas at the boundary); the walk itself only needs plain objects.
  return diffObjects(previous as StatusObject, next as StatusObject) as StatusChange<T> | null;
}

function applyObject(previous: StatusObject, change: StatusObject): Record<string, unknown> {
  const entries = new Map<string, unknown>(Object.entries(previous));
  for (const [key, value] of Object.entries(change)) {
    if (value === undefined) continue;
    if (value === null) entries.delete(key);
    else {
      const before = entries.get(key);
      entries.set(key, isObject(before) && isObject(value) ? applyObject(before, value) : value);
    }
  }
  return Object.fromEntries(entries);
}

/** The status after a change: what a listener does with each `statusChanged` event. Never mutates its inputs. */
export function applyStatusChange<T extends object>(previous: T, change: StatusChange<T>): T {
  // The result has the shape of T when `change` came from diffStatus or passed statusChangeSchema.
  return applyObject(previous as StatusObject, change as StatusObject) as T;
}

/** The schema of a StatusChange, derived from a status schema so the two cannot drift apart. */
function changeSchemaOf(schema: z.ZodObject): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const optional = field instanceof z.ZodOptional;
    const inner: z.ZodType = optional ? field.unwrap() : field;
    let change: z.ZodType;
    if (inner instanceof z.ZodObject) change = changeSchemaOf(inner);
    else if (inner instanceof z.ZodRecord) change = z.record(inner.keyType, (inner.valueType as z.ZodType).nullable());
    else change = inner;
    shape[key] = (optional ? change.nullable() : change).optional();
  }
  return z.strictObject(shape).refine((value) => Object.keys(value).length > 0, 'a change carries at least one field');
}

export function statusChangeSchema<C extends DeviceClass>(deviceClass: C): z.ZodType<StatusChange<DeviceStatus<C>>> {
  // The derived schema matches StatusChange by construction; TypeScript cannot follow the mapping.
  return changeSchemaOf(deviceStatusSchemas[deviceClass]) as unknown as z.ZodType<StatusChange<DeviceStatus<C>>>;
}

// ---- Events ----

/** Consumable levels that raise threshold events; `jammed` and `unknown` are status, not thresholds. */
export const ThresholdLevel = z.enum(['full', 'low', 'out']);
export type ThresholdLevel = z.infer<typeof ThresholdLevel>;

const PrinterClass = z.enum(['receiptPrinter', 'documentPrinter']);

function statusChangedEvent<C extends DeviceClass>(deviceClass: C) {
  return z.strictObject({
    type: z.literal('statusChanged'),
    deviceId: DeviceId,
    deviceClass: z.literal(deviceClass),
    changes: statusChangeSchema(deviceClass),
  });
}

export const StatusChangedEvent = z.discriminatedUnion('deviceClass', [
  statusChangedEvent('idCardReader'),
  statusChangedEvent('receiptPrinter'),
  statusChangedEvent('documentPrinter'),
  statusChangedEvent('scanner'),
  statusChangedEvent('barcodeReader'),
  statusChangedEvent('camera'),
]);
export type StatusChangedEvent = z.infer<typeof StatusChangedEvent>;

export const PaperThresholdEvent = z.strictObject({
  type: z.literal('paperThreshold'),
  deviceId: DeviceId,
  deviceClass: PrinterClass,
  source: PaperSource,
  threshold: ThresholdLevel,
});
export type PaperThresholdEvent = z.infer<typeof PaperThresholdEvent>;

export const SupplyThresholdEvent = z.strictObject({
  type: z.enum(['tonerThreshold', 'inkThreshold']),
  deviceId: DeviceId,
  deviceClass: PrinterClass,
  threshold: ThresholdLevel,
});
export type SupplyThresholdEvent = z.infer<typeof SupplyThresholdEvent>;

export const DeviceEvent = z.discriminatedUnion('type', [StatusChangedEvent, PaperThresholdEvent, SupplyThresholdEvent]);
export type DeviceEvent = z.infer<typeof DeviceEvent>;
