import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Completion } from '../../contracts/device-model';
import { MaintenanceConfig } from '../../kiosk-config/maintenance-config';
import { type RunningIdCardReader, createIdCardReader } from '../../drivers/idcard/create-id-card-reader';
import { statusBecomes } from '../../drivers/idcard/test-support/simulated-line';
import { SimulationHub } from '../../drivers/simulation/simulator-control';
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

  async function open(configInput: object = {}, extra: Partial<MaintenanceServiceOptions> = {}) {
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
      pushedSettings: () => ({ version: 3, lastError: 'the settings signature does not verify' }),
      app: { version: '1.0.0', startedAt: new Date(now).toISOString() },
      hooks: { restartApp: () => void restarts++ },
      logDir: path.join(dir, 'logs'),
      logger: quietLogger,
      now: () => now,
      pinCost: cheap,
      ...extra,
    };
    return { service: await MaintenanceService.open(options), audit };
  }

  it('lets staff in with their PIN and audits who did what', async () => {
    const { service, audit } = await open();
    expect(service.entry()).toEqual({ gesture: { corner: 'topRight', taps: 5, withinSeconds: 3, sizePx: 64 }, configured: true, cardsAccepted: false, lockedUntil: null });
    const entered = await service.enter('135790');
    if (!entered.ok) throw new Error('not entered');
    expect(entered.staff).toEqual({ id: 'S-07', name: '王工', canLeaveKioskMode: false });
    const overview = await service.overview(entered.maintenanceId);
    if (!overview.ok) throw new Error('no overview');
    expect(overview.overview.devices[0]).toMatchObject({ id: 'receipt-1', conditions: ['paperOut'], tests: ['printReceipt'] });
    expect(overview.overview.queue).toMatchObject({ pending: 2, oldestPendingAgeSeconds: 90, needsAttention: 1 });
    // A refused settings push stays visible to staff with its reason, beside the settings still in force.
    expect(overview.overview.platform.settings).toEqual({ version: 3, lastError: 'the settings signature does not verify' });
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

  describe('staff card on the ID card reader (the real driver against the simulator)', () => {
    let reader: RunningIdCardReader;
    let hub: SimulationHub;
    beforeEach(async () => {
      hub = new SimulationHub();
      reader = await createIdCardReader({ kind: 'simulated' }, { id: 'idcard-1', hub, pollIntervalMs: 20, simulatorTransport: 'memory' });
    });
    afterEach(() => reader.close());

    async function openWithCard() {
      // The simulator's 蓝𠮷䶮 card is the staff card; 张三's is a citizen's.
      const staff = [{ id: 'S-09', name: '李工', cardHash: await hashPin('330106195603150845', cheap) }];
      return open({ staff }, { devices: { idCardReader: reader.device } as MaintenanceServiceOptions['devices'] });
    }
    const present = (card: 'resident' | 'residentRareName') => hub.run('idcard-1', 'present', { card });

    it('lets staff in with their card; a citizen card counts toward the lockout; nothing of the card is audited', async () => {
      const { service, audit } = await openWithCard();
      const citizen = service.enterWithCard(10);
      await present('resident');
      expect(await citizen).toEqual({ ok: false, code: 'notStaffCard', attemptsLeft: 4 });
      const staffCard = service.enterWithCard(10);
      await present('residentRareName');
      expect(await staffCard).toMatchObject({ ok: true, staff: { id: 'S-09', name: '李工', canLeaveKioskMode: false } });
      expect(audit.unreported(100).map((e) => [e.staffId, e.action, e.detail])).toEqual([
        [null, 'enterFailed', 'not a staff card'],
        ['S-09', 'enter', undefined],
      ]);
      expect(JSON.stringify(audit.unreported(100))).not.toMatch(/330106|11010519|张三|蓝/);
    });

    it('stops the wait when the entry screen is left: canceled, not a failed attempt', async () => {
      const { service, audit } = await openWithCard();
      const waiting = service.enterWithCard(60);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(service.cancelCardWait()).toEqual({ canceled: true });
      expect(await waiting).toEqual({ ok: false, code: 'cardNotRead', reason: 'canceled' });
      expect(service.cancelCardWait()).toEqual({ canceled: false });
      expect(service.entry().lockedUntil).toBeNull();
      expect(audit.unreported(100)).toEqual([]);
    });

    it('refuses cards while locked, without reading them', async () => {
      const { service } = await openWithCard();
      for (let i = 0; i < 5; i++) {
        const attempt = service.enterWithCard(10);
        await present('resident');
        await attempt;
        await hub.run('idcard-1', 'remove', undefined);
      }
      expect(service.entry().lockedUntil).not.toBeNull();
      await statusBecomes(reader.device, (status) => status.idCardReader.media === 'notPresent');
      await present('residentRareName');
      await expect.poll(() => reader.device.cardPresence).toBe('unread');
      expect(await service.enterWithCard(10)).toMatchObject({ ok: false, code: 'locked' });
      // The staff card still lies there unread: the locked entry did not touch it.
      expect(reader.device.cardPresence).toBe('unread');
    });
  });

  describe('kiosk mode for maintenance', () => {
    function fakeWindow() {
      const window = { kioskMode: true, setKioskMode: (on: boolean) => void (window.kioskMode = on) };
      return window;
    }

    it('is left only by staff allowed to, and comes back by itself when the session expires', async () => {
      const window = fakeWindow();
      const staff = [
        { id: 'S-07', pinHash: await hashPin('135790', cheap) },
        { id: 'S-01', pinHash: await hashPin('864200', cheap), canLeaveKioskMode: true },
      ];
      const { service, audit } = await open({ staff, idleMinutes: 10 }, { windowMode: window });
      const junior = await service.enter('135790');
      if (!junior.ok) throw new Error('not entered');
      expect(await service.setKioskMode(junior.maintenanceId, false)).toEqual({ ok: false, code: 'notAllowed' });
      expect(window.kioskMode).toBe(true);

      const senior = await service.enter('864200');
      if (!senior.ok) throw new Error('not entered');
      expect(await service.setKioskMode(senior.maintenanceId, false)).toEqual({ ok: true, kioskMode: false });
      const overview = await service.overview(senior.maintenanceId);
      expect(overview.ok && overview.overview.app.kioskMode).toBe(false);
      now += 11 * 60_000;
      expect(await service.overview(senior.maintenanceId)).toEqual({ ok: false, code: 'notInMaintenance' });
      expect(window.kioskMode).toBe(true);
      expect(audit.unreported(100).filter((e) => e.action === 'kioskMode').map((e) => [e.staffId, e.detail])).toEqual([
        ['S-01', 'left kiosk mode'],
        ['S-01', 'back to kiosk mode: session expired'],
      ]);
    });

    it('comes back when staff leave, and is unsupported without a window (browser host)', async () => {
      const window = fakeWindow();
      const { service } = await open({ demoPin: '246810' }, { windowMode: window });
      const entered = await service.enter('246810');
      if (!entered.ok) throw new Error('not entered');
      await service.setKioskMode(entered.maintenanceId, false);
      await service.leave(entered.maintenanceId);
      expect(window.kioskMode).toBe(true);

      const browser = (await open({ demoPin: '246810' })).service;
      const again = await browser.enter('246810');
      if (!again.ok) throw new Error('not entered');
      expect(await browser.setKioskMode(again.maintenanceId, false)).toEqual({ ok: false, code: 'unsupported' });
      const overview = await browser.overview(again.maintenanceId);
      expect(overview.ok && overview.overview.app.kioskMode).toBeNull();
    });
  });
});
