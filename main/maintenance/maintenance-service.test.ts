import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Completion } from '../../contracts/device-model';
import { MaintenanceConfig } from '../../kiosk-config/maintenance-config';
import { countPrints } from './consumables';
import { MaintenanceService, type MaintenanceServiceOptions } from './maintenance-service';
import { hashPin } from './pin-hash';
import { StaffAuditLog } from './staff-audit-log';

const cheap = { log2N: 10, r: 8, p: 1 };
const quietLogger = { info() {}, warn() {}, error() {} };

describe('maintenance mode on the Node side', () => {
  let dir: string;
  let now: number;
  let restarts: number;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'maintenance-'));
    now = Date.parse('2026-03-02T08:00:00Z');
    restarts = 0;
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  async function open(configInput: object = {}) {
    const config = MaintenanceConfig.parse({ staff: [{ id: 'S-07', name: '王工', pinHash: await hashPin('135790', cheap) }], ...configInput });
    const audit = await StaffAuditLog.open(dir, (e) => expect.fail(String(e)));
    const options: MaintenanceServiceOptions = {
      config,
      dir,
      audit,
      deviceSummaries: () => [{ id: 'receipt-1', class: 'receiptPrinter', state: 'online', conditions: ['paperOut'] }],
      // The device tests themselves run against real simulators end to end (test/e2e/maintenance.test.ts).
      devices: {} as MaintenanceServiceOptions['devices'],
      terminal: { id: 'T-1', name: 'test' },
      font: undefined,
      outbox: {
        stats: () => ({ byState: { accepted: 2, sending: 0, acknowledged: 0, purged: 0, needsAttention: 1 }, depth: 2, oldestPendingAcceptedAt: now - 90_000, oldestPendingAgeMs: 90_000 }),
        list: () => [],
      },
      sync: {
        status: () => ({ connection: 'online', breaker: 'closed', consecutiveFailures: 0, nextAttemptAt: null, lastSuccessAt: now, lastError: null, clockOffsetMs: 0, acknowledged: 0, rejected: 0, uploadsPending: 0, lastHeartbeatAt: now, catalog: null, queue: { depth: 2, oldestPendingAgeMs: 90_000, needsAttention: 1 } }),
        syncNow: () => {},
        heartbeatNow: () => {},
      },
      app: { version: '1.0.0', startedAt: new Date(now).toISOString() },
      hooks: { restartApp: () => void restarts++ },
      logger: quietLogger,
      now: () => now,
      pinCost: cheap,
    };
    return { service: await MaintenanceService.open(options), audit };
  }

  it('lets staff in with their PIN and audits who did what', async () => {
    const { service, audit } = await open();
    expect(service.entry()).toEqual({ gesture: { corner: 'topRight', taps: 5, withinSeconds: 3, sizePx: 64 }, configured: true, lockedUntil: null });
    const entered = await service.enter('135790');
    if (!entered.ok) throw new Error('not entered');
    expect(entered.staff).toEqual({ id: 'S-07', name: '王工' });
    const overview = await service.overview(entered.maintenanceId);
    if (!overview.ok) throw new Error('no overview');
    expect(overview.overview.devices[0]).toMatchObject({ id: 'receipt-1', conditions: ['paperOut'], tests: ['printReceipt'] });
    expect(overview.overview.queue).toMatchObject({ pending: 2, oldestPendingAgeSeconds: 90, needsAttention: 1 });
    expect(await service.leave(entered.maintenanceId)).toEqual({ left: true });
    expect(await service.overview(entered.maintenanceId)).toEqual({ ok: false, code: 'notInMaintenance' });
    expect(audit.unreported(100).map((e) => [e.staffId, e.action])).toEqual([
      ['S-07', 'enter'],
      ['S-07', 'leave'],
    ]);
  });

  it('locks the entry after five wrong PINs, even for the right one, and says until when', async () => {
    const { service, audit } = await open();
    for (const left of [4, 3, 2, 1]) expect(await service.enter('000000')).toEqual({ ok: false, code: 'wrongPin', attemptsLeft: left });
    const until = new Date(now + 15 * 60_000).toISOString();
    expect(await service.enter('000000')).toEqual({ ok: false, code: 'locked', lockedUntil: until });
    expect(await service.enter('135790')).toEqual({ ok: false, code: 'locked', lockedUntil: until });
    expect(service.entry().lockedUntil).toBe(until);
    expect(audit.unreported(100).map((e) => e.action)).toEqual(['enterFailed', 'enterFailed', 'enterFailed', 'enterFailed', 'lockedOut', 'enterFailed']);
    expect(audit.unreported(100).every((e) => e.staffId === null)).toBe(true);

    // A restart does not lift it; the time does.
    const reopened = (await open()).service;
    expect(reopened.entry().lockedUntil).toBe(until);
    now += 15 * 60_000;
    expect((await reopened.enter('135790')).ok).toBe(true);
  });

  it('cannot be entered without staff, and the demo PIN works only where configured', async () => {
    expect(await (await open({ staff: [] })).service.enter('135790')).toEqual({ ok: false, code: 'notConfigured' });
    const demo = (await open({ staff: [], demoPin: '246810' })).service;
    expect(await demo.enter('246810')).toMatchObject({ ok: true, staff: { id: 'demo' } });
  });

  it('ends a maintenance session left alone, but not one the staff is using', async () => {
    const { service, audit } = await open({ idleMinutes: 10 });
    const entered = await service.enter('135790');
    if (!entered.ok) throw new Error('not entered');
    now += 9 * 60_000;
    expect((await service.forceSync(entered.maintenanceId)).ok).toBe(true);
    now += 9 * 60_000;
    // Only looking (the screen's refresh) does not keep it open.
    expect((await service.overview(entered.maintenanceId)).ok).toBe(true);
    now += 2 * 60_000;
    expect(await service.overview(entered.maintenanceId)).toEqual({ ok: false, code: 'notInMaintenance' });
    expect(audit.unreported(100).map((e) => e.action)).toEqual(['enter', 'forceSync', 'expired']);
  });

  it('counts receipts and restarts the count when staff mark the roll restocked', async () => {
    const { service, audit } = await open();
    const printer = countPrints(
      { print: (ok: boolean): Promise<Completion<null>> => Promise.resolve(ok ? { code: 'success', value: null } : { code: 'deviceNotReady', message: 'paper out' }) },
      () => service.receiptPrinted(),
    );
    await printer.print(true);
    await printer.print(false);
    await printer.print(true);
    const entered = await service.enter('135790');
    if (!entered.ok) throw new Error('not entered');
    const before = await service.overview(entered.maintenanceId);
    expect(before.ok && before.overview.consumables.receiptPaper).toEqual({ printedSinceRestock: 2, restockedAt: null, restockedBy: null });
    expect(await service.restock(entered.maintenanceId)).toEqual({ ok: true });
    // Kept across a restart.
    const reopened = (await open()).service;
    const again = await reopened.enter('135790');
    if (!again.ok) throw new Error('not entered');
    const reread = await reopened.overview(again.maintenanceId);
    expect(reread.ok && reread.overview.consumables.receiptPaper).toEqual({ printedSinceRestock: 0, restockedAt: new Date(now).toISOString(), restockedBy: 'S-07' });
    expect(audit.unreported(100).find((e) => e.action === 'restock')?.detail).toBe('receipt paper, 2 receipts on the old roll');
  });

  it('restarts through the shell hook after answering', async () => {
    const { service } = await open();
    const entered = await service.enter('135790');
    if (!entered.ok) throw new Error('not entered');
    expect(await service.restartApp(entered.maintenanceId)).toEqual({ ok: true });
    expect(restarts).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(restarts).toBe(1);
    expect(await service.reboot(entered.maintenanceId)).toEqual({ ok: false, code: 'notInMaintenance' });
  });
});
