// Maintenance mode on the Node side: the PIN check with its lockout, the staff session every staff command names,
// and the commands themselves (overview, restock, device tests, force sync, restart, reboot). Every staff action is
// written to the audit log before it is answered; heartbeats carry the log to the platform (staff-audit-log.ts).
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { DeviceClass } from '../../contracts/device-model';
import type {
  DeviceTest,
  DeviceTestResult,
  EnterMaintenanceResult,
  EnterWithCardResult,
  ExportLogsResult,
  MaintenanceEntry,
  MaintenanceOverview,
  SetKioskModeResult,
} from '../../contracts/maintenance-api';
import type { DeviceSummary } from '../../contracts/sync-api';
import type { StaffActionKind } from '../../contracts/staff-audit';
import type { MaintenanceConfig } from '../../kiosk-config/maintenance-config';
import type { SystemHooks } from '../commands/command-handlers';
import type { ServiceLogger } from '../services/service-logger';
import type { OutboxStats, TransactionRecord } from '../outbox/outbox-types';
import type { SyncStatus } from '../sync/sync-status';
import { Consumables } from './consumables';
import { type DeviceTestOptions, runDeviceTest, testsByClass } from './device-tests';
import { EntryLockout } from './entry-lockout';
import type { ScryptCost } from './pin-hash';
import type { StaffAuditLog } from './staff-audit-log';
import { StaffCardWait } from './staff-card-wait';
import { StaffDirectory, type StaffMember } from './staff-directory';
import { exportLogsToUsb, exportSummary } from './usb-log-export';
import type { WindowModeHook } from './window-mode';

export interface MaintenanceServiceOptions {
  config: MaintenanceConfig;
  /** `<dataDir>/maintenance`: lockout, consumables, the test scan's scratch folder (files 0600). */
  dir: string;
  /** Opened first, as the sync agent reports it (`StaffAuditLog.open(dir)`). */
  audit: StaffAuditLog;
  deviceSummaries: () => DeviceSummary[];
  devices: DeviceTestOptions['devices'];
  terminal: { id: string; name: string };
  font: DeviceTestOptions['font'];
  outbox: { stats(): OutboxStats; list(options: { state: 'needsAttention'; limit: number }): TransactionRecord[] };
  sync: { status(): SyncStatus; syncNow(): void; heartbeatNow(): void };
  /** The pushed settings' state (main/settings), for staff to see a refused push. */
  pushedSettings: () => { version: number | null; lastError: string | null };
  app: { version: string; startedAt: string };
  /** The shell's restart and the image's reboot hook, shared with remote commands (main/commands). */
  hooks: SystemHooks;
  /** `<dataDir>/logs`: what staff export to a USB drive. */
  logDir: string;
  /** The Electron shell's window (kiosk mode on and off); absent under the browser host. */
  windowMode?: WindowModeHook;
  logger: ServiceLogger;
  now?: () => number;
  /** Tests lower the scrypt cost of the demo PIN. */
  pinCost?: ScryptCost;
}

interface StaffSession {
  id: string;
  staff: StaffMember;
  lastActionAt: number;
}

export class MaintenanceService {
  readonly #options: MaintenanceServiceOptions;
  readonly #now: () => number;
  readonly #staff: StaffDirectory;
  readonly #lockout: EntryLockout;
  readonly #audit: StaffAuditLog;
  readonly #consumables: Consumables;
  readonly #cardWait: StaffCardWait;
  /** While the window is out of kiosk mode: checks for the session's expiry even if the screen stopped asking. */
  #expiryWatch: ReturnType<typeof setInterval> | undefined;
  /** One staff member at a time: entering again replaces the session. */
  #session: StaffSession | undefined;

  private constructor(options: MaintenanceServiceOptions, parts: { staff: StaffDirectory; lockout: EntryLockout; audit: StaffAuditLog; consumables: Consumables }) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#staff = parts.staff;
    this.#lockout = parts.lockout;
    this.#audit = parts.audit;
    this.#consumables = parts.consumables;
    this.#cardWait = new StaffCardWait(options.devices.idCardReader);
  }

  static async open(options: MaintenanceServiceOptions): Promise<MaintenanceService> {
    const { dir, config, logger } = options;
    const now = options.now ?? Date.now;
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const staff = await StaffDirectory.from(config, options.pinCost);
    const lockout = await EntryLockout.open(path.join(dir, 'lockout.json'), config.lockout, now(), () =>
      logger.error({}, 'maintenance lockout file is damaged: the entry is locked as after too many wrong PINs'),
    );
    const consumables = await Consumables.open(path.join(dir, 'consumables.json'), (error) => logger.error({ err: error }, 'consumable counters could not be stored'));
    return new MaintenanceService(options, { staff, lockout, audit: options.audit, consumables });
  }

  /** What heartbeats report (the sync agent reads and confirms it). */
  get audit(): StaffAuditLog {
    return this.#audit;
  }

  /** Counts receipts for the paper counter: call after each successful print. */
  receiptPrinted(): void {
    this.#consumables.receiptPrinted();
  }

  entry(): MaintenanceEntry {
    const check = this.#lockout.check(this.#now());
    return {
      gesture: this.#options.config.gesture,
      configured: this.#staff.configured,
      cardsAccepted: this.#staff.cardsConfigured,
      lockedUntil: check.locked ? new Date(check.until).toISOString() : null,
    };
  }

  async enter(pin: string): Promise<EnterMaintenanceResult> {
    const admitted = await this.#admit(() => this.#staff.identify(pin), 'wrong PIN');
    if (!admitted.ok && admitted.code === 'notStaff') return { ...admitted, code: 'wrongPin' };
    return admitted;
  }

  /** A staff card instead of the PIN: a card that is not a staff card counts as a wrong PIN toward the lockout. */
  async enterWithCard(timeoutSeconds: number): Promise<EnterWithCardResult> {
    if (!this.#staff.configured) return { ok: false, code: 'notConfigured' };
    // Locked: no card is even read (#admit answers `locked` without identifying), as no PIN is checked.
    let identify = (): Promise<StaffMember | undefined> => Promise.resolve(undefined);
    if (!this.#lockout.check(this.#now()).locked) {
      const card = await this.#cardWait.read(timeoutSeconds * 1000);
      if (!card.ok) return { ok: false, code: 'cardNotRead', reason: card.reason };
      identify = () => this.#staff.identifyCard(card.cardNumber);
    }
    const admitted = await this.#admit(identify, 'not a staff card');
    if (!admitted.ok && admitted.code === 'notStaff') return { ...admitted, code: 'notStaffCard' };
    return admitted;
  }

  cancelCardWait(): { canceled: boolean } {
    return { canceled: this.#cardWait.cancel() };
  }

  /**
   * The lockout, the check and the session, alike for PINs and cards (their failures count together); `notStaff` is
   * the caller's wrongPin or notStaffCard, `failure` what the audit says of one.
   */
  async #admit(
    identify: () => Promise<StaffMember | undefined>,
    failure: 'wrong PIN' | 'not a staff card',
  ): Promise<
    | { ok: true; maintenanceId: string; staff: StaffMember }
    | { ok: false; code: 'notStaff'; attemptsLeft: number }
    | { ok: false; code: 'locked'; lockedUntil: string }
    | { ok: false; code: 'notConfigured' }
  > {
    if (!this.#staff.configured) return { ok: false, code: 'notConfigured' };
    const before = this.#lockout.check(this.#now());
    if (before.locked) {
      // Not even checked while locked, so guessing on does not learn anything.
      await this.#record(null, 'enterFailed', 'while locked');
      return { ok: false, code: 'locked', lockedUntil: new Date(before.until).toISOString() };
    }
    const staff = await identify();
    const now = this.#now();
    if (!staff) {
      const after = await this.#lockout.failed(now);
      if (after.locked) {
        await this.#record(null, 'lockedOut', `${this.#options.config.lockout.maxFailures} failed attempts, the last: ${failure}`);
        this.#options.logger.warn({}, 'maintenance entry locked after failed attempts');
        return { ok: false, code: 'locked', lockedUntil: new Date(after.until).toISOString() };
      }
      await this.#record(null, 'enterFailed', failure);
      return { ok: false, code: 'notStaff', attemptsLeft: after.attemptsLeft };
    }
    await this.#lockout.succeeded();
    if (this.#session) await this.#endSession(this.#session, 'leave', 'replaced by a new entry');
    this.#session = { id: randomUUID(), staff, lastActionAt: now };
    await this.#record(staff.id, 'enter');
    return { ok: true, maintenanceId: this.#session.id, staff };
  }

  async leave(maintenanceId: string): Promise<{ left: boolean }> {
    const session = await this.#current(maintenanceId);
    if (!session) return { left: false };
    await this.#endSession(session, 'leave');
    return { left: true };
  }

  async overview(maintenanceId: string): Promise<{ ok: true; overview: MaintenanceOverview } | { ok: false; code: 'notInMaintenance' }> {
    const session = await this.#current(maintenanceId, false);
    if (!session) return notInMaintenance;
    const stats = this.#options.outbox.stats();
    const sync = this.#options.sync.status();
    const pushed = this.#options.pushedSettings();
    const paper = this.#consumables.state.receiptPaper;
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return {
      ok: true,
      overview: {
        staff: session.staff,
        devices: this.#options.deviceSummaries().map((d) => ({
          id: d.id,
          class: d.class,
          state: d.state,
          conditions: d.conditions ?? [],
          tests: testsByClass[d.class as DeviceClass],
        })),
        consumables: { receiptPaper: { printedSinceRestock: paper.printedSinceRestock, restockedAt: iso(paper.restockedAt), restockedBy: paper.restockedBy } },
        queue: {
          pending: stats.depth,
          oldestPendingAgeSeconds: stats.oldestPendingAgeMs === null ? null : Math.round(stats.oldestPendingAgeMs / 1000),
          needsAttention: stats.byState.needsAttention,
          attention: this.#options.outbox.list({ state: 'needsAttention', limit: 20 }).map((t) => ({
            id: t.id,
            kind: t.kind,
            itemCode: t.itemCode,
            acceptedAt: new Date(t.acceptedAt).toISOString(),
            reason: (t.attention?.reason ?? t.lastError ?? 'unknown').slice(0, 500),
          })),
        },
        platform: {
          connection: sync.connection,
          lastSuccessAt: iso(sync.lastSuccessAt),
          lastHeartbeatAt: iso(sync.lastHeartbeatAt),
          lastError: sync.lastError && { at: new Date(sync.lastError.at).toISOString(), message: sync.lastError.message.slice(0, 500) },
          catalogVersion: sync.catalog?.version ?? null,
          settings: { version: pushed.version, lastError: pushed.lastError?.slice(0, 500) ?? null },
        },
        app: {
          ...this.#options.app,
          canRestart: this.#options.hooks.restartApp !== undefined,
          canReboot: this.#options.hooks.reboot !== undefined,
          kioskMode: this.#options.windowMode?.kioskMode ?? null,
        },
      },
    };
  }

  async restock(maintenanceId: string): Promise<{ ok: true } | { ok: false; code: 'notInMaintenance' }> {
    const session = await this.#current(maintenanceId);
    if (!session) return notInMaintenance;
    const before = this.#consumables.state.receiptPaper.printedSinceRestock;
    await this.#consumables.restocked(session.staff.id, this.#now());
    await this.#record(session.staff.id, 'restock', `receipt paper, ${before} receipts on the old roll`);
    return { ok: true };
  }

  async testDevice(maintenanceId: string, deviceId: string, test: DeviceTest, timeoutSeconds: number): Promise<DeviceTestResult> {
    const session = await this.#current(maintenanceId);
    if (!session) return notInMaintenance;
    const device = Object.values(this.#options.devices).find((d) => d.id === deviceId);
    const outcome =
      device && testsByClass[device.deviceClass].includes(test)
        ? await runDeviceTest(test, timeoutSeconds, {
            devices: this.#options.devices,
            terminal: this.#options.terminal,
            font: this.#options.font,
            scratchDir: this.#options.dir,
            now: this.#now,
          })
        : { code: 'unsupported' as const, detail: `${deviceId} has no test ${test}` };
    await this.#record(session.staff.id, 'testDevice', `${deviceId} ${test}: ${outcome.code}`);
    // The test took a while; it counts as the staff member's activity.
    session.lastActionAt = this.#now();
    return { ok: true, ...outcome, detail: outcome.detail.slice(0, 500) };
  }

  async forceSync(maintenanceId: string): Promise<{ ok: true } | { ok: false; code: 'notInMaintenance' }> {
    const session = await this.#current(maintenanceId);
    if (!session) return notInMaintenance;
    await this.#record(session.staff.id, 'forceSync');
    this.#options.sync.syncNow();
    this.#options.sync.heartbeatNow();
    return { ok: true };
  }

  async restartApp(maintenanceId: string): Promise<{ ok: true } | { ok: false; code: 'notInMaintenance' | 'unsupported' }> {
    const session = await this.#current(maintenanceId);
    if (!session) return notInMaintenance;
    const restart = this.#options.hooks.restartApp;
    if (!restart) return { ok: false, code: 'unsupported' };
    await this.#endSession(session, 'restartApp');
    // After this answer has left: the shell closes the kiosk in order and its supervisor starts it again.
    setTimeout(() => void restart(), 200);
    return { ok: true };
  }

  async reboot(maintenanceId: string): Promise<{ ok: true } | { ok: false; code: 'notInMaintenance' } | { ok: false; code: 'unsupported' | 'failed'; detail: string }> {
    const session = await this.#current(maintenanceId);
    if (!session) return notInMaintenance;
    const reboot = this.#options.hooks.reboot;
    if (!reboot) return { ok: false, code: 'unsupported', detail: 'no maintenance.rebootCommand configured' };
    await this.#record(session.staff.id, 'reboot');
    const done = await reboot();
    if (!done.ok) {
      this.#options.logger.error({ reason: done.detail }, 'reboot hook failed');
      await this.#record(session.staff.id, 'reboot', `hook failed: ${done.detail}`);
      return { ok: false, code: 'failed', detail: done.detail.slice(0, 500) };
    }
    return { ok: true };
  }

  async exportLogs(maintenanceId: string): Promise<ExportLogsResult> {
    const session = await this.#current(maintenanceId);
    if (!session) return notInMaintenance;
    const result = await exportLogsToUsb({
      logDir: this.#options.logDir,
      mountRoots: this.#options.config.usbMountRoots,
      terminalId: this.#options.terminal.id,
      versions: { app: this.#options.app.version, node: process.versions.node },
      now: new Date(this.#now()),
    });
    await this.#record(session.staff.id, 'exportLogs', exportSummary(result));
    if (!result.ok && result.code !== 'noDrive') this.#options.logger.warn({ code: result.code }, 'log export to a USB drive failed');
    return result.ok ? result : { ...result, detail: result.detail.slice(0, 500) };
  }

  /** Out of kiosk mode for staff allowed to (`canLeaveKioskMode`); back in for anyone. */
  async setKioskMode(maintenanceId: string, kioskMode: boolean): Promise<SetKioskModeResult> {
    const session = await this.#current(maintenanceId);
    if (!session) return notInMaintenance;
    const window = this.#options.windowMode;
    if (!window) return { ok: false, code: 'unsupported' };
    if (!kioskMode && !session.staff.canLeaveKioskMode) return { ok: false, code: 'notAllowed' };
    window.setKioskMode(kioskMode);
    await this.#record(session.staff.id, 'kioskMode', kioskMode ? 'back to kiosk mode' : 'left kiosk mode');
    this.#watchExpiry(!kioskMode);
    return { ok: true, kioskMode };
  }

  async close(): Promise<void> {
    this.#cardWait.cancel();
    this.#watchExpiry(false);
    await this.#audit.settled();
    await this.#consumables.settled();
  }

  /**
   * The session named, if it is the current one and has not been left alone too long. A staff action touches it; the
   * screen's periodic overview does not, so a screen left open still ends maintenance mode.
   */
  async #current(maintenanceId: string, touch = true): Promise<StaffSession | undefined> {
    const session = this.#session;
    if (!session || session.id !== maintenanceId) return undefined;
    const now = this.#now();
    if (now - session.lastActionAt > this.#options.config.idleMinutes * 60_000) {
      await this.#endSession(session, 'expired');
      return undefined;
    }
    if (touch) session.lastActionAt = now;
    return session;
  }

  /** However a session ends, the window goes back to kiosk mode: no desktop is left open behind a closed session. */
  async #endSession(session: StaffSession, action: 'leave' | 'expired' | 'restartApp', detail?: string): Promise<void> {
    if (this.#session === session) this.#session = undefined;
    await this.#record(session.staff.id, action, detail);
    const window = this.#options.windowMode;
    if (window && !window.kioskMode) {
      window.setKioskMode(true);
      await this.#record(session.staff.id, 'kioskMode', `back to kiosk mode: session ${action === 'leave' ? 'left' : action === 'expired' ? 'expired' : 'ended'}`);
    }
    this.#watchExpiry(false);
  }

  #watchExpiry(on: boolean): void {
    clearInterval(this.#expiryWatch);
    this.#expiryWatch = undefined;
    if (!on) return;
    const id = this.#session?.id;
    if (id === undefined) return;
    this.#expiryWatch = setInterval(() => void this.#current(id, false), 15_000);
    this.#expiryWatch.unref();
  }

  async #record(staffId: string | null, action: StaffActionKind, detail?: string): Promise<void> {
    await this.#audit.record({ at: this.#now(), staffId, action, ...(detail === undefined ? {} : { detail }) });
  }
}

const notInMaintenance = { ok: false, code: 'notInMaintenance' } as const;
