// The streamed frames upload (contracts/sync-api.ts, "Attachment frames") through the real HTTP server, on both
// storage backends: chunks of several transactions in one request, each frame checked and stored on its own.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type OpsTransactionPage, type UploadFramesAnswer, authHeaderNames, syncApi, uploadFramesContentType } from '../../contracts/sync-api';
import type { SignedClient } from '../test-support/signed-client';
import { describeEachStorage } from '../test-support/storage-backends';
import { type TestPlatform, sampleSubmit, startTestPlatform } from '../test-support/test-platform';

const path = syncApi.uploadFrames.path;
const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

describeEachStorage('uploading attachment frames', (backend) => {
  let test: TestPlatform;

  beforeAll(async () => {
    test = await startTestPlatform(backend.storage);
  });
  afterAll(async () => {
    await test.close();
  });

  /** An accepted transaction with one attachment `scan` of `data`. */
  async function submitWith(client: SignedClient, data: Uint8Array): Promise<string> {
    const request = sampleSubmit(client.terminalId, { attachments: [{ id: 'scan', size: data.byteLength, sha256: sha256(data), contentType: 'image/png' }] });
    expect((await client.send('POST', syncApi.submitTransaction.path, { json: request })).status).toBe(200);
    return request.transactionId;
  }

  async function post(client: SignedClient, head: Record<string, string>, body: Buffer, contentType = uploadFramesContentType) {
    const response = await fetch(`${test.url}${path}`, { method: 'POST', headers: { ...head, 'content-type': contentType }, body });
    return { status: response.status, answer: (await response.json()) as UploadFramesAnswer & { code?: string } };
  }

  async function statuses(client: SignedClient): Promise<Map<string, string>> {
    const page = (await (await test.ops(`/v1/ops/terminals/${client.terminalId}/transactions`)).json()) as OpsTransactionPage;
    return new Map(page.items.map((t) => [t.transactionId, t.status]));
  }

  it('stores chunks of several transactions from one request and commits each whose attachment is complete', async () => {
    const client = await test.newTerminal();
    const a = randomBytes(70_000);
    const b = randomBytes(50_000);
    const [ta, tb] = [await submitWith(client, a), await submitWith(client, b)];
    const head = client.streamedHeaders(path);
    const body = client.frames(head[authHeaderNames.signature] ?? '', [
      { header: { transactionId: ta, attachmentId: 'scan', offset: 0, length: 40_000 }, data: a.subarray(0, 40_000) },
      { header: { transactionId: ta, attachmentId: 'scan', offset: 40_000, length: 30_000 }, data: a.subarray(40_000) },
      { header: { transactionId: tb, attachmentId: 'scan', offset: 0, length: 50_000 }, data: b },
    ]);
    const { status, answer } = await post(client, head, body);
    expect(status).toBe(200);
    expect(answer.stopped).toBeUndefined();
    expect(answer.results.map((r) => (r.ok ? [r.answer.attachment.receivedBytes, r.answer.transactionStatus] : r.error.code))).toEqual([
      [40_000, 'accepted'],
      [70_000, 'committed'],
      [50_000, 'committed'],
    ]);
    const stored = await statuses(client);
    expect([stored.get(ta), stored.get(tb)]).toEqual(['committed', 'committed']);
  });

  it('answers each frame as a single upload would: an offset mismatch refuses that frame only', async () => {
    const client = await test.newTerminal();
    const a = randomBytes(30_000);
    const ta = await submitWith(client, a);
    const head = client.streamedHeaders(path);
    const body = client.frames(head[authHeaderNames.signature] ?? '', [
      { header: { transactionId: ta, attachmentId: 'scan', offset: 10_000, length: 10_000 }, data: a.subarray(10_000, 20_000) },
      { header: { transactionId: ta, attachmentId: 'scan', offset: 0, length: 30_000 }, data: a },
    ]);
    const { answer } = await post(client, head, body);
    expect(answer.results[0]).toMatchObject({ ok: false, httpStatus: 409, error: { code: 'offsetMismatch', receivedBytes: 0 } });
    expect(answer.results[1]).toMatchObject({ ok: true, answer: { transactionStatus: 'committed' } });
  });

  it('stops at a frame whose signature does not chain from this request, keeping the frames before it', async () => {
    const client = await test.newTerminal();
    const a = randomBytes(20_000);
    const b = randomBytes(20_000);
    const [ta, tb] = [await submitWith(client, a), await submitWith(client, b)];
    const head = client.streamedHeaders(path);
    const good = client.frames(head[authHeaderNames.signature] ?? '', [{ header: { transactionId: ta, attachmentId: 'scan', offset: 0, length: 20_000 }, data: a }]);
    // A frame signed for another request (a replayed or spliced frame) cannot follow it.
    const other = client.streamedHeaders(path);
    const spliced = client.frames(other[authHeaderNames.signature] ?? '', [{ header: { transactionId: tb, attachmentId: 'scan', offset: 0, length: 20_000 }, data: b }]);
    const { status, answer } = await post(client, head, Buffer.concat([good, spliced]));
    expect(status).toBe(200);
    expect(answer.results).toHaveLength(1);
    expect(answer.stopped).toMatchObject({ code: 'badSignature' });
    const stored = await statuses(client);
    expect([stored.get(ta), stored.get(tb)]).toEqual(['committed', 'accepted']);
  });

  it('stops at a body cut inside a frame or a malformed header, with a clear reason', async () => {
    const client = await test.newTerminal();
    const a = randomBytes(20_000);
    const ta = await submitWith(client, a);
    const head = client.streamedHeaders(path);
    const body = client.frames(head[authHeaderNames.signature] ?? '', [{ header: { transactionId: ta, attachmentId: 'scan', offset: 0, length: 20_000 }, data: a }]);
    const cut = await post(client, head, body.subarray(0, body.length - 5));
    expect(cut.answer).toMatchObject({ results: [], stopped: { code: 'invalidRequest', message: 'the body ends inside a frame data' } });
    const head2 = client.streamedHeaders(path);
    const garbage = await post(client, head2, Buffer.from([0, 0, 0, 5, 0x7b, 0x78, 0x79, 0x7a, 0x7d]));
    expect(garbage.answer).toMatchObject({ results: [], stopped: { code: 'invalidRequest', message: 'a frame header is not JSON' } });
    expect((await statuses(client)).get(ta)).toBe('accepted');
  });

  it('refuses a head signed over the body instead of as streamed, and another content type, before reading frames', async () => {
    const client = await test.newTerminal();
    const a = randomBytes(1_000);
    const ta = await submitWith(client, a);
    const streamed = client.streamedHeaders(path);
    const body = client.frames(streamed[authHeaderNames.signature] ?? '', [{ header: { transactionId: ta, attachmentId: 'scan', offset: 0, length: 1_000 }, data: a }]);
    const overBody = client.signatureHeaders('POST', path, body);
    expect(await post(client, overBody, body)).toMatchObject({ status: 401, answer: { code: 'badSignature' } });
    expect(await post(client, client.streamedHeaders(path), body, 'application/octet-stream')).toMatchObject({ status: 415, answer: { code: 'unsupportedMediaType' } });
    expect((await statuses(client)).get(ta)).toBe('accepted');
  });
});
