import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDataDir } from '../outbox/test-support/outbox-fixture';
import { catalogDir, readCatalogFile, writeCatalogFile } from './catalog-file';
import { verifyCatalogSignature } from './catalog-signature';

const keys = generateKeyPairSync('ed25519');
const publicKey = keys.publicKey.export({ format: 'der', type: 'spki' }).toString('base64url');
const signed = (text: string) => `ed25519:${sign(null, Buffer.from(text), keys.privateKey).toString('base64url')}`;

const document = { schemaVersion: 1, version: '2026.11.01-1', publishedAt: '2026-11-01T00:00:00Z', issuer: '青岛市政务服务管理办公室', items: [], bundles: [] };
const envelope = (doc: object = document) => {
  const text = JSON.stringify(doc, null, 1);
  return { etag: '"e1"', version: '2026.11.01-1', fetchedAt: '2026-11-01T08:00:00.000Z', signature: signed(text), text };
};
const file = () => path.join(catalogDir(temp.dataDir), 'catalog.json');

let temp: ReturnType<typeof tempDataDir>;
beforeEach(() => (temp = tempDataDir('sync-catalog-')));
afterEach(() => temp.remove());

describe('verifyCatalogSignature', () => {
  it('accepts the exact signed bytes only, and only with a key', () => {
    const text = JSON.stringify(document);
    expect(verifyCatalogSignature(text, signed(text), publicKey)).toEqual({ ok: true });
    expect(verifyCatalogSignature(`${text} `, signed(text), publicKey)).toMatchObject({ ok: false, reason: expect.stringContaining('does not verify') });
    expect(verifyCatalogSignature(text, undefined, publicKey)).toMatchObject({ ok: false, reason: expect.stringContaining('without an ed25519 signature') });
    expect(verifyCatalogSignature(text, signed(text), undefined)).toMatchObject({ ok: false, reason: expect.stringContaining('no catalogPublicKey') });
    const other = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).toString('base64url');
    expect(verifyCatalogSignature(text, signed(text), other)).toMatchObject({ ok: false });
  });
});

describe('catalog file', () => {
  it('keeps the document exactly as sent, with ETag and signature, and reads it back checked', async () => {
    await writeCatalogFile(temp.dataDir, envelope());
    expect(await readCatalogFile(temp.dataDir, publicKey)).toEqual({ ok: true, catalog: { etag: '"e1"', version: '2026.11.01-1', fetchedAt: '2026-11-01T08:00:00.000Z', document } });
    expect(JSON.parse(readFileSync(file(), 'utf8')).text).toBe(envelope().text);
    expect(readdirSync(catalogDir(temp.dataDir))).toEqual(['catalog.json']);
  });

  it('says missing before the first fetch, and invalid for a damaged, altered or schema-failing file', async () => {
    expect(await readCatalogFile(temp.dataDir, publicKey)).toMatchObject({ ok: false, reason: 'missing' });
    mkdirSync(catalogDir(temp.dataDir), { recursive: true });
    writeFileSync(file(), '{"etag":"x","version":"v"');
    expect(await readCatalogFile(temp.dataDir, publicKey)).toMatchObject({ ok: false, reason: 'invalid', message: expect.stringContaining('not JSON') });
    const altered = envelope();
    writeFileSync(file(), JSON.stringify({ ...altered, text: altered.text.replace('青岛', '济南') }));
    expect(await readCatalogFile(temp.dataDir, publicKey)).toMatchObject({ ok: false, reason: 'invalid', message: expect.stringContaining('does not verify') });
    await writeCatalogFile(temp.dataDir, envelope({ ...document, schemaVersion: 2 }));
    expect(await readCatalogFile(temp.dataDir, publicKey)).toMatchObject({ ok: false, reason: 'invalid', message: expect.stringContaining('fails the schema at schemaVersion') });
  });

  it('replaces the file atomically, also over a temporary file a crash left behind', async () => {
    mkdirSync(catalogDir(temp.dataDir), { recursive: true });
    writeFileSync(path.join(catalogDir(temp.dataDir), '.tmp-catalog.json'), 'half a catalog');
    await writeCatalogFile(temp.dataDir, envelope());
    await writeCatalogFile(temp.dataDir, { ...envelope({ ...document, version: 'v2' }), version: 'v2' });
    const read = await readCatalogFile(temp.dataDir, publicKey);
    expect(read.ok && read.catalog.version).toBe('v2');
    expect(readdirSync(catalogDir(temp.dataDir))).toEqual(['catalog.json']);
  });
});
