// Certificates through real HTTP on a PGlite platform: issued when an A4 item is approved at commit, fetched by the
// terminal that submitted, verified by anyone holding the code on the public page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VerificationCode } from '../../contracts/certificate-verification';
import { Certificate, SubmitAnswer } from '../../contracts/sync-api';
import { PlatformStorage } from '../storage/platform-storage';
import { type TestPlatform, sampleSubmit, startTestPlatform } from '../test-support/test-platform';
import type { SignedClient } from '../test-support/signed-client';

describe('certificates', () => {
  let storage: PlatformStorage;
  let test: TestPlatform;
  let terminal: SignedClient;

  beforeAll(async () => {
    storage = await PlatformStorage.open({ kind: 'pglite' });
    test = await startTestPlatform(storage);
    terminal = await test.newTerminal();
  }, 60_000);
  afterAll(async () => {
    await test.close();
    await storage.close();
  });

  async function submit(overrides: Parameters<typeof sampleSubmit>[1] = {}) {
    const request = sampleSubmit(terminal.terminalId, overrides);
    const sent = await terminal.send('POST', '/v1/transactions', { json: request });
    expect(sent.status).toBe(200);
    return { transactionId: request.transactionId, answer: SubmitAnswer.parse(sent.json()) };
  }

  const certificateOf = (client: SignedClient, transactionId: string) => client.send('GET', `/v1/transactions/${transactionId}/certificate`);

  it('issues one for an approved A4 item: masked holder, non-personal facts, an unguessable code; the page verifies it', async () => {
    const payload = { applicantName: '蓝𠮷䶮', idNumber: '330106195603150845', phone: '13800138000', purpose: 'housePurchase', periodMonths: 24 };
    const { transactionId, answer } = await submit({ payload });
    expect(answer).toMatchObject({ status: 'committed', decision: { outcome: 'approved' } });
    if (answer.status !== 'committed') return;

    const fetched = await certificateOf(terminal, transactionId);
    expect(fetched.status).toBe(200);
    const certificate = Certificate.parse(fetched.json());
    expect(certificate).toMatchObject({
      certificateNumber: `ZM-${answer.caseNumber}`,
      caseNumber: answer.caseNumber,
      itemCode: '370200-000112013000',
      title: '参保缴费证明',
      holderMaskedName: '蓝*䶮',
      lines: ['证明用途：购房', '证明期间（月）：24', expect.stringContaining('证明已出具')],
    });
    expect(VerificationCode.safeParse(certificate.verificationCode).success).toBe(true);
    for (const personal of ['𠮷', '330106', '13800138000']) expect(fetched.text).not.toContain(personal);

    const page = await fetch(`${test.url}/verify/${certificate.verificationCode}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    for (const shown of ['核验通过', certificate.certificateNumber, '参保缴费证明', '蓝*䶮', certificate.issuer]) expect(html).toContain(shown);
    expect(html).toMatch(/出具日期<\/dt><dd>\d{4}年\d\d月\d\d日/);
    for (const personal of ['𠮷', '330106', '13800138000', '购房']) expect(html).not.toContain(personal);
    // A code read off paper by hand may come in lower case.
    expect((await fetch(`${test.url}/verify/${certificate.verificationCode.toLowerCase()}`)).status).toBe(200);
  });

  it('the public page says "not valid" for an unknown or malformed code', async () => {
    for (const code of ['A'.repeat(26), 'not-a-code', '<script>']) {
      const page = await fetch(`${test.url}/verify/${encodeURIComponent(code)}`);
      expect(page.status).toBe(404);
      const html = await page.text();
      expect(html).toContain('核验未通过');
      expect(html).not.toContain('<script>');
    }
  });

  it('codes differ per certificate; another terminal cannot fetch one', async () => {
    const first = await submit();
    const second = await submit();
    const codes = await Promise.all([first, second].map(async ({ transactionId }) => Certificate.parse((await certificateOf(terminal, transactionId)).json()).verificationCode));
    expect(new Set(codes).size).toBe(2);
    const other = await test.newTerminal();
    expect((await certificateOf(other, first.transactionId)).status).toBe(404);
  });

  it('issues none when the application is not approved at once, or the item prints no A4 document', async () => {
    const review = await submit({ payload: { applicantName: '张三', idNumber: '11010519491231002X', phone: '13800138000', purpose: 'other', periodMonths: 24 } });
    expect(review.answer).toMatchObject({ decision: { outcome: 'needsReview' } });
    expect((await certificateOf(terminal, review.transactionId)).status).toBe(404);
    // 医疗保障参保信息查询打印: an A4 template, but no instant-approval rules, so no decision.
    const noRules = await submit({ itemCode: '370200-000112023000', payload: { applicantName: '张三', idNumber: '11010519491231002X', phone: '13800138000' } });
    expect(noRules.answer).not.toHaveProperty('decision');
    expect((await certificateOf(terminal, noRules.transactionId)).status).toBe(404);
  });
});
