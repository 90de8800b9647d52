// The shared KioskApi contract suite over Electron IPC: the real ipc-bridge.ts (main side) and the real preload.ts
// (page side), joined by the fake electron's in-memory ipcMain/ipcRenderer/contextBridge. The page's end is what the
// renderer gets: window.kioskBridge adapted into a ClientTransport.
import type { WebContents } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannels } from '../../contracts/kiosk-api';
import { type ClientTransport, createKioskApiClient } from '../../contracts/kiosk-api-client';
import { type KioskBridge, kioskBridgeGlobalName } from '../../contracts/kiosk-bridge';
import { type KioskApiHandlers, type KioskApiServer, createKioskApiServer } from '../../main/api/kiosk-api-server';
import { installIpcBridge } from '../../main/electron/ipc-bridge';
import { exposeKioskBridge } from '../../main/electron/preload';
import { FakeBrowserWindow, type FakeWebContents, fakeElectron } from '../fakes/electron';
import { describeKioskApiContract, recordingLogger, sampleSettings, stubCitizenHandlers, stubRemoteScreenHandlers } from './kiosk-api-contract-suite';

const shellLogger = () => ({ ...recordingLogger(), info: () => {} });

/** The page's view: what the preload put on window.kioskBridge, adapted as the renderer does. */
function pageTransport(): { bridge: KioskBridge; transport: ClientTransport } {
  const bridge = fakeElectron.mainWorld[kioskBridgeGlobalName] as KioskBridge;
  return { bridge, transport: { invoke: (c, i) => bridge.invoke(c, i), subscribe: (l) => bridge.subscribe(l) } };
}

/** A kiosk window showing the app, its bridge installed, and the preload run in its main frame. */
async function wire(server: KioskApiServer, logger = shellLogger()) {
  fakeElectron.reset();
  const window = new FakeBrowserWindow({ kiosk: true });
  await window.loadURL('app://kiosk/index.html');
  const dispose = installIpcBridge({ server, contents: fakeElectron.asReal<WebContents>(window.webContents), logger });
  fakeElectron.attachRenderer(window.webContents);
  exposeKioskBridge();
  return { window, dispose, ...pageTransport() };
}

describeKioskApiContract('Electron IPC (fake electron)', async (server) => {
  const { transport, bridge, dispose } = await wire(server);
  return {
    client: createKioskApiClient(transport),
    rawInvoke: (command, input) => bridge.invoke(command, input),
    close: async () => dispose(),
  };
});

describe('Electron IPC: who may call', () => {
  let server: KioskApiServer;
  let handlers: KioskApiHandlers;
  let pinged: string[];
  let logger: ReturnType<typeof shellLogger>;
  let contents: FakeWebContents;
  let bridge: KioskBridge;

  beforeEach(async () => {
    pinged = [];
    handlers = {
      'system.getInfo': () => {
        throw new Error('unused');
      },
      'system.ping': ({ nonce }) => {
        pinged.push(nonce);
        return { nonce, receivedAt: new Date().toISOString() };
      },
      'ui.getSettings': () => sampleSettings,
      ...stubCitizenHandlers,
      ...stubRemoteScreenHandlers,
    };
    server = createKioskApiServer({ handlers, logger: recordingLogger() });
    logger = shellLogger();
    ({ bridge, window: { webContents: contents } } = await wire(server, logger));
  });

  afterEach(() => fakeElectron.reset());

  const forbidden = { ok: false, error: { code: 'forbidden', message: 'forbidden' } };

  it('answers the app page', async () => {
    expect(await bridge.invoke('system.ping', { nonce: 'ok' })).toMatchObject({ ok: true });
    expect(pinged).toEqual(['ok']);
  });

  it('refuses a foreign page in our window, and the handler is not called', async () => {
    await contents.loadURL('https://evil.example/');
    fakeElectron.attachRenderer(contents);
    expect(await bridge.invoke('system.ping', { nonce: 'evil' })).toEqual(forbidden);
    expect(pinged).toEqual([]);
    expect(logger.entries).toContainEqual(expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ origin: 'https://evil.example' }) }));
  });

  it('refuses a subframe, even one on the app origin', async () => {
    for (const url of ['https://evil.example/frame', 'app://kiosk/frame.html']) {
      fakeElectron.attachRenderer(contents, contents.addSubframe(url));
      expect(await bridge.invoke('system.ping', { nonce: 'frame' })).toEqual(forbidden);
    }
    expect(pinged).toEqual([]);
  });

  it('refuses a frame that has navigated away since it sent', async () => {
    const oldFrame = contents.mainFrame;
    await contents.loadURL('app://kiosk/index.html');
    fakeElectron.attachRenderer(contents, oldFrame);
    expect(await bridge.invoke('system.ping', { nonce: 'stale' })).toEqual(forbidden);
    expect(pinged).toEqual([]);
  });

  it('refuses another window, even on the app origin', async () => {
    const other = new FakeBrowserWindow({});
    await other.loadURL('app://kiosk/index.html');
    fakeElectron.attachRenderer(other.webContents);
    expect(await bridge.invoke('system.ping', { nonce: 'other' })).toEqual(forbidden);
    expect(pinged).toEqual([]);
  });

  it('does not push events to a foreign page', async () => {
    const listener = vi.fn();
    bridge.subscribe(listener);
    await contents.loadURL('https://evil.example/');
    fakeElectron.attachRenderer(contents);
    server.publish('ui.settingsChanged', sampleSettings);
    await bridge.invoke('system.ping', { nonce: 'flush' });
    expect(listener).not.toHaveBeenCalled();
  });
});

describe('Electron IPC: the preload allowlist', () => {
  let server: KioskApiServer;
  let bridge: KioskBridge;
  let contents: FakeWebContents;

  beforeEach(async () => {
    server = createKioskApiServer({
      handlers: {
        'system.getInfo': () => {
          throw new Error('unused');
        },
        'system.ping': ({ nonce }) => ({ nonce, receivedAt: new Date().toISOString() }),
        'ui.getSettings': () => sampleSettings,
        ...stubCitizenHandlers,
        ...stubRemoteScreenHandlers,
      },
      logger: recordingLogger(),
    });
    ({ bridge, window: { webContents: contents } } = await wire(server));
  });

  afterEach(() => fakeElectron.reset());

  it('offers the page no way to name a channel', async () => {
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'subscribe']);
    // A page passing a channel anyway: the extra argument goes nowhere.
    const invoke = bridge.invoke as unknown as (...args: unknown[]) => Promise<unknown>;
    await invoke('system.ping', { nonce: 'a' }, 'evil:channel');
    expect(fakeElectron.ipcRenderer.invokedChannels).toEqual([ipcChannels.invoke]);
  });

  it('refuses commands outside the contract before anything is sent', async () => {
    for (const command of ['system.shutdown', '__proto__', ipcChannels.invoke, ipcChannels.event, 'constructor']) {
      expect(await bridge.invoke(command, {})).toMatchObject({ ok: false, error: { code: 'unknownCommand' } });
    }
    expect(fakeElectron.ipcRenderer.invokedChannels).toEqual([]);
  });

  it('uses only the two fixed channels', async () => {
    const stop = bridge.subscribe(() => {});
    await bridge.invoke('system.ping', { nonce: 'a' });
    await bridge.invoke('ui.getSettings', {});
    expect(new Set(fakeElectron.ipcRenderer.invokedChannels)).toEqual(new Set([ipcChannels.invoke]));
    expect(fakeElectron.ipcRenderer.listenerCount(ipcChannels.event)).toBe(1);
    stop();
    expect(fakeElectron.ipcRenderer.listenerCount(ipcChannels.event)).toBe(0);
  });

  it('delivers nothing that is not a contract event, even from the main side', async () => {
    const listener = vi.fn();
    bridge.subscribe(listener);
    contents.send(ipcChannels.event, { name: 'system.secret', payload: 'x' });
    contents.send('some-other-channel', { name: 'ui.settingsChanged', payload: sampleSettings });
    await bridge.invoke('system.ping', { nonce: 'flush' });
    expect(listener).not.toHaveBeenCalled();
  });
});
