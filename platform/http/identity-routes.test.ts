// The identity endpoints through real HTTP on a PGlite platform with the DEMO adapter: scripted face answers per
// terminal, the demo QR codes, size caps, and that neither the database files nor the request log keep a face image.
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncApi } from '../../contracts/sync-api';
import { type RunningPlatform, startPlatform } from '../start-platform';
import { PlatformStorage } from '../storage/platform-storage';
import { pgliteTemplate } from '../test-support/storage-backends';
import { SignedClient } from '../test-support/signed-client';
import { provisionTerminal } from '../terminals/provision';
import type { IdentityAdapter } from '../identity/identity-adapter';

/** A JPEG-shaped image (SOI … EOI) whose middle is a random run no other bytes in the test can contain. */
function liveJpeg(): { bytes: Buffer; marker: Buffer } {
  const marker = randomBytes(48);
  return { bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), marker, Buffer.from([0xff, 0xd9])]), marker };
}

function faceRequest(image: Buffer = liveJpeg().bytes) {
  return {
    cardPhoto: { format: 'wlt', base64: randomBytes(1024).toString('base64') },
    liveImage: { mimeType: 'image/jpeg', base64: image.toString('base64') },
  };
}

describe('identity endpoints (demo adapter)', () => {
  let dataDir: string;
  let storage: PlatformStorage;
  let platform: RunningPlatform;
  /** The last test closes platform and storage itself, to read the database files. */
  let open = false;
  const logLines: string[] = [];
  const newTerminal = async (): Promise<SignedClient> =>
    new SignedClient(platform.url, await provisionTerminal(storage, { terminalId: `T-${randomBytes(4).toString('hex')}`, name: 't', region: '370202' }));

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'platform-identity-'));
    await cp(await pgliteTemplate(), dataDir, { recursive: true });
    storage = await PlatformStorage.open({ kind: 'pglite', dataDir });
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => (logLines.push(chunk.toString('utf8')), done()) });
    platform = await startPlatform({ storage, logger: pino({ level: 'trace' }, sink), initialCatalog: null });
    open = true;
  });
  afterAll(async () => {
    if (open) {
      await platform.close();
      await storage.close();
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers match by default and plays a terminal’s scripted answers in order, then match again', async () => {
    const kiosk = await newTerminal();
    const other = await newTerminal();
    const compare = async (client: SignedClient) => client.send('POST', syncApi.compareFace.path, { json: faceRequest() });

    expect((await compare(kiosk)).json()).toEqual({ match: true, demo: true });
    const scripted = await kiosk.send('POST', syncApi.demoFaceScript.path, { json: { answers: ['noMatch', 'serviceDown'] } });
    expect(scripted.json()).toEqual({ queued: ['noMatch', 'serviceDown'] });

    // Another terminal's script is its own.
    expect((await compare(other)).json()).toEqual({ match: true, demo: true });
    expect((await compare(kiosk)).json()).toEqual({ match: false, demo: true });
    const down = await compare(kiosk);
    expect(down.status).toBe(503);
    expect(down.json()).toMatchObject({ code: 'unavailable' });
    expect((await compare(kiosk)).json()).toEqual({ match: true, demo: true });

    // replace drops what was queued.
    await kiosk.send('POST', syncApi.demoFaceScript.path, { json: { answers: ['noMatch', 'noMatch'] } });
    expect((await kiosk.send('POST', syncApi.demoFaceScript.path, { json: { answers: ['serviceDown'], replace: true } })).json()).toEqual({ queued: ['serviceDown'] });
  });

  it('refuses an image that is not what it says, an oversized one, and unsigned requests', async () => {
    const kiosk = await newTerminal();
    const cut = liveJpeg().bytes.subarray(0, 20);
    const refused = await kiosk.send('POST', syncApi.compareFace.path, { json: faceRequest(cut) });
    expect(refused.status).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'invalidRequest', message: expect.stringContaining('liveImage') });

    const huge = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(1_600_000), Buffer.from([0xff, 0xd9])]);
    const tooLarge = await kiosk.send('POST', syncApi.compareFace.path, { json: faceRequest(huge) });
    expect(tooLarge.status).toBe(400);
    expect(JSON.stringify(tooLarge.json())).toContain('liveImage');

    const unsigned = await kiosk.send('POST', syncApi.compareFace.path, { json: faceRequest(), unsigned: true });
    expect(unsigned.status).toBe(401);
  });

  it('resolves the demo network ID and app codes to their people, and rejects any other code', async () => {
    const kiosk = await newTerminal();
    const verify = async (code: string) => (await kiosk.send('POST', syncApi.verifyIdentityQr.path, { json: { code } })).json();
    expect(await verify('CTID-DEMO-0001')).toEqual({ verified: true, method: 'networkIdQr', name: '张三', idNumber: '11010519491231002X', demo: true });
    expect(await verify('APP-DEMO-0002')).toEqual({ verified: true, method: 'appQr', name: '蓝𠮷䶮', idNumber: '330106195603150845', demo: true });
    expect(await verify('CTID-DEMO-9999')).toEqual({ verified: false, demo: true });
    expect(await verify('https://gov.example.cn/p/370202-20261101-000042')).toEqual({ verified: false, demo: true });
  });

  it('keeps no face image: not in the database files, not in the request log', async () => {
    const kiosk = await newTerminal();
    const { bytes, marker } = liveJpeg();
    expect((await kiosk.send('POST', syncApi.compareFace.path, { json: faceRequest(bytes) })).status).toBe(200);
    const base64 = bytes.toString('base64');
    open = false;
    await platform.close();
    await storage.close();
    const files = await readdir(dataDir, { recursive: true, withFileTypes: true });
    let scanned = 0;
    for (const file of files.filter((f) => f.isFile())) {
      const content = await readFile(path.join(file.parentPath, file.name));
      scanned += content.length;
      expect(content.includes(marker), file.name).toBe(false);
      expect(content.includes(Buffer.from(base64.slice(8, 56))), file.name).toBe(false);
    }
    expect(scanned).toBeGreaterThan(1_000_000);
    const log = logLines.join('');
    expect(log).toContain(syncApi.compareFace.path);
    expect(log).not.toContain(base64.slice(8, 56));
  });
});

describe('identity endpoints with a real adapter', () => {
  it('refuses the demo script (404) and passes the adapter’s answers through with demo: false', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'platform-identity-real-'));
    await cp(await pgliteTemplate(), dataDir, { recursive: true });
    const storage = await PlatformStorage.open({ kind: 'pglite', dataDir });
    const seen: number[] = [];
    const adapter: IdentityAdapter = {
      demo: false,
      compareFace: async ({ liveImage }) => (seen.push(liveImage.bytes.length), 'noMatch'),
      verifyQr: async () => ({ result: 'serviceDown' }),
    };
    const platform = await startPlatform({ storage, identity: adapter, initialCatalog: null });
    try {
      const kiosk = new SignedClient(platform.url, await provisionTerminal(storage, { terminalId: 'T-REAL', name: 't', region: '370202' }));
      expect((await kiosk.send('POST', syncApi.demoFaceScript.path, { json: { answers: ['match'] } })).status).toBe(404);
      expect((await kiosk.send('POST', syncApi.compareFace.path, { json: faceRequest() })).json()).toEqual({ match: false, demo: false });
      expect(seen).toEqual([54]);
      expect((await kiosk.send('POST', syncApi.verifyIdentityQr.path, { json: { code: 'CTID-DEMO-0001' } })).status).toBe(503);
    } finally {
      await platform.close();
      await storage.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
