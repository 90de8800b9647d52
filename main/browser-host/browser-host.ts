// The browser host: the renderer build and the KioskApi WebSocket on 127.0.0.1, for a plain Chromium, Playwright,
// or a locked-down image where a Chromium kiosk is the deployment choice.
import { randomBytes } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contentSecurityPolicy } from '../common/content-security-policy';
import type { ApiLogger, KioskApiServer } from '../api/kiosk-api-server';
import { serveStatic } from './static-files';
import { createWsBridge } from './ws-bridge';

/** Never anything but loopback: the kiosk must not be drivable from the branch network. */
const host = '127.0.0.1';

export interface BrowserHost {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** The page to open; its fragment carries the per-run token, which never reaches a server log. */
  pageUrl: string;
  close(): Promise<void>;
}

export async function startBrowserHost(options: {
  server: KioskApiServer;
  rendererDir: string;
  logger: ApiLogger;
  /** 0 picks a free port. */
  port?: number;
}): Promise<BrowserHost> {
  const token = randomBytes(32).toString('base64url');
  let port = 0;
  const origins = () => [`http://${host}:${port}`, `http://localhost:${port}`];
  const bridge = createWsBridge({ server: options.server, token, allowedOrigins: origins, logger: options.logger });

  const headers = {
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(self), microphone=(self), geolocation=(), payment=(), usb=(), serial=(), hid=()',
  };

  const http: Server = createServer((request, response) => {
    // A foreign Host header means DNS rebinding or a proxy; neither may see the kiosk.
    if (!origins().some((origin) => origin === `http://${request.headers.host ?? ''}`)) {
      response.writeHead(421, { 'Content-Type': 'text/plain' }).end('Misdirected request');
      return;
    }
    serveStatic(options.rendererDir, request, response, headers).catch((error: unknown) => {
      options.logger.error({ err: error }, 'browser host failed to serve a file');
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    });
  });
  http.on('upgrade', (request, socket, head) => bridge.handleUpgrade(request, socket, head));

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, host, () => resolve());
  });
  port = (http.address() as AddressInfo).port;

  return {
    origin: `http://${host}:${port}`,
    pageUrl: `http://${host}:${port}/#token=${token}`,
    async close() {
      await bridge.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
