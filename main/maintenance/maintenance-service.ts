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
  MaintenanceEntry,
  MaintenanceOverview,
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
import { StaffDirectory, type StaffMember } from './staff-directory';

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
  app: { version: string; startedAt: string };
  /** The shell's restart and the image's reboot hook, shared with remote commands (main/commands). */
  hooks: SystemHooks;
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
  /** One staff member at a time: entering again replaces the session. */
  #session: StaffSession | undefined;

  private constructor(options: MaintenanceServiceOptions, parts: { staff: StaffDirectory; lockout: EntryLockout; audit: StaffAuditLog; consumables: Consumables }) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#staff = parts.staff;
    this.#lockout = parts.lockout;
    this.#audit = parts.audit;
    this.#consumables = parts.consumables;
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
      lockedUntil: check.locked ? new Date(check.until).toISOString() : null,
    };
  }

  async enter(pin: string): Promise<EnterMaintenanceResult> {
    if (!this.#staff.configured) return { ok: false, code: 'notConfigured' };
    const before = this.#lockout.check(this.#now());
    if (before.locked) {
      // Not even checked while locked, so guessing on does not learn anything.
      await this.#record(null, 'enterFailed', 'while locked');
      return { ok: false, code: 'locked', lockedUntil: new Date(before.until).toISOString() };
    }
    const staff = await this.#staff.identify(pin);
    const now = this.#now();
    if (!staff) {
      const after = await this.#lockout.failed(now);
      if (after.locked) {
        await this.#record(null, 'lockedOut', `${this.#options.config.lockout.maxFailures} wrong PINs`);
        this.#options.logger.warn({}, 'maintenance entry locked after wrong PINs');
        return { ok: false, code: 'locked', lockedUntil: new Date(after.until).toISOString() };
      }
      await this.#record(null, 'enterFailed');
      return { ok: false, code: 'wrongPin', attemptsLeft: after.attemptsLeft };
    }
    await this.#lockout.succeeded();
    if (this.#session) await this.#record(this.#session.staff.id, 'leave', 'replaced by a new entry');
    this.#session = { id: randomUUID(), staff, lastActionAt: now };
    await this.#record(staff.id, 'enter');
    return { ok: true, maintenanceId: this.#session.id, staff };
  }

  async leave(maintenanceId: string): Promise<{ left: boolean }> {
    const session = await this.#current(maintenanceId);
    if (!session) return { left: false };
    this.#session = undefined;
    await this.#record(session.staff.id, 'leave');
    return { left: true };
  }

  async overview(maintenanceId: string): Promise<{ ok: true; overview: MaintenanceOverview } | { ok: false; code: 'notInMaintenance' }> {
    const session = await this.#current(maintenanceId, false);
    if (!session) return notInMaintenance;
    const stats = this.#options.outbox.stats();
    const sync = this.#options.sync.status();
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
        },
        app: { ...this.#options.app, canRestart: this.#options.hooks.restartApp !== undefined, canReboot: this.#options.hooks.reboot !== undefined },
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
    await this.#record(session.staff.id, 'restartApp');
    this.#session = undefined;
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

  async close(): Promise<void> {
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
      this.#session = undefined;
      await this.#record(session.staff.id, 'expired');
      return undefined;
    }
    if (touch) session.lastActionAt = now;
    return session;
  }

  async #record(staffId: string | null, action: StaffActionKind, detail?: string): Promise<void> {
    await this.#audit.record({ at: this.#now(), staffId, action, ...(detail === undefined ? {} : { detail }) });
  }
}

const notInMaintenance = { ok: false, code: 'notInMaintenance' } as const;
