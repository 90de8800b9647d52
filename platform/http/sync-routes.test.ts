// Catalog, heartbeat, progress and ops endpoints through the real HTTP server, on both storage backends.
import { createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CatalogDocument } from '../../contracts/catalog';
import { type CaseProgress, type HeartbeatAnswer, type HeartbeatRequest, type OpsTerminal, type OpsTransactionPage, type SubmitAnswer, catalogSignatureHeader, catalogVersionHeader, syncApi } from '../../contracts/sync-api';
import demoCatalog from '../catalog/demo-catalog.json' with { type: 'json' };
import { uuidv7 } from '../test-support/signed-client';
import { describeEachStorage } from '../test-support/storage-backends';
import { type TestPlatform, sampleSubmit, startTestPlatform } from '../test-support/test-platform';

describeEachStorage('catalog, heartbeat, progress and ops', (backend) => {
  let test: TestPlatform;
  // Friday 2026-11-06, 10:00 China time.
  const now = new Date('2026-11-06T02:00:00Z');

  beforeAll(async () => {
    test = await startTestPlatform(backend.storage, { now: () => now });
  });
  afterAll(async () => {
    await test.close();
  });

  it('serves the catalog with an ETag, answers 304 to If-None-Match, and a new version changes both', async () => {
    const client = await test.newTerminal();
    const first = await client.send('GET', syncApi.catalog.path);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(first.headers.get(catalogVersionHeader)).toBe('2026.11.01-1');
    expect(CatalogDocument.parse(first.json()).items.length).toBeGreaterThanOrEqual(10);

    // Signed over the exact bytes with the platform's catalog key; a changed byte fails verification.
    const publicKey = createPublicKey({ key: Buffer.from(test.platform.catalogPublicKey, 'base64url'), format: 'der', type: 'spki' });
    const signature = Buffer.from((first.headers.get(catalogSignatureHeader) ?? '').replace(/^ed25519:/, ''), 'base64url');
    expect(verify(null, Buffer.from(first.text), publicKey, signature)).toBe(true);
    expect(verify(null, Buffer.from(first.text.replace('青岛', '青鸟')), publicKey, signature)).toBe(false);

    const unchanged = await client.send('GET', syncApi.catalog.path, { headers: { 'if-none-match': etag } });
    expect(unchanged.status).toBe(304);
    expect(unchanged.text).toBe('');
    expect(unchanged.headers.get('etag')).toBe(etag);
    expect((await client.send('GET', syncApi.catalog.path, { headers: { 'if-none-match': `"other", W/${etag}` } })).status).toBe(304);

    const next = { ...demoCatalog, version: '2026.11.06-1', items: demoCatalog.items.slice(0, 3), bundles: [] };
    const published = await test.ops(syncApi.publishCatalog.path, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(next) });
    expect(published.status).toBe(200);
    expect(await published.json()).toMatchObject({ version: '2026.11.06-1', created: true, publishedAt: now.toISOString() });

    const changed = await client.send('GET', syncApi.catalog.path, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect((changed.json() as { items: unknown[] }).items).toHaveLength(3);

    // Publishing the same version again: a no-op when identical, refused when different.
    const again = await test.ops(syncApi.publishCatalog.path, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(next) });
    expect(await again.json()).toMatchObject({ created: false });
    const clash = await test.ops(syncApi.publishCatalog.path, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...next, items: demoCatalog.items.slice(0, 2) }),
    });
    expect(clash.status).toBe(409);
    expect(await clash.json()).toMatchObject({ code: 'catalogVersionConflict' });

    // An invalid catalog is refused with the reason.
    const invalid = await test.ops(syncApi.publishCatalog.path, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...next, version: 'x2', bundles: [{ code: 'b', name: 'b', itemCodes: ['nope-1', 'nope-2'] }] }),
    });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ code: 'invalidRequest', message: expect.stringContaining('no item nope-1') });

    // Restore the demo catalog as the one in force for the other tests.
    const restore = { ...demoCatalog, version: '2026.11.06-2' };
    expect((await test.ops(syncApi.publishCatalog.path, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(restore) })).status).toBe(200);
  });

  it('stores heartbeats, answers the server time and the catalog in force, and shows the last one to ops', async () => {
    const client = await test.newTerminal();
    const heartbeat: HeartbeatRequest = {
      sentAt: now.toISOString(),
      versions: { app: '0.1.0', catalog: '2026.11.01-1', shell: 'browser' },
      queue: { depth: 3, oldestPendingAgeSeconds: 42.5, needsAttention: 0 },
      devices: [
        { id: 'printer-1', class: 'receiptPrinter', state: 'online', conditions: ['paperLow'] },
        { id: 'idcard-1', class: 'idCardReader', state: 'online' },
      ],
    };
    const result = await client.send('POST', syncApi.heartbeat.path, { json: heartbeat });
    expect(result.status).toBe(200);
    const answer = result.json() as HeartbeatAnswer;
    expect(answer.serverTime).toBe(now.toISOString());
    expect(answer.catalog?.version).toBe((await test.platform.catalogs.current())?.version);

    const ops = (await (await test.ops(`/v1/ops/terminals/${client.terminalId}`)).json()) as OpsTerminal;
    expect(ops).toMatchObject({ terminalId: client.terminalId, enabled: true, lastHeartbeat: { receivedAt: now.toISOString(), heartbeat: { queue: { depth: 3 } } } });
    expect(ops.lastHeartbeat?.heartbeat.devices[1]?.conditions).toEqual([]);

    const bad = await client.send('POST', syncApi.heartbeat.path, { json: { ...heartbeat, queue: { depth: -1 } } });
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'invalidRequest', message: expect.stringContaining('body.queue') });
  });

  it('answers progress by case number with status, promised date and decision, and nothing personal', async () => {
    const client = await test.newTerminal();
    const approved = (await client.send('POST', syncApi.submitTransaction.path, { json: sampleSubmit(client.terminalId) })).json() as SubmitAnswer;
    const progress = await client.send('GET', `/v1/cases/${approved.caseNumber}`);
    expect(progress.status).toBe(200);
    const body = progress.json() as CaseProgress;
    expect(body).toMatchObject({ caseNumber: approved.caseNumber, status: 'approved', itemName: '城镇职工基本养老保险参保缴费证明打印', promisedBy: '2026-11-06' });
    expect(progress.text).not.toContain('张三');
    expect(progress.text).not.toContain('11010519491231002X');

    // 无犯罪记录证明: promised in 3 working days from a Friday is the next Wednesday.
    const manual = (await client.send('POST', syncApi.submitTransaction.path, {
      json: sampleSubmit(client.terminalId, { itemCode: '370200-000110011000', payload: { purpose: '入职' } }),
    })).json() as SubmitAnswer;
    expect((await client.send('GET', `/v1/cases/${manual.caseNumber}`)).json()).toMatchObject({ status: 'received', promisedBy: '2026-11-11' });

    expect((await client.send('GET', '/v1/cases/370202-20261106-999999')).status).toBe(404);
    const malformed = await client.send('GET', '/v1/cases/not-a-case');
    expect(malformed.status).toBe(400);
    expect(malformed.json()).toMatchObject({ code: 'invalidRequest', message: expect.stringContaining('params.caseNumber') });
  });

  it("pages through a terminal's transactions newest first with a cursor, each exactly once", async () => {
    const client = await test.newTerminal();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const request = sampleSubmit(client.terminalId, { transactionId: uuidv7(Date.UTC(2026, 10, 6, 0, 0, i)) });
      ids.push(request.transactionId);
      expect((await client.send('POST', syncApi.submitTransaction.path, { json: request })).status).toBe(200);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const target = `/v1/ops/terminals/${client.terminalId}/transactions?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await (await test.ops(target)).json()) as OpsTransactionPage;
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((t) => t.transactionId));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());

    const page = (await (await test.ops(`/v1/ops/terminals/${client.terminalId}/transactions?limit=1`)).json()) as OpsTransactionPage;
    expect(page.items[0]).toMatchObject({ kind: 'application', status: 'committed', outcome: 'approved', attachments: { count: 0, complete: 0 } });
    expect(JSON.stringify(page)).not.toContain('张三');

    expect((await test.ops(`/v1/ops/terminals/${client.terminalId}/transactions?limit=0`)).status).toBe(400);
    expect((await test.ops(`/v1/ops/terminals/${client.terminalId}/transactions?cursor=%25%25`)).status).toBe(400);
    expect((await test.ops(`/v1/ops/terminals/${client.terminalId}/transactions?cursor=bm90LWEtdXVpZA`)).status).toBe(400);
  });

  it('answers unknown routes with 404 in the error format, and serves the OpenAPI document', async () => {
    const missing = await fetch(`${test.url}/v1/nothing-here`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'notFound' });
    const openapi = await fetch(`${test.url}/openapi.json`);
    expect(openapi.status).toBe(200);
    expect(await openapi.json()).toMatchObject({ openapi: '3.1.0' });
  });
});
