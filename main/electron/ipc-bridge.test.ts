import type { WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannels } from '../../contracts/kiosk-api';
import { type KioskApiServer, createKioskApiServer } from '../api/kiosk-api-server';
import { FakeWebContents, type FakeWebFrameMain, fakeElectron } from '../../test/fakes/electron';
import { sampleSettings, stubCitizenHandlers, stubRemoteScreenHandlers } from '../../test/contract/kiosk-api-contract-suite';
import { installIpcBridge, isTrustedSender } from './ipc-bridge';

const real = (contents: FakeWebContents) => fakeElectron.asReal<WebContents>(contents);
// A fake event for the pure check; the frame type is Electron's WebFrameMain, the fake models the fields it reads.
const event = (sender: FakeWebContents, senderFrame: FakeWebFrameMain | null) =>
  ({ sender, senderFrame }) as unknown as Parameters<typeof isTrustedSender>[0];

describe('isTrustedSender', () => {
  let contents: FakeWebContents;

  beforeEach(async () => {
    fakeElectron.reset();
    contents = new FakeWebContents();
    await contents.loadURL('app://kiosk/index.html');
  });

  it('trusts the main frame of our contents on the app origin', () => {
    expect(isTrustedSender(event(contents, contents.mainFrame), real(contents))).toBe(true);
  });

  it('refuses a missing frame, a detached frame, a subframe, another contents, a foreign page', async () => {
    expect(isTrustedSender(event(contents, null), real(contents))).toBe(false);
    expect(isTrustedSender(event(contents, contents.addSubframe('app://kiosk/frame.html')), real(contents))).toBe(false);
    const other = new FakeWebContents();
    await other.loadURL('app://kiosk/index.html');
    expect(isTrustedSender(event(other, other.mainFrame), real(contents))).toBe(false);
    const oldFrame = contents.mainFrame;
    await contents.loadURL('https://evil.example/');
    expect(isTrustedSender(event(contents, oldFrame), real(contents))).toBe(false);
    expect(isTrustedSender(event(contents, contents.mainFrame), real(contents))).toBe(false);
  });
});

describe('installIpcBridge', () => {
  let contents: FakeWebContents;
  let server: KioskApiServer;
  const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

  beforeEach(async () => {
    fakeElectron.reset();
    vi.clearAllMocks();
    contents = new FakeWebContents();
    await contents.loadURL('app://kiosk/index.html');
    server = createKioskApiServer({
      logger,
      handlers: {
        'system.getInfo': () => {
          throw new Error('unused');
        },
        'system.ping': ({ nonce }) => ({ nonce, receivedAt: new Date(0).toISOString() }),
        'ui.getSettings': () => sampleSettings,
        ...stubCitizenHandlers,
        ...stubRemoteScreenHandlers,
      },
    });
  });

  it('registers the one invoke channel and removes it on dispose', () => {
    const dispose = installIpcBridge({ server, contents: real(contents), logger });
    expect([...fakeElectron.ipcMain.handlers.keys()]).toEqual([ipcChannels.invoke]);
    dispose();
    expect(fakeElectron.ipcMain.handlers.size).toBe(0);
  });

  it('answers a malformed request envelope without reaching the server', async () => {
    const invoke = vi.spyOn(server, 'invoke');
    installIpcBridge({ server, contents: real(contents), logger });
    fakeElectron.attachRenderer(contents);
    expect(await fakeElectron.ipcRenderer.invoke(ipcChannels.invoke, 'system.ping')).toEqual({
      ok: false,
      error: { code: 'invalidInput', message: 'malformed request' },
    });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('turns a throwing server into a generic internal error', async () => {
    vi.spyOn(server, 'invoke').mockRejectedValue(new Error('secret detail'));
    installIpcBridge({ server, contents: real(contents), logger });
    fakeElectron.attachRenderer(contents);
    const result = await fakeElectron.ipcRenderer.invoke(ipcChannels.invoke, { command: 'system.ping', input: { nonce: 'x' } });
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'internal error' } });
  });

  it('forwards events to the page, and stops after dispose', () => {
    const dispose = installIpcBridge({ server, contents: real(contents), logger });
    server.publish('ui.settingsChanged', sampleSettings);
    expect(contents.sent).toEqual([{ channel: ipcChannels.event, args: [{ name: 'ui.settingsChanged', payload: sampleSettings }] }]);
    dispose();
    server.publish('ui.settingsChanged', sampleSettings);
    expect(contents.sent).toHaveLength(1);
  });

  it('sends no events while the window shows anything but the app, or is gone', async () => {
    installIpcBridge({ server, contents: real(contents), logger });
    await contents.loadURL('https://evil.example/');
    server.publish('ui.settingsChanged', sampleSettings);
    expect(contents.sent).toEqual([]);
    contents.destroy();
    expect(() => server.publish('ui.settingsChanged', sampleSettings)).not.toThrow();
  });
});
