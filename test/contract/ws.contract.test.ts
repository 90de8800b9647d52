// The shared KioskApi contract suite over the browser host's real WebSocket on 127.0.0.1.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { createKioskApiClient } from '../../contracts/kiosk-api-client';
import { startBrowserHost } from '../../main/browser-host/browser-host';
import { type WebSocketLike, createWsTransport } from '../../contracts/kiosk-api-ws-transport';
import { describeKioskApiContract, recordingLogger } from './kiosk-api-contract-suite';

describeKioskApiContract('WebSocket (browser host)', async (server) => {
  const rendererDir = await mkdtemp(path.join(tmpdir(), 'kiosk-renderer-'));
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  const host = await startBrowserHost({ server, rendererDir, logger: recordingLogger() });
  const token = new URL(host.pageUrl).hash.replace('#token=', '');
  // The `ws` client stands in for the browser's WebSocket; it sends the page's Origin as a browser would.
  const connect = (url: string) => new WebSocket(url, { origin: host.origin }) as unknown as WebSocketLike;
  const transport = createWsTransport({ origin: host.origin, token, connect });
  return {
    client: createKioskApiClient(transport),
    rawInvoke: (command, input) => transport.invoke(command, input),
    async close() {
      transport.close();
      await host.close();
      await rm(rendererDir, { recursive: true, force: true });
    },
  };
});
