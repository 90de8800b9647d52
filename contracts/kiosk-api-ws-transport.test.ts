// The page's WebSocket transport against a scripted socket: reconnects, queues while down, fails what was lost.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type WebSocketLike, createWsTransport } from './kiosk-api-ws-transport';

class ScriptedSocket implements WebSocketLike {
  readyState = 0;
  sent: string[] = [];
  #listeners = new Map<string, ((event: { data: unknown }) => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: { data: unknown }) => void) {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
  }
  emit(type: string, event: { data: unknown } = { data: undefined }) {
    for (const listener of this.#listeners.get(type) ?? []) listener(event);
  }
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.emit('open');
  }
  drop() {
    this.readyState = 3;
    this.emit('close');
  }
  answer(id: number, output: unknown) {
    this.emit('message', { data: JSON.stringify({ type: 'result', id, result: { ok: true, output } }) });
  }
}

describe('WebSocket transport', () => {
  let sockets: ScriptedSocket[];
  const connect = (url: string) => {
    const socket = new ScriptedSocket(url);
    sockets.push(socket);
    return socket;
  };

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
  });
  afterEach(() => vi.useRealTimers());

  it('connects to the bridge path with the token', () => {
    createWsTransport({ origin: 'http://127.0.0.1:9', token: 'a b', connect });
    expect(sockets[0]?.url).toBe('ws://127.0.0.1:9/kiosk-api?token=a%20b');
  });

  it('queues requests until the socket opens, then sends them in order', async () => {
    const transport = createWsTransport({ origin: 'http://h', token: 't', connect });
    const first = transport.invoke('system.ping', { nonce: '1' });
    const second = transport.invoke('system.ping', { nonce: '2' });
    expect(sockets[0]?.sent).toEqual([]);
    sockets[0]?.open();
    expect(sockets[0]?.sent.map((f) => JSON.parse(f).id)).toEqual([0, 1]);
    sockets[0]?.answer(1, 'b');
    sockets[0]?.answer(0, 'a');
    await expect(first).resolves.toEqual({ ok: true, output: 'a' });
    await expect(second).resolves.toEqual({ ok: true, output: 'b' });
  });

  it('fails requests lost with a dropped socket and reconnects after the delay', async () => {
    const transport = createWsTransport({ origin: 'http://h', token: 't', connect, reconnectDelayMs: 500 });
    sockets[0]?.open();
    const lost = transport.invoke('system.ping', { nonce: '1' });
    sockets[0]?.drop();
    await expect(lost).rejects.toThrow(/lost/);
    expect(sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(sockets).toHaveLength(2);
    const later = transport.invoke('system.ping', { nonce: '2' });
    sockets[1]?.open();
    const frame = JSON.parse(sockets[1]?.sent[0] ?? '{}');
    sockets[1]?.answer(frame.id, 'ok');
    await expect(later).resolves.toEqual({ ok: true, output: 'ok' });
  });

  it('times out a request nobody answers, and forgets it', async () => {
    const transport = createWsTransport({ origin: 'http://h', token: 't', connect, requestTimeoutMs: 1000 });
    const pending = transport.invoke('system.ping', { nonce: '1' });
    const assertion = expect(pending).rejects.toThrow(/in time/);
    await vi.advanceTimersByTimeAsync(1000);
    await assertion;
    sockets[0]?.open();
    expect(sockets[0]?.sent).toEqual([]);
  });

  it('waits longer for commands that wait for a person or a device', async () => {
    const transport = createWsTransport({ origin: 'http://h', token: 't', connect, requestTimeoutMs: 1000 });
    sockets[0]?.open();
    let settled = false;
    void transport.invoke('identity.readCard', {}).finally(() => (settled = true)).catch(() => {});
    await vi.advanceTimersByTimeAsync(60_000);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(70_000);
    expect(settled).toBe(true);
  });

  it('ignores frames that are not ours', () => {
    const transport = createWsTransport({ origin: 'http://h', token: 't', connect });
    const events: unknown[] = [];
    transport.subscribe((name, payload) => events.push([name, payload]));
    sockets[0]?.open();
    sockets[0]?.emit('message', { data: 'not json' });
    sockets[0]?.emit('message', { data: JSON.stringify({ type: 'surprise' }) });
    sockets[0]?.emit('message', { data: JSON.stringify({ type: 'event', name: 'ui.settingsChanged', payload: 1 }) });
    expect(events).toEqual([['ui.settingsChanged', 1]]);
  });
});
