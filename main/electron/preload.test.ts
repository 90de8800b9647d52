import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannels } from '../../contracts/kiosk-api';
import type { KioskBridge } from '../../contracts/kiosk-bridge';
import { fakeElectron } from '../../test/fakes/electron';
import { type BridgeIpc, createKioskBridge, exposeKioskBridge } from './preload';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

function recordingIpc() {
  const listeners = new Map<string, Set<IpcListener>>();
  const ipc = {
    invoke: vi.fn<BridgeIpc['invoke']>(async () => ({ ok: true, output: 'from main' })),
    on: vi.fn((channel: string, listener: IpcListener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(listener);
    }),
    removeListener: vi.fn((channel: string, listener: IpcListener) => listeners.get(channel)?.delete(listener)),
    emit: (channel: string, ...args: unknown[]) => {
      for (const listener of listeners.get(channel) ?? []) listener({ senderId: 0, ports: [], sender: 'the ipcRenderer' }, ...args);
    },
    count: (channel: string) => listeners.get(channel)?.size ?? 0,
  };
  return ipc;
}

describe('preload', () => {
  beforeEach(() => fakeElectron.reset());

  it('exposes exactly invoke and subscribe as window.kioskBridge', () => {
    exposeKioskBridge();
    expect(Object.keys(fakeElectron.mainWorld)).toEqual(['kioskBridge']);
    const bridge = fakeElectron.mainWorld['kioskBridge'] as KioskBridge;
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'subscribe']);
    expect(Object.values(bridge).every((value) => typeof value === 'function')).toBe(true);
  });
});

describe('createKioskBridge', () => {
  let ipc: ReturnType<typeof recordingIpc>;
  let bridge: KioskBridge;

  beforeEach(() => {
    ipc = recordingIpc();
    bridge = createKioskBridge(ipc);
  });

  it('sends a known command on the invoke channel as one request object', async () => {
    expect(await bridge.invoke('system.ping', { nonce: 'n' })).toEqual({ ok: true, output: 'from main' });
    expect(ipc.invoke).toHaveBeenCalledWith(ipcChannels.invoke, { command: 'system.ping', input: { nonce: 'n' } });
  });

  it.each(['system.shutdown', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'kiosk-api:invoke'])(
    'answers unknownCommand for %j without touching IPC',
    async (command) => {
      expect(await bridge.invoke(command, {})).toEqual({ ok: false, error: { code: 'unknownCommand', message: 'unknown command' } });
      expect(ipc.invoke).not.toHaveBeenCalled();
    },
  );

  it('refuses non-string command names', async () => {
    for (const command of [42, null, { toString: () => 'system.ping' }, ['system.ping']]) {
      expect(await bridge.invoke(command as unknown as string, {})).toMatchObject({ error: { code: 'unknownCommand' } });
    }
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('listens on the event channel once, only while someone listens', () => {
    const stopA = bridge.subscribe(() => {});
    const stopB = bridge.subscribe(() => {});
    expect(ipc.on).toHaveBeenCalledTimes(1);
    expect(ipc.on).toHaveBeenCalledWith(ipcChannels.event, expect.any(Function));
    stopA();
    stopA();
    expect(ipc.count(ipcChannels.event)).toBe(1);
    stopB();
    expect(ipc.count(ipcChannels.event)).toBe(0);
  });

  it('hands the page name and payload only, never the IPC event', () => {
    const received: unknown[][] = [];
    bridge.subscribe((...args) => received.push(args));
    ipc.emit(ipcChannels.event, { name: 'ui.settingsChanged', payload: { defaultLocale: 'en' } });
    expect(received).toEqual([['ui.settingsChanged', { defaultLocale: 'en' }]]);
  });

  it('drops messages that are not known events', () => {
    const listener = vi.fn();
    bridge.subscribe(listener);
    for (const message of [null, 'ui.settingsChanged', { name: 'system.secret', payload: 1 }, { name: '__proto__' }, { payload: 1 }]) {
      ipc.emit(ipcChannels.event, message);
    }
    expect(listener).not.toHaveBeenCalled();
  });

  it('keeps delivering to other listeners when one throws', () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const good = vi.fn();
    bridge.subscribe(() => {
      throw new Error('page bug');
    });
    bridge.subscribe(good);
    ipc.emit(ipcChannels.event, { name: 'ui.settingsChanged', payload: {} });
    expect(good).toHaveBeenCalledOnce();
    consoleError.mockRestore();
  });

  it('refuses a listener that is not a function', () => {
    expect(() => bridge.subscribe('alert(1)' as unknown as () => void)).toThrow(TypeError);
  });
});
