// KioskApi over the browser host's WebSocket, from the client's side: the screen in a browser, and local tools
// (npm run simulate) that play the screen. Environment-neutral: the WebSocket constructor is passed in.
//
// A kiosk page runs for days and the Node side may restart under it, so the socket reconnects on its own; requests
// made while it is down wait for the next connection rather than failing at once, up to `requestTimeoutMs`.
import type { ClientTransport } from './kiosk-api-client';
import { WsServerFrame, isCommandName, slowCommandTimeoutMs, wsBridgePath } from './kiosk-api';

/** The part of the WebSocket API used here; the browser's and the `ws` package's both fit. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}
export type WebSocketFactory = (url: string) => WebSocketLike;

const OPEN = 1;

export interface WsTransport extends ClientTransport {
  close(): void;
}

export function createWsTransport(options: {
  /** `http://127.0.0.1:PORT` — the page's own origin. */
  origin: string;
  token: string;
  connect: WebSocketFactory;
  requestTimeoutMs?: number;
  reconnectDelayMs?: number;
}): WsTransport {
  const url = `${options.origin.replace(/^http/, 'ws')}${wsBridgePath}?token=${encodeURIComponent(options.token)}`;
  const requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
  const reconnectDelayMs = options.reconnectDelayMs ?? 1_000;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void; timer: ReturnType<typeof setTimeout> }>();
  /** Requests waiting for a connection, in order; once sent they are only in `pending`. */
  const queued = new Map<number, string>();
  const listeners = new Set<(name: string, payload: unknown) => void>();
  let nextId = 0;
  let socket: WebSocketLike | undefined;
  let closed = false;

  function open(): void {
    const current = options.connect(url);
    socket = current;
    current.addEventListener('open', () => {
      for (const frame of queued.values()) current.send(frame);
      queued.clear();
    });
    current.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') return;
      let frame: WsServerFrame;
      try {
        frame = WsServerFrame.parse(JSON.parse(event.data));
      } catch {
        return;
      }
      if (frame.type === 'event') {
        for (const listener of listeners) listener(frame.name, frame.payload);
        return;
      }
      const waiter = pending.get(frame.id);
      if (!waiter) return;
      pending.delete(frame.id);
      clearTimeout(waiter.timer);
      waiter.resolve(frame.result);
    });
    // A failed connection is followed by 'close', which reconnects; the listener only keeps errors from surfacing.
    current.addEventListener('error', () => {});
    current.addEventListener('close', () => {
      if (socket === current) socket = undefined;
      // Requests already sent on this socket will never be answered on it: fail them so the screen can react.
      for (const [id, waiter] of pending) {
        if (queued.has(id)) continue;
        pending.delete(id);
        clearTimeout(waiter.timer);
        waiter.reject(new Error('connection to the kiosk service was lost'));
      }
      if (!closed) setTimeout(open, reconnectDelayMs);
    });
  }

  open();

  return {
    invoke(command, input) {
      const id = nextId++;
      const frame = JSON.stringify({ type: 'invoke', id, command, input });
      return new Promise((resolve, reject) => {
        const waitMs = (isCommandName(command) ? slowCommandTimeoutMs[command] : undefined) ?? requestTimeoutMs;
        const timer = setTimeout(() => {
          pending.delete(id);
          queued.delete(id);
          reject(new Error('the kiosk service did not answer in time'));
        }, waitMs);
        pending.set(id, { resolve, reject, timer });
        if (socket?.readyState === OPEN) socket.send(frame);
        else queued.set(id, frame);
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      socket?.close();
      for (const waiter of pending.values()) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error('transport closed'));
      }
      pending.clear();
      queued.clear();
    },
  };
}
