import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FaultProxy, randomFaults, serviceUnavailable, startFaultProxy } from './fault-proxy';

/** An upstream that records every request it received in full, and echoes its body length. */
let upstream: http.Server;
let handled: { method: string; url: string; bytes: number }[];
let proxy: FaultProxy;
let agent: http.Agent;

beforeEach(async () => {
  handled = [];
  upstream = http.createServer((request: IncomingMessage, response: ServerResponse) => {
    let bytes = 0;
    request.on('data', (chunk: Buffer) => (bytes += chunk.length));
    request.on('end', () => {
      handled.push({ method: request.method ?? '', url: request.url ?? '', bytes });
      const size = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('answerBytes') ?? '0');
      const body = size > 0 ? Buffer.alloc(size, 0x61) : Buffer.from(JSON.stringify({ received: bytes }));
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body);
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: (upstream.address() as AddressInfo).port } });
  agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
});

afterEach(async () => {
  agent.destroy();
  await proxy.close();
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

type Outcome = { ok: true; status: number; headers: http.IncomingHttpHeaders; body: string } | { ok: false; error: string };

function request(path: string, body: Buffer = Buffer.alloc(0), timeoutMs = 5_000): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = http.request(`${proxy.url}${path}`, { method: 'POST', agent, headers: { 'content-length': body.length } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ ok: true, status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on('error', (e) => resolve({ ok: false, error: e.message }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ ok: false, error: e.code ?? e.message }));
    req.end(body);
  });
}

describe('fault proxy', () => {
  it('passes requests and answers through, several on one kept-alive connection, and counts the bytes', async () => {
    const body = randomBytes(50_000);
    for (let i = 0; i < 3; i++) expect(await request(`/echo/${i}`, body)).toMatchObject({ ok: true, status: 200, body: '{"received":50000}' });
    expect(handled.map((h) => h.url)).toEqual(['/echo/0', '/echo/1', '/echo/2']);
    const stats = proxy.stats();
    expect(stats).toMatchObject({ connections: 1, requests: 3, statuses: [200, 200, 200] });
    expect(stats.faults.pass).toBe(3);
    expect(stats.bytesFromClients).toBeGreaterThan(150_000);
    expect(stats.bytesFromClients).toBeLessThan(151_000);
  });

  it('resets a connection mid-request: the client gets an error and the platform never sees the request whole', async () => {
    proxy.setPlan(() => ({ kind: 'reset', afterBytes: 1_000 }));
    const result = await request('/cut', randomBytes(20_000));
    expect(result.ok).toBe(false);
    await new Promise((r) => setTimeout(r, 50));
    expect(handled).toEqual([]);
    expect(proxy.stats().faults.reset).toBe(1);
  });

  it('drops the answer after the platform processed the request', async () => {
    proxy.setPlan(({ request: n }) => (n === 1 ? { kind: 'dropResponse' } : { kind: 'pass' }));
    const result = await request('/commit', Buffer.from('{"x":1}'));
    expect(result).toMatchObject({ ok: false, error: 'ECONNRESET' });
    expect(handled).toEqual([{ method: 'POST', url: '/commit', bytes: 7 }]);
    // The next request gets through on a new connection.
    expect(await request('/again')).toMatchObject({ ok: true, status: 200 });
    expect(proxy.stats().connections).toBe(2);
  });

  it('blackholes: accepts, never answers, never forwards', async () => {
    proxy.setPlan(() => ({ kind: 'blackhole' }));
    expect(await request('/void', Buffer.from('hello'), 300)).toEqual({ ok: false, error: 'timeout' });
    expect(handled).toEqual([]);
  });

  it('answers 503 with Retry-After instead of the platform', async () => {
    proxy.setPlan(() => serviceUnavailable(7));
    const result = await request('/busy', Buffer.from('{}'));
    expect(result).toMatchObject({ ok: true, status: 503, headers: { 'retry-after': '7' } });
    expect(JSON.parse((result as { body: string }).body)).toMatchObject({ code: 'unavailable' });
    expect(handled).toEqual([]);
  });

  it('rewrites an answer in transit, headers and body, with a matching Content-Length; the connection stays usable', async () => {
    proxy.setPlan(({ target }) =>
      target === '/tamper'
        ? { kind: 'rewrite', rewrite: ({ headers, body }) => ({ headers: { ...headers, 'x-signature': 'swapped' }, body: Buffer.from(body.toString().replace('received', 'tampered-with')) }) }
        : { kind: 'pass' },
    );
    const tampered = await request('/tamper', Buffer.from('abc'));
    expect(tampered).toMatchObject({ ok: true, status: 200, body: '{"tampered-with":3}', headers: { 'x-signature': 'swapped', 'content-length': '19' } });
    expect(await request('/after')).toMatchObject({ ok: true, status: 200, body: '{"received":0}' });
    expect(proxy.stats()).toMatchObject({ connections: 1, statuses: [200, 200] });
    expect(proxy.stats().faults.rewrite).toBe(1);
  });

  it('is scriptable per connection', async () => {
    proxy.setPlan(({ connection }) => (connection === 1 ? { kind: 'reset', afterBytes: 0 } : { kind: 'pass' }));
    expect((await request('/first')).ok).toBe(false);
    expect(await request('/second')).toMatchObject({ ok: true, status: 200 });
    expect(handled.map((h) => h.url)).toEqual(['/second']);
  });

  it('shapes the link: 200 KB at 4 Mbit/s takes at least ~0.4 s', async () => {
    proxy.setLink(4_000_000);
    const started = performance.now();
    expect(await request('/down?answerBytes=200000')).toMatchObject({ ok: true, status: 200 });
    // A lower bound only: the link may be slower than shaped on a busy machine, never faster.
    expect(performance.now() - started).toBeGreaterThan(0.9 * ((200_000 * 8) / 4_000_000) * 1000);
  });

  it('slows one request down without touching the others', async () => {
    proxy.setPlan(({ request: n }) => (n === 1 ? { kind: 'slow', bitsPerSecond: 2_000_000 } : { kind: 'pass' }));
    const started = performance.now();
    expect(await request('/slow', randomBytes(50_000))).toMatchObject({ ok: true, body: '{"received":50000}' });
    expect(performance.now() - started).toBeGreaterThan(0.9 * ((50_000 * 8) / 2_000_000) * 1000);
    expect(proxy.stats().faults.slow).toBe(1);
  });

  it('draws the same faults from the same seed', () => {
    const info = { connection: 1, requestOnConnection: 1, request: 1, method: 'POST', target: '/', headers: {}, contentLength: 100 };
    const draw = (seed: number) => {
      const plan = randomFaults({ seed, weights: { pass: 5, reset: 1, dropResponse: 1, blackhole: 1, unavailable: 1, slow: 1 } });
      return Array.from({ length: 200 }, () => plan(info));
    };
    const a = draw(42);
    expect(draw(42)).toEqual(a);
    expect(draw(43)).not.toEqual(a);
    expect(new Set(a.map((f) => f.kind))).toEqual(new Set(['pass', 'reset', 'dropResponse', 'blackhole', 'respond', 'slow']));
  });
});
