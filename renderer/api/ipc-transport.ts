// KioskApi over the Electron preload bridge (`window.kioskBridge`, exposed by main/electron/preload.ts).
import type { ClientTransport } from '../../contracts/kiosk-api-client';
import type { KioskBridge } from '../../contracts/kiosk-bridge';

export function createIpcTransport(bridge: KioskBridge): ClientTransport {
  return {
    invoke: (command, input) => bridge.invoke(command, input),
    subscribe: (listener) => bridge.subscribe(listener),
  };
}
