// KioskApi over a WebSocket: the browser host's transport.
//
// Any local process or page can reach 127.0.0.1, so an upgrade is accepted only with the per-run token (which only
// the page we opened knows, from its URL fragment) and only from our own origin. Everything after that is checked by
// the KioskApi server like any other request.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { WsClientFrame, type WsServerFrame, wsBridgePath } from '../../contracts/kiosk-api';
import type { ApiLogger, KioskApiServer } from '../api/kiosk-api-server';

/** Requests are small JSON; scans and photos never travel this way. */
const maxFrameBytes = 1024 * 1024;

export interface WsBridge {
  /** Handles an HTTP upgrade for `wsBridgePath`; refuses it unless token and origin match. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

export function createWsBridge(options: {
  server: KioskApiServer;
  token: string;
  /** The exact origins the page may come from, e.g. `http://127.0.0.1:8123`. */
  allowedOrigins: () => readonly string[];
  logger: ApiLogger;
}): WsBridge {
  const { server, token, logger } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes });
  const expectedToken = Buffer.from(token);

  const stopEvents = server.subscribe((name, payload) => {
    const frame = JSON.stringify({ type: 'event', name, payload } satisfies WsServerFrame);
    for (const client of wss.clients) {
      if (client.readyState === WebSocket.OPEN) client.send(frame);
    }
  });

  function refuse(socket: Duplex, status: 401 | 403 | 404, reason: string): void {
    logger.warn({ status, reason }, 'KioskApi WebSocket upgrade refused');
    socket.end(`HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }

  function tokenMatches(candidate: string | null): boolean {
    if (candidate === null) return false;
    const given = Buffer.from(candidate);
    return given.length === expectedToken.length && timingSafeEqual(given, expectedToken);
  }

  function onConnection(socket: WebSocket): void {
    socket.on('message', (data: RawData, isBinary: boolean) => {
      const frame = isBinary ? undefined : parseFrame(data);
      if (!frame) {
        // A page speaking something else is not ours; dropping it beats guessing what it meant.
        socket.close(1008, 'malformed frame');
        return;
      }
      void server.invoke(frame.command, frame.input).then((result) => {
        if (socket.readyState !== WebSocket.OPEN) return;
        socket.send(JSON.stringify({ type: 'result', id: frame.id, result } satisfies WsServerFrame));
      });
    });
  }

  return {
    handleUpgrade(request, socket, head) {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname !== wsBridgePath) return refuse(socket, 404, 'path');
      if (!tokenMatches(url.searchParams.get('token'))) return refuse(socket, 401, 'token');
      const origin = request.headers.origin;
      if (!origin || !options.allowedOrigins().includes(origin)) return refuse(socket, 403, 'origin');
      wss.handleUpgrade(request, socket, head, (ws) => onConnection(ws));
    },

    close() {
      stopEvents();
      for (const client of wss.clients) client.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}

function parseFrame(data: RawData): WsClientFrame | undefined {
  try {
    const text = (Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
    const parsed = WsClientFrame.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
