// Submitting transactions through the real HTTP server, on both storage backends: idempotency for ever, conflicts,
// concurrent duplicates, case numbers, instant approval (秒批) outcomes, batches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpsTransactionPage, type SubmitAnswer, type SubmitBatchAnswer, type SubmitTransactionRequest, syncApi } from '../../contracts/sync-api';
import { describeEachStorage } from '../test-support/storage-backends';
import { type TestPlatform, sampleSubmit, startTestPlatform } from '../test-support/test-platform';
import { uuidv7 } from '../test-support/signed-client';

const submitPath = syncApi.submitTransaction.path;

/** A valid ID number for someone born on `birth` (YYYYMMDD), check character computed. */
function idNumberBornOn(birth: string): string {
  const body = `370202${birth}123`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (weights[i] as number), 0);
  return body + '10X98765432'[sum % 11];
}

describeEachStorage('submitting transactions', (backend) => {
  let test: TestPlatform;
  // The platform's clock: 2026-11-02 10:00 China time, so ages and case numbers are fixed.
  const now = new Date('2026-11-02T02:00:00Z');

  beforeAll(async () => {
    test = await startTestPlatform(backend.storage, { now: () => now });
  });
  afterAll(async () => {
    await test.close();
  });

  it('commits a transaction without attachments at once, and replays the stored answer byte for byte for ever', async () => {
    const client = await test.newTerminal('370202');
    const request = sampleSubmit(client.terminalId);
    const first = await client.send('POST', submitPath, { json: request });
    expect(first.status).toBe(200);
    const answer = first.json() as SubmitAnswer;
    expect(answer).toMatchObject({ status: 'committed', transactionId: request.transactionId, decision: { outcome: 'approved' } });
    expect(answer.caseNumber).toMatch(/^370202-20261102-\d{6}$/);

    // Key order and whitespace do not matter to idempotency; the answer text stays exactly the same.
    const reordered = Object.fromEntries(Object.entries(request).reverse());
    for (let i = 0; i < 3; i++) {
      const again = await client.send('POST', submitPath, { json: i === 0 ? reordered : request });
      expect(again.status).toBe(200);
      expect(again.text).toBe(first.text);
    }
  });

  it('refuses the same id with a different body with 409 and a clear message, and keeps the original', async () => {
    const client = await test.newTerminal();
    const request = sampleSubmit(client.terminalId);
    const first = await client.send('POST', submitPath, { json: request });
    const changed = await client.send('POST', submitPath, { json: { ...request, payload: { ...request.payload, periodMonths: 36 } } });
    expect(changed.status).toBe(409);
    expect(changed.json()).toMatchObject({ code: 'idempotencyConflict', message: expect.stringContaining(request.transactionId) });
    expect((await client.send('POST', submitPath, { json: request })).text).toBe(first.text);
  });

  it('stores exactly one transaction when duplicates arrive concurrently, and answers them all alike', async () => {
    const client = await test.newTerminal('370203');
    const request = sampleSubmit(client.terminalId);
    const results = await Promise.all(Array.from({ length: 12 }, () => client.send('POST', submitPath, { json: request })));
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(200));
    expect(new Set(results.map((r) => r.text)).size).toBe(1);
    const page = (await (await test.ops(`/v1/ops/terminals/${client.terminalId}/transactions`)).json()) as OpsTransactionPage;
    expect(page.items).toHaveLength(1);
    // No case number was used up by the losers: the next transaction gets the next number.
    const next = (await client.send('POST', submitPath, { json: sampleSubmit(client.terminalId) })).json() as SubmitAnswer;
    const sequence = (n: string): number => Number(n.split('-')[2]);
    expect(sequence(next.caseNumber)).toBe(sequence((results[0]?.json() as SubmitAnswer).caseNumber) + 1);
  });

  it('keeps (terminal, id) apart: another terminal may use the same transaction id', async () => {
    const a = await test.newTerminal();
    const b = await test.newTerminal();
    const id = uuidv7();
    const ra = (await a.send('POST', submitPath, { json: sampleSubmit(a.terminalId, { transactionId: id }) })).json() as SubmitAnswer;
    const rb = (await b.send('POST', submitPath, { json: sampleSubmit(b.terminalId, { transactionId: id }) })).json() as SubmitAnswer;
    expect(ra.caseNumber).not.toBe(rb.caseNumber);
  });

  it('refuses a body that names another terminal than the signature', async () => {
    const a = await test.newTerminal();
    const result = await a.send('POST', submitPath, { json: sampleSubmit('SOMEONE-ELSE') });
    expect(result.status).toBe(403);
    expect(result.json()).toMatchObject({ code: 'forbidden' });
  });

  describe('instant approval (秒批)', () => {
    const elderlyAllowance = '370200-000114007000';
    const submitAllowance = async (payload: SubmitTransactionRequest['payload'], materialsFromSharedData: string[] = ['bank-card']) => {
      const client = await test.newTerminal();
      const result = await client.send('POST', submitPath, {
        json: sampleSubmit(client.terminalId, { itemCode: elderlyAllowance, payload, materialsFromSharedData }),
      });
      expect(result.status).toBe(200);
      return (result.json() as SubmitAnswer & { status: 'committed' }).decision;
    };
    const base = { applicantName: '李四', phone: '13900000000', hukou: 'local', bankAccount: '6222000000000000' };

    it('approves when every rule holds, with the item note', async () => {
      const decision = await submitAllowance({ ...base, idNumber: idNumberBornOn('19461102') });
      expect(decision).toEqual({ outcome: 'approved', reasons: ['审核通过，津贴自下月起按月发放'], catalogVersion: '2026.11.01-1' });
    });

    it('rejects with the reasons of the failed reject rules (age from the ID number, to the day)', async () => {
      // 80 tomorrow: not yet.
      const decision = await submitAllowance({ ...base, hukou: 'nonLocal', idNumber: idNumberBornOn('19461103') });
      expect(decision?.outcome).toBe('rejected');
      expect(decision?.reasons).toEqual(['年满80周岁方可申领高龄津贴', '高龄津贴由户籍地发放，请向户籍地申请']);
    });

    it('sends to review when only review rules fail', async () => {
      const decision = await submitAllowance({ ...base, idNumber: idNumberBornOn('19400101') }, []);
      expect(decision).toMatchObject({ outcome: 'needsReview', reasons: ['未核验到发放账户，工作人员将联系您'] });
    });

    it('treats a malformed ID number as failing the age rule', async () => {
      const decision = await submitAllowance({ ...base, idNumber: '370202194001011230' });
      expect(decision?.outcome).toBe('rejected');
    });

    it('gives no decision for an item without rules, and needs review for an item the catalog does not hold', async () => {
      const client = await test.newTerminal();
      const manual = (await client.send('POST', submitPath, {
        json: sampleSubmit(client.terminalId, { itemCode: '370200-000110011000', payload: { purpose: '入职' } }),
      })).json() as SubmitAnswer;
      expect(manual).not.toHaveProperty('decision');
      const unknown = (await client.send('POST', submitPath, { json: sampleSubmit(client.terminalId, { itemCode: 'no-such-item' }) })).json();
      expect(unknown).toMatchObject({ status: 'committed', decision: { outcome: 'needsReview' } });
    });

    it('decides a bundle (一件事) by all its items and names them in the reasons', async () => {
      const client = await test.newTerminal();
      const payload = {
        applicantName: '王五', idNumber: idNumberBornOn('19900101'), phone: '13700000000', contributionMonths: 30,
        separationReason: 'contractExpired', unemploymentRegistered: true, bankAccount: '6222', accountStatus: 'sealed', sealedMonths: 3,
      };
      const answer = (await client.send('POST', submitPath, {
        json: sampleSubmit(client.terminalId, { itemCode: 'bundle-unemployment', payload, materialsFromSharedData: ['separation-proof', 'bank-card'] }),
      })).json() as SubmitAnswer & { status: 'committed' };
      expect(answer.decision).toMatchObject({ outcome: 'rejected', reasons: ['解除劳动关系提取住房公积金：账户封存不满6个月'] });
    });

    it('does not decide ratings', async () => {
      const client = await test.newTerminal();
      const answer = (await client.send('POST', submitPath, {
        json: sampleSubmit(client.terminalId, { kind: 'rating', payload: { caseNumber: '370202-20261102-000001', level: 5 } }),
      })).json();
      expect(answer).toMatchObject({ status: 'committed' });
      expect(answer).not.toHaveProperty('decision');
    });
  });

  it('takes a batch and answers each transaction as a single submit would, errors included', async () => {
    const client = await test.newTerminal();
    const earlier = sampleSubmit(client.terminalId);
    const earlierAnswer = (await client.send('POST', submitPath, { json: earlier })).json();
    const fresh = sampleSubmit(client.terminalId);
    const conflicting = { ...earlier, payload: { other: true } };
    const result = await client.send('POST', syncApi.submitBatch.path, { json: { transactions: [earlier, fresh, conflicting] } });
    expect(result.status).toBe(200);
    const { results } = result.json() as SubmitBatchAnswer;
    expect(results[0]).toEqual({ ok: true, transactionId: earlier.transactionId, answer: earlierAnswer });
    expect(results[1]).toMatchObject({ ok: true, transactionId: fresh.transactionId, answer: { status: 'committed' } });
    expect(results[2]).toMatchObject({ ok: false, httpStatus: 409, error: { code: 'idempotencyConflict' } });
  });

  it('answers a malformed submit with 400 naming the field', async () => {
    const client = await test.newTerminal();
    const bad = await client.send('POST', submitPath, { json: { ...sampleSubmit(client.terminalId), transactionId: 'not-a-uuid', attachments: [{ id: 'p1' }] } });
    expect(bad.status).toBe(400);
    const error = bad.json() as { code: string; message: string; issues: { path: string }[] };
    expect(error.code).toBe('invalidRequest');
    expect(error.message).toContain('body.transactionId');
    expect(error.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['body.transactionId', 'body.attachments.0.size']));

    const notJson = await client.send('POST', submitPath, { bytes: Buffer.from('{"oops'), contentType: 'application/json' });
    expect(notJson.status).toBe(400);
    expect(notJson.json()).toMatchObject({ code: 'invalidRequest', message: expect.stringContaining('not valid JSON') });

    const wrongType = await client.send('POST', submitPath, { bytes: Buffer.from('hello'), contentType: 'text/plain' });
    expect(wrongType.status).toBe(415);

    const nul = await client.send('POST', submitPath, { json: sampleSubmit(client.terminalId, { payload: { name: 'a\u0000b' } }) });
    expect(nul.status).toBe(400);
    expect(nul.json()).toMatchObject({ code: 'invalidRequest', message: expect.stringContaining('U+0000') });
  });
});
