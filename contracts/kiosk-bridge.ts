// The object the Electron preload puts on the page as `window.kioskBridge` (main/electron/preload.ts).
//
// Environment-neutral on purpose: the renderer adapts it into a ClientTransport (contracts/kiosk-api-client.ts)
// without importing anything from main/. The bridge carries raw envelopes only; validation stays in the client.
//
// It also holds the names the preload allows, without zod: the preload is bundled into every page, and the zod
// schemas in kiosk-api.ts would add some 750 KB to it. The lists are checked against kiosk-api.ts at compile time
// (type-only imports, erased from the bundle), so adding a command there without adding it here fails `tsc`.
import type { CommandName, EventName, ipcChannels } from './kiosk-api';

/** The global name the preload exposes the bridge under. */
export const kioskBridgeGlobalName = 'kioskBridge';

export interface KioskBridge {
  /** Resolves with the raw InvokeResult envelope; rejects only when IPC itself is broken. */
  invoke(command: string, input: unknown): Promise<unknown>;
  /** Calls `listener` for every pushed event; returns the function that stops it. */
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
}

/** The two IPC channels, equal to kiosk-api.ts's ipcChannels (checked by `satisfies`). */
export const kioskBridgeChannels = {
  invoke: 'kiosk-api:invoke',
  event: 'kiosk-api:event',
} as const satisfies typeof ipcChannels;

export const kioskBridgeCommandNames = [
  'system.getInfo',
  'system.ping',
  'ui.getSettings',
  'session.start',
  'session.end',
  'identity.readCard',
  'materials.scan',
  'materials.remove',
  'transaction.submit',
  'transaction.result',
  'simulation.list',
  'simulation.run',
  'catalog.get',
  'catalog.getItem',
  'identity.compareFace',
  'identity.readQr',
  'identity.cancel',
  'catalog.getForm',
  'form.prefill',
  'suggestions.get',
  'materials.thumbnail',
  'print.receipt',
  'print.certificate',
  'progress.query',
  'rating.submit',
  'system.getPlatformStatus',
  'progress.readReceiptQr',
  'search.used',
  'maintenance.getEntry',
  'maintenance.enter',
  'maintenance.overview',
  'maintenance.restock',
  'maintenance.testDevice',
  'maintenance.forceSync',
  'maintenance.restartApp',
  'maintenance.reboot',
  'maintenance.enterWithCard',
  'maintenance.cancelCardWait',
  'maintenance.exportLogs',
  'maintenance.setKioskMode',
  'maintenance.leave',
  'screen.getLock',
] as const satisfies readonly CommandName[];
export const kioskBridgeEventNames = ['ui.settingsChanged', 'catalog.changed', 'platform.statusChanged', 'screen.reload', 'screen.lockChanged'] as const satisfies readonly EventName[];

// Compile-time completeness: a name in kiosk-api.ts missing above turns `true` into a type error naming it.
type Missing<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : Exclude<All, Listed>;
const _allCommandsListed: Missing<CommandName, (typeof kioskBridgeCommandNames)[number]> = true;
const _allEventsListed: Missing<EventName, (typeof kioskBridgeEventNames)[number]> = true;
