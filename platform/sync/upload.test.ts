// Resumable attachment upload through the real HTTP server, on both storage backends.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type AttachmentProgress, type OpsTransactionPage, type SubmitAnswer, type UploadAnswer, buildPath, syncApi } from '../../contracts/sync-api';
import type { SignedClient } from '../test-support/signed-client';
import { describeEachStorage } from '../test-support/storage-backends';
import { type TestPlatform, sampleSubmit, startTestPlatform } from '../test-support/test-platform';

const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

describeEachStorage('uploading attachments', (backend) => {
  let test: TestPlatform;

  beforeAll(async () => {
    test = await startTestPlatform(backend.storage);
  });
  afterAll(async () => {
    await test.close();
  });

  /** Submits an application (item 失业保险金申领) with files; returns the request and the first answer. */
  async function submitWith(client: SignedClient, files: { id: string; data: Uint8Array; sha256?: string; materialCode?: string }[]) {
    const request = sampleSubmit(client.terminalId, {
      itemCode: '370200-000111004000',
      payload: {
        applicantName: '赵六', idNumber: '11010519491231002X', phone: '13800000000', contributionMonths: 40,
        separationReason: 'contractExpired', unemploymentRegistered: true, bankAccount: '6222',
      },
      attachments: files.map((f) => ({
        id: f.id, size: f.data.byteLength, sha256: f.sha256 ?? sha256(f.data), contentType: 'image/jpeg', ...(f.materialCode ? { materialCode: f.materialCode } : {}),
      })),
    });
    const answer = await client.send('POST', syncApi.submitTransaction.path, { json: request });
    expect(answer.status).toBe(200);
    return { request, answer: answer.json() as SubmitAnswer };
  }

  const chunkPath = (transactionId: string, attachmentId: string, offset: number): string =>
    `${buildPath(syncApi.uploadChunk.path, { transactionId, attachmentId })}?offset=${offset}`;

  it('resumes a chunked upload from the offset the platform reports after a cut, and commits when all is there', async () => {
    const client = await test.newTerminal();
    // Born 1949: too old for 失业保险金 — the decision is not the point here; that a decision exists only after commit is.
    const scan = randomBytes(300_000);
    const { request, answer } = await submitWith(client, [{ id: 'separation-proof-1', data: scan, materialCode: 'separation-proof' }]);
    expect(answer).toMatchObject({ status: 'accepted', attachments: [{ id: 'separation-proof-1', size: 300_000, receivedBytes: 0, complete: false }] });
    expect(answer.caseNumber).toMatch(/^370202-\d{8}-\d{6}$/);

    // Two chunks arrive, then the link drops mid-way through the third: the kiosk never heard back.
    const first = await client.send('PATCH', chunkPath(request.transactionId, 'separation-proof-1', 0), { bytes: scan.subarray(0, 100_000) });
    expect(first.status).toBe(200);
    expect((first.json() as UploadAnswer).attachment.receivedBytes).toBe(100_000);
    await client.send('PATCH', chunkPath(request.transactionId, 'separation-proof-1', 100_000), { bytes: scan.subarray(100_000, 200_000) });

    // After the cut the kiosk asks where to resume ...
    const progress = await client.send('GET', buildPath(syncApi.attachmentProgress.path, { transactionId: request.transactionId, attachmentId: 'separation-proof-1' }));
    expect(progress.json()).toEqual({ id: 'separation-proof-1', size: 300_000, receivedBytes: 200_000, complete: false } satisfies AttachmentProgress);
    // ... and a chunk sent from a stale offset is refused with the offset to use.
    const stale = await client.send('PATCH', chunkPath(request.transactionId, 'separation-proof-1', 100_000), { bytes: scan.subarray(100_000, 200_000) });
    expect(stale.status).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'offsetMismatch', receivedBytes: 200_000 });
    // A repeat of the submit meanwhile reports progress and no decision yet.
    const midway = (await client.send('POST', syncApi.submitTransaction.path, { json: request })).json();
    expect(midway).toMatchObject({ status: 'accepted', caseNumber: answer.caseNumber, attachments: [{ receivedBytes: 200_000 }] });

    const last = await client.send('PATCH', chunkPath(request.transactionId, 'separation-proof-1', 200_000), { bytes: scan.subarray(200_000) });
    expect(last.status).toBe(200);
    expect(last.json()).toEqual({ attachment: { id: 'separation-proof-1', size: 300_000, receivedBytes: 300_000, complete: true }, transactionStatus: 'committed' });

    const final = await client.send('POST', syncApi.submitTransaction.path, { json: request });
    expect(final.json()).toMatchObject({ status: 'committed', caseNumber: answer.caseNumber, decision: { outcome: 'rejected' } });
    expect((await client.send('POST', syncApi.submitTransaction.path, { json: request })).text).toBe(final.text);

    // The stored bytes are the bytes sent.
    const hash = createHash('sha256');
    for await (const chunk of backend.storage.q.readChunks(client.terminalId, request.transactionId, 'separation-proof-1')) hash.update(chunk);
    expect(hash.digest('hex')).toBe(sha256(scan));
  });

  it('commits only when every attachment is complete, and decides with the materials they carry', async () => {
    const client = await test.newTerminal();
    const a = randomBytes(10_000);
    const b = randomBytes(20_000);
    const { request } = await submitWith(client, [{ id: 'id-front', data: a }, { id: 'proof', data: b, materialCode: 'separation-proof' }]);
    const one = await client.send('PATCH', chunkPath(request.transactionId, 'id-front', 0), { bytes: a });
    expect(one.json()).toMatchObject({ attachment: { complete: true }, transactionStatus: 'accepted' });
    expect((await client.send('POST', syncApi.submitTransaction.path, { json: request })).json()).toMatchObject({ status: 'accepted' });
    const ops = (await (await test.ops(`/v1/ops/terminals/${client.terminalId}/transactions`)).json()) as OpsTransactionPage;
    expect(ops.items[0]).toMatchObject({ status: 'accepted', committedAt: null, attachments: { count: 2, complete: 1 } });

    const two = await client.send('PATCH', chunkPath(request.transactionId, 'proof', 0), { bytes: b });
    expect(two.json()).toMatchObject({ attachment: { complete: true }, transactionStatus: 'committed' });
    // A retry of the completing chunk (its answer lost) learns that everything is there.
    const retry = await client.send('PATCH', chunkPath(request.transactionId, 'proof', 0), { bytes: b });
    expect(retry.status).toBe(409);
    expect(retry.json()).toMatchObject({ code: 'offsetMismatch', receivedBytes: 20_000 });
  });

  it('refuses an attachment whose bytes do not match the declared SHA-256, and takes it again from 0', async () => {
    const client = await test.newTerminal();
    const data = randomBytes(50_000);
    const { request } = await submitWith(client, [{ id: 'scan', data, sha256: sha256(Buffer.from('something else')) }]);
    await client.send('PATCH', chunkPath(request.transactionId, 'scan', 0), { bytes: data.subarray(0, 25_000) });
    const bad = await client.send('PATCH', chunkPath(request.transactionId, 'scan', 25_000), { bytes: data.subarray(25_000) });
    expect(bad.status).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'attachmentHashMismatch', receivedBytes: 0 });
    expect((await client.send('POST', syncApi.submitTransaction.path, { json: request })).json()).toMatchObject({
      status: 'accepted',
      attachments: [{ id: 'scan', receivedBytes: 0, complete: false }],
    });
  });

  it('refuses chunks past the declared size, empty chunks, wrong content types and unknown attachments', async () => {
    const client = await test.newTerminal();
    const data = randomBytes(1000);
    const { request } = await submitWith(client, [{ id: 'scan', data }]);
    const tooLong = await client.send('PATCH', chunkPath(request.transactionId, 'scan', 0), { bytes: randomBytes(1001) });
    expect(tooLong.status).toBe(413);
    expect(tooLong.json()).toMatchObject({ code: 'tooLarge', receivedBytes: 0 });
    const empty = await client.send('PATCH', chunkPath(request.transactionId, 'scan', 0), { bytes: new Uint8Array() });
    expect(empty.status).toBe(400);
    const wrongType = await client.send('PATCH', chunkPath(request.transactionId, 'scan', 0), { bytes: data, contentType: 'image/jpeg' });
    expect(wrongType.status).toBe(415);
    const unknown = await client.send('PATCH', chunkPath(request.transactionId, 'nope', 0), { bytes: data });
    expect(unknown.status).toBe(404);
    const noOffset = await client.send('PATCH', buildPath(syncApi.uploadChunk.path, { transactionId: request.transactionId, attachmentId: 'scan' }), { bytes: data });
    expect(noOffset.status).toBe(400);
    expect(noOffset.json()).toMatchObject({ code: 'invalidRequest', message: expect.stringContaining('query.offset') });
    // Another terminal cannot touch it.
    const other = await test.newTerminal();
    expect((await other.send('PATCH', chunkPath(request.transactionId, 'scan', 0), { bytes: data })).status).toBe(404);
  });

  it('keeps parallel uploads of one transaction consistent: exactly one chunk commits it', async () => {
    const client = await test.newTerminal();
    const files = Array.from({ length: 6 }, (_, i) => ({ id: `page-${i}`, data: randomBytes(5000 + i) }));
    const { request } = await submitWith(client, files);
    const answers = await Promise.all(files.map((f) => client.send('PATCH', chunkPath(request.transactionId, f.id, 0), { bytes: f.data })));
    const statuses = answers.map((r) => (r.json() as UploadAnswer).transactionStatus);
    expect(statuses.filter((s) => s === 'committed')).toHaveLength(1);
    expect((await client.send('POST', syncApi.submitTransaction.path, { json: request })).json()).toMatchObject({ status: 'committed' });
  });
});
