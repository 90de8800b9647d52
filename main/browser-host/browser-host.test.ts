import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createKioskApiServer } from '../api/kiosk-api-server';
import { systemPing } from '../api/handlers/system-ping';
import { type BrowserHost, startBrowserHost } from './browser-host';
import { recordingLogger, stubCitizenHandlers, stubRemoteScreenHandlers } from '../../test/contract/kiosk-api-contract-suite';

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Tries a WebSocket upgrade and reports the HTTP status it was refused with, or 101 when accepted. */
function upgradeStatus(url: string, origin: string | undefined): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, origin ? { origin } : {});
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.on('error', () => resolve(-1));
  });
}

describe('browser host', () => {
  let dir: string;
  let host: BrowserHost;
  let token: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kiosk-host-'));
    await mkdir(path.join(dir, 'assets'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>kiosk</title>');
    await writeFile(path.join(dir, 'assets', 'app-1234.js'), 'console.log(1)');
    await writeFile(path.join(path.dirname(dir), 'outside-secret.txt'), 'secret');
    const server = createKioskApiServer({
      logger: recordingLogger(),
      handlers: {
        'system.ping': systemPing(),
        'system.getInfo': () => {
          throw new Error('unused');
        },
        'ui.getSettings': () => {
          throw new Error('unused');
        },
        ...stubCitizenHandlers,
        ...stubRemoteScreenHandlers,
      },
    });
    host = await startBrowserHost({ server, rendererDir: dir, logger: recordingLogger() });
    token = new URL(host.pageUrl).hash.replace('#token=', '');
  });

  afterEach(async () => {
    await host.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('listens on loopback only and puts a fresh token in the page URL fragment', async () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.pageUrl.startsWith(`${host.origin}/#token=`)).toBe(true);
    expect(token.length).toBeGreaterThanOrEqual(43);
  });

  it('serves the renderer with a CSP and hardening headers', async () => {
    const page = await get(`${host.origin}/`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>kiosk</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['cache-control']).toBe('no-cache');
    const asset = await get(`${host.origin}/assets/app-1234.js`);
    expect(asset.headers['content-type']).toContain('text/javascript');
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('refuses paths outside the renderer build, encoded or not', async () => {
    for (const p of ['/../outside-secret.txt', '/%2e%2e/outside-secret.txt', '/assets/%2e%2e%2f%2e%2e%2foutside-secret.txt', '/%00']) {
      const res = await get(`${host.origin}${p}`);
      expect(res.status, p).toBe(404);
      expect(res.body).not.toContain('secret');
    }
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const res = await get(`${host.origin}/`, { Host: 'evil.example' });
    expect(res.status).toBe(421);
  });

  it('accepts the WebSocket only with the token and from its own origin', async () => {
    const ws = `${host.origin.replace('http', 'ws')}/kiosk-api`;
    expect(await upgradeStatus(`${ws}?token=${token}`, host.origin)).toBe(101);
    expect(await upgradeStatus(`${ws}?token=${token}`, 'http://127.0.0.1:1')).toBe(403);
    expect(await upgradeStatus(`${ws}?token=${token}`, undefined)).toBe(403);
    expect(await upgradeStatus(`${ws}?token=wrong`, host.origin)).toBe(401);
    expect(await upgradeStatus(ws, host.origin)).toBe(401);
    expect(await upgradeStatus(`${host.origin.replace('http', 'ws')}/other?token=${token}`, host.origin)).toBe(404);
  });

  it('closes a connection that sends a malformed frame, without answering it', async () => {
    const socket = new WebSocket(`${host.origin.replace('http', 'ws')}/kiosk-api?token=${token}`, { origin: host.origin });
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('{"type":"invoke","id":"not-a-number"');
    expect(await closed).toBe(1008);
  });
});
