import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannels } from '../../contracts/kiosk-api';
import { stubCitizenHandlers, stubRemoteScreenHandlers } from '../../test/contract/kiosk-api-contract-suite';
import { type KioskApiServer, createKioskApiServer } from '../api/kiosk-api-server';
import { fakeElectron, fakeEvent } from '../../test/fakes/electron';
import { type ElectronShellOptions, prepareElectronShell, startElectronShell } from './start-electron-shell';
import { fallbackPageUrl } from './renderer-recovery';

let rendererDir: string;

beforeAll(async () => {
  rendererDir = await mkdtemp(path.join(tmpdir(), 'shell-renderer-'));
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
});

afterAll(async () => {
  await rm(rendererDir, { recursive: true, force: true });
});

function testServer(): KioskApiServer {
  return createKioskApiServer({
    logger: { warn: () => {}, error: () => {} },
    handlers: {
      'system.getInfo': () => {
        throw new Error('not used');
      },
      'system.ping': ({ nonce }) => ({ nonce, receivedAt: new Date(0).toISOString() }),
      'ui.getSettings': () => {
        throw new Error('not used');
      },
      ...stubCitizenHandlers,
      ...stubRemoteScreenHandlers,
    },
  });
}

const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

async function start(overrides: Partial<ElectronShellOptions> = {}) {
  const prepared = prepareElectronShell();
  if (!prepared) throw new Error('expected the lock');
  const starting = startElectronShell({
    prepared,
    server: testServer(),
    logger,
    rendererDir,
    preloadPath: '/dist/main/preload.cjs',
    devTools: false,
    ...overrides,
  });
  fakeElectron.app.markReady();
  const shell = await starting;
  return { shell, window: fakeElectron.windowOf(shell.window) };
}

describe('prepareElectronShell', () => {
  beforeEach(() => fakeElectron.reset());

  it('does its work before the app is ready', () => {
    expect(prepareElectronShell()).not.toBeNull();
    expect(fakeElectron.app.sandboxEnabled).toBe(true);
    expect(fakeElectron.protocol.privilegedSchemes.map((s) => s.scheme)).toEqual(['app']);
  });

  it('returns null, and quits, in a second instance', () => {
    fakeElectron.app.singleInstanceLockAvailable = false;
    expect(prepareElectronShell()).toBeNull();
    expect(fakeElectron.app.quitCalls).toBe(1);
  });
});

describe('startElectronShell', () => {
  beforeEach(() => {
    fakeElectron.reset();
    vi.clearAllMocks();
  });

  it('waits for ready, then opens one kiosk window on app://kiosk without a menu', async () => {
    const { window } = await start();
    expect(fakeElectron.applicationMenu).toBeNull();
    expect(fakeElectron.windows()).toHaveLength(1);
    expect(window.options).toMatchObject({ kiosk: true, fullscreen: true, webPreferences: { preload: '/dist/main/preload.cjs', sandbox: true, devTools: false } });
    expect(window.webContents.loads).toEqual(['app://kiosk/index.html']);
    const page = await fakeElectron.protocol.fetch('app://kiosk/index.html');
    expect(await page.text()).toContain('<title>kiosk</title>');
  });

  it('installs the permission policy, the navigation guard and the display-sleep blocker', async () => {
    const { window } = await start();
    expect(await fakeElectron.session.requestPermission(window.webContents, 'geolocation')).toBe(false);
    expect(await fakeElectron.session.requestPermission(window.webContents, 'media', { mediaTypes: ['video'] })).toBe(true);
    expect(window.webContents.simulateWindowOpen('https://evil.example/')).toEqual({ action: 'deny' });
    const navigation = fakeEvent({ url: 'https://evil.example/' });
    window.webContents.emit('will-navigate', navigation, navigation.url);
    expect(navigation.defaultPrevented).toBe(true);
    expect([...fakeElectron.powerSaveBlocker.active.values()]).toEqual(['prevent-display-sleep']);
  });

  it('answers KioskApi over IPC from the window', async () => {
    const { window } = await start();
    fakeElectron.attachRenderer(window.webContents);
    const result = await fakeElectron.ipcRenderer.invoke(ipcChannels.invoke, { command: 'system.ping', input: { nonce: 'a' } });
    expect(result).toEqual({ ok: true, output: { nonce: 'a', receivedAt: new Date(0).toISOString() } });
  });

  it('recovers a crashed renderer and reports giving up', async () => {
    vi.useFakeTimers();
    try {
      const reports: unknown[] = [];
      const { window } = await start({ recovery: { maxAttempts: 1, cooldownMs: 0 }, onFallback: (r) => reports.push(r) });
      window.webContents.emit('render-process-gone', fakeEvent(), { reason: 'oom', exitCode: 1 });
      await vi.advanceTimersByTimeAsync(0);
      window.webContents.emit('render-process-gone', fakeEvent(), { reason: 'oom', exitCode: 1 });
      await vi.advanceTimersByTimeAsync(0);
      expect(window.webContents.loads).toEqual(['app://kiosk/index.html', 'app://kiosk/index.html', fallbackPageUrl]);
      expect(reports).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('brings its window to the front when a second instance starts', async () => {
    const { window } = await start();
    fakeElectron.app.simulateSecondInstance();
    expect(window.focusCount).toBe(1);
  });

  it('keeps the window open against a close request', async () => {
    const { window } = await start();
    window.close();
    expect(window.isDestroyed()).toBe(false);
  });

  it('on quit closes the core, releases what it holds, then exits', async () => {
    let closeCore!: () => void;
    const onQuit = vi.fn(() => new Promise<void>((resolve) => (closeCore = resolve)));
    const { window } = await start({ onQuit });
    fakeElectron.app.quit();
    expect(window.isDestroyed()).toBe(true);
    expect(onQuit).toHaveBeenCalledOnce();
    expect(fakeElectron.app.exitCode).toBeNull();
    closeCore();
    await vi.waitFor(() => expect(fakeElectron.app.exitCode).toBe(0));
    expect(fakeElectron.powerSaveBlocker.active.size).toBe(0);
    expect(fakeElectron.ipcMain.handlers.size).toBe(0);
  });

  it('exits with 1 when closing the core fails', async () => {
    await start({ onQuit: () => Promise.reject(new Error('outbox stuck')) });
    fakeElectron.app.quit();
    await vi.waitFor(() => expect(fakeElectron.app.exitCode).toBe(1));
  });

  it('treats a destroyed window as fatal: by default it closes the core and exits with 1 for the supervisor', async () => {
    const onQuit = vi.fn(() => Promise.resolve());
    const { window } = await start({ onQuit });
    window.destroy();
    await vi.waitFor(() => expect(fakeElectron.app.exitCode).toBe(1));
    expect(onQuit).toHaveBeenCalledOnce();
  });

  it('hands a destroyed window to onFatal when given', async () => {
    const onFatal = vi.fn();
    const { window } = await start({ onFatal });
    window.destroy();
    expect(onFatal).toHaveBeenCalledWith(expect.any(Error));
    expect(fakeElectron.app.exitCode).toBeNull();
  });

  it('reloadApp loads the app again', async () => {
    const { shell, window } = await start();
    shell.reloadApp();
    expect(window.webContents.loads).toEqual(['app://kiosk/index.html', 'app://kiosk/index.html']);
  });
});
