// A KioskApi client for the test itself, over the browser host's WebSocket with the page's token and origin, exactly
// as the screen connects: for scripting the simulators and for asking the Node side what the screen cannot show.
import { WebSocket } from 'ws';
import { wsBridgePath } from '../../../contracts/kiosk-api';
import { type KioskApiClient, createKioskApiClient } from '../../../contracts/kiosk-api-client';
import { type WebSocketLike, createWsTransport } from '../../../contracts/kiosk-api-ws-transport';
import type { KioskProcess } from './kiosk-process';

export function connectTestClient(kiosk: KioskProcess): { client: KioskApiClient; close(): void } {
  const token = new URL(kiosk.pageUrl).hash.slice('#token='.length);
  const url = `${kiosk.origin.replace(/^http/, 'ws')}${wsBridgePath}?token=${encodeURIComponent(token)}`;
  const transport = createWsTransport({
    origin: kiosk.origin,
    token,
    connect: () => new WebSocket(url, { headers: { origin: kiosk.origin } }) as WebSocketLike,
  });
  return { client: createKioskApiClient(transport), close: () => transport.close() };
}
