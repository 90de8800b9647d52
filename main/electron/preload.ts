// The preload: the only code that runs in the page's process with access to IPC. It exposes `window.kioskBridge`
// (contracts/kiosk-bridge.ts) and nothing else: two fixed channels, and only the commands the contract knows.
//
// Bundled on its own to dist/main/preload.cjs with only `electron` external, because a sandboxed preload can require
// nothing else. The page never sees ipcRenderer or an IPC event object, only plain data. It imports the zod-free
// name lists of contracts/kiosk-bridge.ts, not kiosk-api.ts, to keep zod out of every page (a few KB instead of 750).
import { contextBridge, ipcRenderer } from 'electron';
import type { InvokeResult } from '../../contracts/kiosk-api';
import {
  type KioskBridge,
  kioskBridgeChannels as channels,
  kioskBridgeCommandNames,
  kioskBridgeEventNames,
  kioskBridgeGlobalName,
} from '../../contracts/kiosk-bridge';

// Sets, not object lookups: "__proto__" or "constructor" are just strings here.
const commandNames: ReadonlySet<string> = new Set(kioskBridgeCommandNames);
const eventNames: ReadonlySet<string> = new Set(kioskBridgeEventNames);
const isCommandName = (name: unknown): name is string => typeof name === 'string' && commandNames.has(name);
const isEventName = (name: unknown): name is string => typeof name === 'string' && eventNames.has(name);

/** The part of ipcRenderer the bridge uses. */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const unknownCommand: InvokeResult = { ok: false, error: { code: 'unknownCommand', message: 'unknown command' } };

export function createKioskBridge(ipc: BridgeIpc): KioskBridge {
  const listeners = new Set<(name: string, payload: unknown) => void>();

  // One IPC listener for all page listeners, attached while there is at least one.
  const onEvent = (_event: unknown, message: unknown) => {
    if (typeof message !== 'object' || message === null) return;
    const { name, payload } = message as { name?: unknown; payload?: unknown };
    if (!isEventName(name)) return;
    for (const listener of [...listeners]) {
      try {
        listener(name, payload);
      } catch (error) {
        // One failing page listener must not starve the others.
        console.error('kioskBridge listener failed', error);
      }
    }
  };

  return {
    invoke(command, input) {
      // Same answer the Node side would give, without a round trip: the page learns nothing new, and IPC carries
      // only names the contract defines.
      if (!isCommandName(command)) return Promise.resolve(unknownCommand);
      return ipc.invoke(channels.invoke, { command, input });
    },
    subscribe(listener) {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      if (listeners.size === 0) ipc.on(channels.event, onEvent);
      listeners.add(listener);
      return () => {
        if (listeners.delete(listener) && listeners.size === 0) ipc.removeListener(channels.event, onEvent);
      };
    },
  };
}

export function exposeKioskBridge(): void {
  contextBridge.exposeInMainWorld(kioskBridgeGlobalName, createKioskBridge(ipcRenderer));
}

exposeKioskBridge();
