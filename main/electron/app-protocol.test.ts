import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeElectron } from '../../test/fakes/electron';
import { contentSecurityPolicy } from '../common/content-security-policy';
import { createAppRequestHandler, registerAppScheme, serveAppProtocol } from './app-protocol';

let root: string;
let rendererDir: string;
let handler: (request: Request) => Promise<Response>;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'app-protocol-'));
  rendererDir = path.join(root, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(rendererDir, 'assets', 'app.css'), 'body{}');
  await writeFile(path.join(rendererDir, 'assets', 'logo.SVG'), '<svg/>');
  await writeFile(path.join(rendererDir, 'assets', 'blob.bin'), 'x');
  await writeFile(path.join(root, 'secret.txt'), 'outside the renderer dir');
  // A sibling whose name starts like the renderer dir: a naive startsWith() check would let it through.
  await mkdir(path.join(root, 'renderer-private'));
  await writeFile(path.join(root, 'renderer-private', 'key.txt'), 'private');
  handler = createAppRequestHandler({ rendererDir });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const get = (url: string, init?: RequestInit) => handler(new Request(url, init));

describe('app:// request handler', () => {
  it('serves the entry document for / and /index.html with the CSP header', async () => {
    for (const url of ['app://kiosk/', 'app://kiosk/index.html']) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toContain('<title>kiosk</title>');
    }
  });

  it.each([
    ['assets/app.js', 'text/javascript; charset=utf-8'],
    ['assets/app.css', 'text/css; charset=utf-8'],
    ['assets/logo.SVG', 'image/svg+xml'],
    ['assets/blob.bin', 'application/octet-stream'],
  ])('serves %s as %s', async (file, type) => {
    const response = await get(`app://kiosk/${file}?v=3#x`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
  });

  it('answers HEAD without a body', async () => {
    const response = await get('app://kiosk/assets/app.js', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('14');
    expect(await response.text()).toBe('');
  });

  it('refuses other methods', async () => {
    expect((await get('app://kiosk/index.html', { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it.each([
    'app://kiosk/../secret.txt',
    'app://kiosk/%2e%2e/secret.txt',
    'app://kiosk/..%2fsecret.txt',
    'app://kiosk/assets/..%2f..%2fsecret.txt',
    'app://kiosk/..%5csecret.txt',
    'app://kiosk/..%2f..%2frenderer-private%2fkey.txt',
    'app://kiosk/%2e%2e%2frenderer-private/key.txt',
  ])('never serves a file outside the renderer dir: %s', async (url) => {
    const response = await get(url);
    expect([403, 404]).toContain(response.status);
    const body = await response.text();
    expect(body).not.toContain('outside the renderer dir');
    expect(body).not.toContain('private');
  });

  it('refuses malformed escapes and NUL bytes', async () => {
    expect((await get('app://kiosk/%E0%A4%A')).status).toBe(400);
    expect((await get('app://kiosk/index.html%00.js')).status).toBe(400);
  });

  it('answers 404 for a missing asset, a directory, or another host', async () => {
    expect((await get('app://kiosk/assets/missing.js')).status).toBe(404);
    expect((await get('app://kiosk/assets/')).status).toBe(404);
    expect((await get('app://other/index.html')).status).toBe(404);
  });

  it('fails the load (network error) when the entry document is missing, so recovery notices', async () => {
    const broken = createAppRequestHandler({ rendererDir: path.join(root, 'no-such-build') });
    expect((await broken(new Request('app://kiosk/'))).type).toBe('error');
    expect((await broken(new Request('app://kiosk/index.html'))).type).toBe('error');
  });

  it('serves the fallback page from memory, even without a renderer build', async () => {
    const broken = createAppRequestHandler({ rendererDir: path.join(root, 'no-such-build') });
    const response = await broken(new Request('app://kiosk/__shell/fallback.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    const html = await response.text();
    expect(html).toContain('服务暂时不可用');
    expect(html).toContain('Service temporarily unavailable');
    expect(html).not.toMatch(/<script/i);
  });
});

describe('app:// registration', () => {
  beforeEach(() => fakeElectron.reset());

  it('registers app as a standard, secure scheme before ready', () => {
    registerAppScheme();
    expect(fakeElectron.protocol.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
  });

  it('serves through protocol.handle once ready', async () => {
    fakeElectron.app.markReady();
    serveAppProtocol({ rendererDir });
    const response = await fakeElectron.protocol.fetch('app://kiosk/index.html');
    expect(response.status).toBe(200);
  });
});
