// The updates put together as electron-main does: after the restart an install caused, the health verdict is
// reported through the core's sync client before the updater looks for anything else.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AppUpdater } from 'electron-updater';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KioskConfig } from '../../kiosk-config/schema';
import type { KioskApiServer } from '../api/kiosk-api-server';
import { type ShellUpdatesOptions, startShellUpdates } from './shell-updates';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'shell-updates-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const silent = { info: () => {}, warn: () => {}, error: () => {} };
const startedAt = 1_800_000_000_000;

function fakeUpdater() {
  return {
    autoDownload: true,
    autoInstallOnAppQuit: true,
    allowDowngrade: false,
    logger: null as unknown,
    feed: null as unknown,
    setFeedURL(options: unknown) {
      this.feed = options;
    },
    checkForUpdates: vi.fn(() => Promise.resolve(null)),
    downloadUpdate: vi.fn(() => Promise.resolve([])),
    quitAndInstall: vi.fn(),
  };
}

function setup(over: { packaged?: boolean; enabled?: boolean } = {}) {
  const updater = fakeUpdater();
  const timers: (() => void)[] = [];
  let heartbeat: number | null = null;
  const request = vi.fn((_name: string, _call: { body: unknown }) => Promise.resolve({ ok: true as const, value: { pinnedVersion: null } }));
  const options: ShellUpdatesOptions = {
    kiosk: {
      config: KioskConfig.parse({ terminal: { id: 'QD-0042' }, updates: { enabled: over.enabled ?? true, healthDeadlineSeconds: 60 } }),
      dataDir: dir,
      // The parts of the platform connection the updates use.
      platform: { platformUrl: 'http://127.0.0.1:9/', agent: { status: () => ({ lastHeartbeatAt: heartbeat }) }, online: { request } } as unknown as ShellUpdatesOptions['kiosk']['platform'],
      sessions: { size: 0, onCountChange: () => () => {} },
      logger: silent as unknown as ShellUpdatesOptions['kiosk']['logger'],
    },
    packaged: over.packaged ?? true,
    running: '1.3.0',
    userDataDir: path.join(dir, 'userData'),
    // The fake has what the setup and the loop touch; the real AppUpdater is exercised in test/updates.
    createUpdater: () => updater as unknown as AppUpdater,
    setInterval: ((fn: () => void) => {
      timers.push(fn);
      return { unref: () => {} } as unknown as ReturnType<typeof setInterval>;
    }) as unknown as typeof setInterval,
    now: () => startedAt + 5_000,
  };
  return { options, updater, timers, request, setHeartbeat: (at: number) => (heartbeat = at) };
}

const server: KioskApiServer = { invoke: vi.fn(() => Promise.resolve({ ok: true as const, output: {} })), publish: vi.fn(), subscribe: vi.fn(() => () => {}) };

describe('startShellUpdates', () => {
  it('is off for an unpackaged app and when the configuration says so', async () => {
    expect(await startShellUpdates(setup({ packaged: false }).options)).toBeNull();
    expect(await startShellUpdates(setup({ enabled: false }).options)).toBeNull();
  });

  it('sets electron-updater up for this terminal’s feed and looks for an update at once', async () => {
    const { options, updater } = setup();
    const updates = await startShellUpdates(options);
    expect(updater).toMatchObject({ autoDownload: false, autoInstallOnAppQuit: false, feed: { provider: 'generic', url: 'http://127.0.0.1:9/updates/latest/?terminal=QD-0042' } });
    expect(await readFile(path.join(dir, 'userData', '.updaterId'), 'utf8')).toMatch(/^[0-9a-f-]{36}$/);
    await vi.waitFor(() => expect(updater.checkForUpdates).toHaveBeenCalledOnce());
    updates?.stop();
  });

  it('after the restart: reports the new version healthy once its screen called and a heartbeat got through, then looks for updates again', async () => {
    await mkdir(path.join(dir, 'updates'));
    await writeFile(path.join(dir, 'updates', 'update-state.json'), JSON.stringify({ pending: { channel: 'latest', fromVersion: '1.2.0', toVersion: '1.3.0', startedAt }, pinnedVersion: null, failedVersions: [] }));
    const { options, updater, timers, request, setHeartbeat } = setup();
    const updates = await startShellUpdates(options);
    if (!updates) throw new Error('updates expected on');
    const tick = async () => {
      for (const timer of timers) timer();
      await updates.health.tick();
      await updates.updater.check();
    };
    await tick();
    expect(request).not.toHaveBeenCalled();
    // No other update while this one has no verdict.
    expect(updater.checkForUpdates).not.toHaveBeenCalled();

    await updates.observeScreen(server).invoke('system.getInfo', {});
    // A heartbeat from before this process started would not count.
    setHeartbeat(startedAt + 1_000);
    await tick();
    expect(request).not.toHaveBeenCalled();
    setHeartbeat(startedAt + 6_000);
    await tick();
    expect(request).toHaveBeenCalledWith('updateReport', { body: { channel: 'latest', fromVersion: '1.2.0', toVersion: '1.3.0', outcome: 'installed', detail: 'screen loaded, platform reached, outbox open' } });
    expect(JSON.parse(await readFile(path.join(dir, 'updates', 'update-state.json'), 'utf8'))).toMatchObject({ pending: null });
    expect(updater.checkForUpdates).toHaveBeenCalled();
    updates.stop();
  });
});
