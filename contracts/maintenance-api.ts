// The branch staff's commands of KioskApi (maintenance mode, main/maintenance/), merged into `kioskCommands`.
//
// A staff member enters with the hidden gesture and a PIN; `maintenance.enter` answers a `maintenanceId` that every
// other staff command names, so the page cannot reach staff functions without a PIN. Nothing here carries personal
// data: devices are states and condition names, the queue is counts, ids, item codes and reasons.
import { z } from 'zod';
import { CompletionCode, DeviceClass, DeviceId, DeviceState } from './device-model';

export const MaintenanceGesture = z.strictObject({
  corner: z.enum(['topLeft', 'topRight', 'bottomLeft', 'bottomRight']),
  /** Taps in the corner … */
  taps: z.number().int().min(3).max(10),
  /** … within this many seconds. */
  withinSeconds: z.number().min(1).max(10),
  /** The corner's square, in CSS pixels. */
  sizePx: z.number().int().min(24).max(200),
});
export type MaintenanceGesture = z.infer<typeof MaintenanceGesture>;

export const MaintenanceId = z.uuid();

const Staff = z.strictObject({
  id: z.string().min(1).max(32),
  name: z.string().max(32).optional(),
  /** May take the window out of kiosk mode for the session (`maintenance.setKioskMode`). */
  canLeaveKioskMode: z.boolean(),
});
const DateTime = z.iso.datetime();
const NotInMaintenance = z.strictObject({ ok: z.literal(false), code: z.literal('notInMaintenance') });
const Done = z.discriminatedUnion('ok', [z.strictObject({ ok: z.literal(true) }), NotInMaintenance]);
const ref = { maintenanceId: MaintenanceId };

export const MaintenanceEntry = z.strictObject({
  gesture: MaintenanceGesture,
  /** False when no staff PIN is configured: the gesture does nothing. */
  configured: z.boolean(),
  /** True when some staff have a card: the entry screen also waits for a staff card on the ID card reader. */
  cardsAccepted: z.boolean(),
  /** The entry is locked after too many wrong PINs until this time; null when open. */
  lockedUntil: DateTime.nullable(),
});
export type MaintenanceEntry = z.infer<typeof MaintenanceEntry>;

export const EnterMaintenanceResult = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), maintenanceId: MaintenanceId, staff: Staff }),
  z.strictObject({
    ok: z.literal(false),
    code: z.enum(['wrongPin', 'locked', 'notConfigured']),
    /** wrongPin: wrong PINs left before the lock. */
    attemptsLeft: z.number().int().nonnegative().optional(),
    /** locked (also after the last wrong PIN): until when. */
    lockedUntil: DateTime.optional(),
  }),
]);
export type EnterMaintenanceResult = z.infer<typeof EnterMaintenanceResult>;

/** A staff card on the ID card reader instead of a PIN: the same answers, and what can go wrong with the wait. */
export const EnterWithCardResult = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), maintenanceId: MaintenanceId, staff: Staff }),
  z.strictObject({
    ok: z.literal(false),
    /** notStaffCard counts toward the lockout like a wrong PIN; cardNotRead does not (no card, canceled, reader fault). */
    code: z.enum(['notStaffCard', 'locked', 'notConfigured', 'cardNotRead']),
    attemptsLeft: z.number().int().nonnegative().optional(),
    lockedUntil: DateTime.optional(),
    /** cardNotRead: the reader's completion code (`timeOut`, `canceled`, `deviceNotReady` …). */
    reason: CompletionCode.optional(),
  }),
]);
export type EnterWithCardResult = z.infer<typeof EnterWithCardResult>;

/** Where the logs went on the USB drive, or why they could not go. */
// z.union, not discriminatedUnion: two failures share `ok: false`, which zod's discriminated union refuses at parse time.
export const ExportLogsResult = z.union([
  z.strictObject({
    ok: z.literal(true),
    /** The folder on the drive, as mounted (e.g. `/media/kiosk/USB/gov-kiosk-logs/T-1-2026-03-02T08-00-00-000Z`). */
    folder: z.string().max(1000),
    files: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
  }),
  NotInMaintenance,
  z.strictObject({ ok: z.literal(false), code: z.enum(['noDrive', 'driveFull', 'driveReadOnly', 'failed']), detail: z.string().max(500) }),
]);
export type ExportLogsResult = z.infer<typeof ExportLogsResult>;

export const SetKioskModeResult = z.union([
  z.strictObject({ ok: z.literal(true), kioskMode: z.boolean() }),
  NotInMaintenance,
  /** unsupported: the browser host has no window to change; notAllowed: this staff member may not. */
  z.strictObject({ ok: z.literal(false), code: z.enum(['unsupported', 'notAllowed']) }),
]);
export type SetKioskModeResult = z.infer<typeof SetKioskModeResult>;

/** What staff can run on a device from the maintenance screen. */
export const DeviceTest = z.enum(['printReceipt', 'printPage', 'scan', 'readCard', 'readCode']);
export type DeviceTest = z.infer<typeof DeviceTest>;

export const MaintenanceDevice = z.strictObject({
  id: DeviceId,
  class: DeviceClass,
  state: DeviceState,
  /** Condition names (`paperOut`, `coverOpen` …), the same as in heartbeats; the screen says each with its fix. */
  conditions: z.array(z.string().max(40)).max(20),
  tests: z.array(DeviceTest),
});
export type MaintenanceDevice = z.infer<typeof MaintenanceDevice>;

export const MaintenanceOverview = z.strictObject({
  staff: Staff,
  devices: z.array(MaintenanceDevice).max(50),
  consumables: z.strictObject({
    receiptPaper: z.strictObject({
      /** Receipts printed since the roll was last marked restocked. */
      printedSinceRestock: z.number().int().nonnegative(),
      restockedAt: DateTime.nullable(),
      restockedBy: z.string().max(32).nullable(),
    }),
  }),
  queue: z.strictObject({
    /** Accepted and not yet acknowledged by the platform. */
    pending: z.number().int().nonnegative(),
    oldestPendingAgeSeconds: z.number().nonnegative().nullable(),
    needsAttention: z.number().int().nonnegative(),
    /** The newest needing attention: ids, item codes and reasons only. */
    attention: z.array(z.strictObject({ id: z.string().max(64), kind: z.string().max(32), itemCode: z.string().max(64), acceptedAt: DateTime, reason: z.string().max(500) })).max(20),
  }),
  platform: z.strictObject({
    connection: z.enum(['starting', 'online', 'backoff', 'offline', 'stopped']),
    lastSuccessAt: DateTime.nullable(),
    lastHeartbeatAt: DateTime.nullable(),
    lastError: z.strictObject({ at: DateTime, message: z.string().max(500) }).nullable(),
    catalogVersion: z.string().max(64).nullable(),
    /** The settings pushed by the platform in force (null: none yet), and why the last one offered was refused. */
    settings: z.strictObject({ version: z.number().int().positive().nullable(), lastError: z.string().max(500).nullable() }),
  }),
  app: z.strictObject({
    version: z.string().max(64),
    startedAt: DateTime,
    canRestart: z.boolean(),
    canReboot: z.boolean(),
    /** Whether the window is in kiosk mode now; null under the browser host (no window to change). */
    kioskMode: z.boolean().nullable(),
  }),
});
export type MaintenanceOverview = z.infer<typeof MaintenanceOverview>;

export const DeviceTestResult = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    code: CompletionCode,
    /** For staff: the driver's short message or what was read (a card type, a code's length); never personal data. */
    detail: z.string().max(500),
  }),
  NotInMaintenance,
]);
export type DeviceTestResult = z.infer<typeof DeviceTestResult>;

export const maintenanceCommands = {
  /** How the hidden entry works on this kiosk, and whether it is locked now. */
  'maintenance.getEntry': { input: z.strictObject({}), output: MaintenanceEntry },
  /** Checks a staff PIN; five wrong ones (configurable) lock the entry for 15 minutes, across restarts. */
  'maintenance.enter': { input: z.strictObject({ pin: z.string().regex(/^[0-9]{4,12}$/) }), output: EnterMaintenanceResult },
  'maintenance.overview': {
    input: z.strictObject(ref),
    output: z.discriminatedUnion('ok', [z.strictObject({ ok: z.literal(true), overview: MaintenanceOverview }), NotInMaintenance]),
  },
  /** The receipt roll was replaced: the counter starts again. */
  'maintenance.restock': { input: z.strictObject({ ...ref, consumable: z.literal('receiptPaper') }), output: Done },
  /** A test print, scan or read on one device; a read waits up to `timeoutSeconds` for a card or a code. */
  'maintenance.testDevice': {
    input: z.strictObject({ ...ref, deviceId: DeviceId, test: DeviceTest, timeoutSeconds: z.number().int().min(1).max(60).default(20) }),
    output: DeviceTestResult,
  },
  /** Deliver the queue and send a heartbeat now (still within the sync agent's backoff rules). */
  'maintenance.forceSync': { input: z.strictObject(ref), output: Done },
  /** Answers, then the app exits with the restart exit code for its supervisor to start it again. */
  'maintenance.restartApp': { input: z.strictObject(ref), output: z.union([z.strictObject({ ok: z.literal(true) }), NotInMaintenance, z.strictObject({ ok: z.literal(false), code: z.literal('unsupported') })]) },
  /** Runs the configured reboot hook. */
  'maintenance.reboot': {
    input: z.strictObject(ref),
    output: z.union([
      z.strictObject({ ok: z.literal(true) }),
      NotInMaintenance,
      z.strictObject({ ok: z.literal(false), code: z.enum(['unsupported', 'failed']), detail: z.string().max(500) }),
    ]),
  },
  /** Waits for a staff card on the ID card reader; `maintenance.cancelCardWait` ends the wait (the screen was left). */
  'maintenance.enterWithCard': { input: z.strictObject({ timeoutSeconds: z.number().int().min(1).max(120).default(60) }), output: EnterWithCardResult },
  /** Stops a running staff-card wait: it answers `cardNotRead` (`canceled`); `canceled: false` when none was running. */
  'maintenance.cancelCardWait': { input: z.strictObject({}), output: z.strictObject({ canceled: z.boolean() }) },
  /** Writes the redacted logs and a manifest to the mounted USB drive. */
  'maintenance.exportLogs': { input: z.strictObject(ref), output: ExportLogsResult },
  /** Takes the window out of kiosk mode (and fullscreen) for this session, or back; back by itself when the session ends. */
  'maintenance.setKioskMode': { input: z.strictObject({ ...ref, kioskMode: z.boolean() }), output: SetKioskModeResult },
  /** Back to the citizen screens; `left` is false when that maintenance session had already ended. */
  'maintenance.leave': { input: z.strictObject(ref), output: z.strictObject({ left: z.boolean() }) },
} as const;

/** Staff commands wait on a person (a card, a code) or a device (a print); a transport must wait this long. */
export const maintenanceSlowCommandTimeoutMs = {
  'maintenance.testDevice': 130_000,
  'maintenance.enter': 15_000,
  'maintenance.enterWithCard': 130_000,
  'maintenance.exportLogs': 60_000,
  'maintenance.reboot': 30_000,
} as const;
