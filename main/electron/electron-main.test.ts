// The entry runs on import, so each test loads a fresh copy of it, with a fresh fake electron and a stand-in core.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CreateKioskResult, Kiosk, createKiosk as CreateKiosk } from '../composition/create-kiosk';
import { KioskConfig } from '../../kiosk-config/schema';
import type * as FakeElectronModule from '../../test/fakes/electron';

const createKiosk = vi.fn<(options: Parameters<typeof CreateKiosk>[0]) => Promise<CreateKioskResult>>();
vi.mock('../composition/create-kiosk', () => ({ createKiosk }));

const noop = () => {};

function stubKiosk(): Kiosk {
  const config = KioskConfig.parse({});
  return {
    server: { invoke: vi.fn(), publish: vi.fn(), subscribe: vi.fn(() => noop) },
    // The shell uses only these three levels of the logger.
    logger: { info: noop, warn: noop, error: noop } as unknown as Kiosk['logger'],
    configStore: { current: config } as unknown as Kiosk['configStore'],
    config,
    dataDir: '/tmp/kiosk-data',
    outbox: {} as Kiosk['outbox'],
    devices: {} as Kiosk['devices'],
    platform: {} as Kiosk['platform'],
    sessions: { size: 0, onCountChange: () => noop },
    close: vi.fn(() => Promise.resolve()),
  };
}

async function loadEntry(setup: (fake: typeof FakeElectronModule.fakeElectron) => void = noop) {
  vi.resetModules();
  const { fakeElectron } = await import('../../test/fakes/electron');
  fakeElectron.reset();
  setup(fakeElectron);
  await import('./electron-main');
  return fakeElectron;
}

describe('electron-main', () => {
  afterEach(() => createKiosk.mockReset());

  it('builds the core, then opens the shell around it once Electron is ready', async () => {
    const kiosk = stubKiosk();
    createKiosk.mockResolvedValue({ ok: true, kiosk });
    const fake = await loadEntry();
    expect(fake.protocol.privilegedSchemes.map((s) => s.scheme)).toEqual(['app']);
    expect(createKiosk).not.toHaveBeenCalled();
    fake.app.markReady();
    await vi.waitFor(() =>
      expect(createKiosk).toHaveBeenCalledWith(expect.objectContaining({ shell: 'electron', version: '0.0.0-fake', safeStorage: expect.anything() })),
    );
    await vi.waitFor(() => expect(fake.windows()).toHaveLength(1));
    const window = fake.windows()[0];
    expect(window?.options.webPreferences?.preload).toMatch(/[/\\]main[/\\]preload\.cjs$/);
    expect(window?.webContents.loads).toEqual(['app://kiosk/index.html']);

    fake.app.quit();
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(0));
    expect(kiosk.close).toHaveBeenCalledOnce();
  });

  it('never builds the core in a second instance', async () => {
    const fake = await loadEntry((f) => {
      f.app.singleInstanceLockAvailable = false;
    });
    expect(fake.app.quitCalls).toBe(1);
    expect(createKiosk).not.toHaveBeenCalled();
  });

  it('exits with 1 when the core cannot be built', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(noop);
    createKiosk.mockResolvedValue({ ok: false, error: 'site.json: devices.idCardReader.port: invalid configuration' });
    const fake = await loadEntry();
    fake.app.markReady();
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(1));
    expect(consoleError).toHaveBeenCalledWith('kiosk failed to start:', expect.stringContaining('invalid configuration'));
    consoleError.mockRestore();
  });
});
