// Picks the transport for this page: the Electron preload bridge when present, else the browser host's WebSocket.
import { type KioskApiClient, createKioskApiClient } from '../../contracts/kiosk-api-client';
import type { KioskBridge } from '../../contracts/kiosk-bridge';
import { createIpcTransport } from './ipc-transport';
import { createWsTransport } from '../../contracts/kiosk-api-ws-transport';

declare global {
  interface Window {
    kioskBridge?: KioskBridge;
  }
}

export function connectKioskApi(): KioskApiClient {
  if (window.kioskBridge) return createKioskApiClient(createIpcTransport(window.kioskBridge));
  // The browser host puts its per-run token in the fragment of the URL it opens; it stays there across reloads.
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  return createKioskApiClient(
    createWsTransport({ origin: window.location.origin, token, connect: (url) => new WebSocket(url) }),
  );
}
