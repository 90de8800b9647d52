// The client against a real HTTP server on loopback that checks signatures the way the contract says and answers
// what each test scripts.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TerminalCredentials, canonicalFrame, canonicalRequest, streamedBodyHash, uploadFramesContentType } from '../../contracts/sync-api';
import { systemClock } from './clock';
import { SyncClient } from './sync-client';
import { SimulatedClock } from './test-support/simulated-clock';

const credentials: TerminalCredentials = { terminalId: 'T-0001', secret: randomBytes(32).toString('base64url') };

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  signatureValid: boolean;
}

type Answer = { status: number; headers?: Record<string, string>; body?: string } | 'hang';

let server: http.Server;
let base: string;
let seen: Seen[];
let answers: Answer[];

function verify(request: IncomingMessage, body: Buffer): boolean {
  const header = (name: string) => String(request.headers[name] ?? '');
  const expected = createHmac('sha256', Buffer.from(credentials.secret, 'base64url'))
    .update(
      canonicalRequest({
        method: request.method ?? '',
        target: request.url ?? '',
        terminalId: header('x-terminal-id'),
        timestamp: header('x-timestamp'),
        nonce: header('x-nonce'),
        bodySha256Hex: createHash('sha256').update(body).digest('hex'),
      }),
    )
    .digest('base64url');
  return expected === header('x-signature') && header('x-terminal-id') === credentials.terminalId;
}

beforeEach(async () => {
  seen = [];
  answers = [];
  server = http.createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body, signatureValid: verify(request, body) });
      const answer = answers.shift() ?? { status: 500, body: '{"code":"internal","message":"no answer scripted"}' };
      if (answer === 'hang') return;
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const heartbeat = { sentAt: '2026-11-01T08:00:00.000Z', versions: { app: '1', catalog: null }, queue: { depth: 0, oldestPendingAgeSeconds: null, needsAttention: 0 }, devices: [] };
const client = (clock = systemClock, url = base) => new SyncClient({ platformUrl: url, credentials, clock, requestTimeoutMs: 5_000 });

describe('SyncClient', () => {
  it('signs every request as the contract says, under the platform URL path, with a fresh nonce each time', async () => {
    const serverTime = new Date().toISOString();
    answers.push({ status: 200, body: JSON.stringify({ serverTime, catalog: null }) }, { status: 200, body: JSON.stringify({ id: 'a0', size: 10, receivedBytes: 4, complete: false }) });
    const c = client(systemClock, `${base}/sync/`);
    expect(await c.heartbeat(heartbeat)).toEqual({ ok: true, value: { serverTime, catalog: null } });
    expect(await c.attachmentProgress({ transactionId: '0190f2a1-0000-7000-8000-000000000001', attachmentId: 'a0' })).toMatchObject({ ok: true, value: { receivedBytes: 4 } });
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['POST /sync/v1/heartbeats', 'GET /sync/v1/transactions/0190f2a1-0000-7000-8000-000000000001/attachments/a0']);
    expect(seen.every((s) => s.signatureValid)).toBe(true);
    expect(seen[0]?.headers['x-nonce']).not.toBe(seen[1]?.headers['x-nonce']);
    expect(seen[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen[0]?.body.toString() ?? '')).toEqual(heartbeat);
  });

  it('sends chunks as signed frames of one streamed request, each chained to the one before', async () => {
    answers.push({ status: 200, body: JSON.stringify({ results: [] }) });
    const transactionId = '0190f2a1-0000-7000-8000-000000000001';
    const frames = [
      { target: { transactionId, attachmentId: 'a1', offset: 2 }, bytes: Buffer.from('3456') },
      { target: { transactionId, attachmentId: 'a2', offset: 0 }, bytes: Buffer.from('xy') },
    ];
    expect(await client().uploadFrames(frames)).toEqual({ ok: true, value: { results: [] } });
    const request = seen[0];
    expect(request).toMatchObject({ method: 'POST', url: '/v1/attachment-frames' });
    expect(request?.headers['content-type']).toBe(uploadFramesContentType);
    // The head is signed as streamed, not over the body.
    const header = (name: string) => String(request?.headers[name] ?? '');
    const head = createHmac('sha256', Buffer.from(credentials.secret, 'base64url'))
      .update(canonicalRequest({ method: 'POST', target: '/v1/attachment-frames', terminalId: 'T-0001', timestamp: header('x-timestamp'), nonce: header('x-nonce'), bodySha256Hex: streamedBodyHash }))
      .digest('base64url');
    expect(header('x-signature')).toBe(head);
    // Each frame: length, header, data; its signature chains from the previous one.
    let at = 0;
    let previous = head;
    const body = request?.body ?? Buffer.alloc(0);
    for (const frame of frames) {
      const length = body.readUInt32BE(at);
      const parsed = JSON.parse(body.subarray(at + 4, at + 4 + length).toString()) as { signature: string; length: number };
      const data = body.subarray(at + 4 + length, at + 4 + length + parsed.length);
      expect(data.toString()).toBe(frame.bytes.toString());
      const expected = createHmac('sha256', Buffer.from(credentials.secret, 'base64url'))
        .update(canonicalFrame(previous, { ...frame.target, length: frame.bytes.length }, createHash('sha256').update(data).digest('hex')))
        .digest('base64url');
      expect(parsed.signature).toBe(expected);
      previous = parsed.signature;
      at += 4 + length + parsed.length;
    }
    expect(at).toBe(body.length);
  });

  it('turns answers the contract does not allow into malformedAnswer failures that name paths, never values', async () => {
    const idNumber = '11010519491231002X';
    answers.push({ status: 200, body: JSON.stringify({ serverTime: idNumber, catalog: null }) }, { status: 200, body: '<html>captive portal</html>' }, { status: 201, body: '{}' });
    const c = client();
    const shape = await c.heartbeat(heartbeat);
    expect(shape).toEqual({ ok: false, failure: { kind: 'malformedAnswer', status: 200, message: 'the 200 answer does not fit the contract: serverTime: invalid_format' } });
    expect(JSON.stringify(shape)).not.toContain(idNumber);
    expect(await c.heartbeat(heartbeat)).toEqual({ ok: false, failure: { kind: 'malformedAnswer', status: 200, message: 'the 200 answer is not JSON' } });
    expect(await c.heartbeat(heartbeat)).toMatchObject({ ok: false, failure: { kind: 'malformedAnswer', status: 201 } });
  });

  it("types the platform's refusals, with Retry-After; an error page from a proxy is an unexpected status", async () => {
    answers.push(
      { status: 409, body: JSON.stringify({ code: 'idempotencyConflict', message: 'other content' }) },
      { status: 503, headers: { 'retry-after': '7' }, body: JSON.stringify({ code: 'unavailable', message: 'storage down' }) },
      { status: 502, headers: { 'content-type': 'text/html' }, body: '<html>Bad Gateway</html>' },
    );
    const c = client();
    expect(await c.heartbeat(heartbeat)).toEqual({ ok: false, failure: { kind: 'refused', status: 409, error: { code: 'idempotencyConflict', message: 'other content' }, retryAfterMs: undefined } });
    expect(await c.heartbeat(heartbeat)).toMatchObject({ ok: false, failure: { kind: 'refused', status: 503, retryAfterMs: 7_000 } });
    expect(await c.heartbeat(heartbeat)).toEqual({ ok: false, failure: { kind: 'unexpectedStatus', status: 502, retryAfterMs: undefined } });
  });

  it('learns the offset from a stale-timestamp refusal and resends once, signed with the corrected clock', async () => {
    const clock = new SimulatedClock(Date.parse('2026-11-01T09:00:00Z'));
    const serverTime = '2026-11-01T08:00:00.000Z';
    const stale = { status: 401, body: JSON.stringify({ code: 'staleTimestamp', message: 'stale', serverTime }) };
    answers.push(stale, { status: 200, body: JSON.stringify({ serverTime, catalog: null }) }, stale, stale);
    const c = client(clock);
    expect(await c.heartbeat(heartbeat)).toMatchObject({ ok: true });
    expect(seen.map((s) => Number(s.headers['x-timestamp']))).toEqual([Date.parse('2026-11-01T09:00:00Z'), Date.parse(serverTime)]);
    expect(c.clockOffsetMs).toBe(-3_600_000);
    expect(c.platformNow()).toBe(Date.parse(serverTime));
    // Refused again after the correction: given back, not resent for ever.
    expect(await c.heartbeat(heartbeat)).toMatchObject({ ok: false, failure: { kind: 'refused', error: { code: 'staleTimestamp' } } });
    expect(seen).toHaveLength(4);
  });

  it('times out on its own clock, and stops requests in flight when closed', async () => {
    const clock = new SimulatedClock(Date.now());
    answers.push('hang', 'hang');
    const c = client(clock);
    const pending = c.heartbeat(heartbeat);
    await new Promise((resolve) => setTimeout(resolve, 50));
    clock.advance(5_000);
    expect(await pending).toEqual({ ok: false, failure: { kind: 'timeout', message: 'no complete answer within 5000 ms' } });
    const second = c.heartbeat(heartbeat);
    await new Promise((resolve) => setTimeout(resolve, 50));
    c.close();
    expect(await second).toMatchObject({ ok: false, failure: { kind: 'closed' } });
    expect(await c.heartbeat(heartbeat)).toMatchObject({ ok: false, failure: { kind: 'closed' } });
  });

  it('reports a refused connection as a network failure', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await client(systemClock, `http://127.0.0.1:${port}`).heartbeat(heartbeat)).toEqual({ ok: false, failure: { kind: 'network', message: 'ECONNREFUSED' } });
  });

  it('fetches the catalog with If-None-Match: 304 is unchanged, 200 needs an ETag', async () => {
    answers.push({ status: 304 }, { status: 200, body: JSON.stringify({ schemaVersion: 1, version: 'v1', publishedAt: '2026-11-01T00:00:00Z', issuer: 'x', items: [] }) });
    const c = client();
    expect(await c.catalog('"abc"')).toEqual({ ok: true, value: { changed: false } });
    expect(seen[0]?.headers['if-none-match']).toBe('"abc"');
    expect(await c.catalog(undefined)).toEqual({ ok: false, failure: { kind: 'malformedAnswer', status: 200, message: 'the catalog came without an ETag' } });
    expect(seen[1]?.headers['if-none-match']).toBeUndefined();
  });
});
