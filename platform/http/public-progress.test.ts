// The public progress page a receipt's QR code opens: by receipt code only (a case number runs in sequence and could
// be walked through), nothing personal, no script.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type SubmitAnswer, syncApi } from '../../contracts/sync-api';
import { type FreshStorage, openFreshStorage } from '../test-support/storage-backends';
import { type TestPlatform, sampleSubmit, startTestPlatform } from '../test-support/test-platform';

let fresh: FreshStorage;
let test: TestPlatform;

beforeAll(async () => {
  fresh = await openFreshStorage('pglite');
  test = await startTestPlatform(fresh.storage);
});
afterAll(async () => {
  await test.close();
  await fresh.close();
});

it('shows the case by its receipt code, without personal data, and refuses case numbers and unknown codes', async () => {
  const client = await test.newTerminal();
  const request = sampleSubmit(client.terminalId);
  const answer = (await client.send('POST', syncApi.submitTransaction.path, { json: request })).json() as SubmitAnswer;
  expect(answer.status).toBe('committed');

  const page = await fetch(`${test.url}/p/${request.transactionId}`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");
  const html = await page.text();
  expect(html).toContain(answer.caseNumber);
  expect(html).toContain('城镇职工基本养老保险参保缴费证明打印');
  expect(html).toContain('已办结');
  for (const personal of ['张三', '11010519491231002X', '13800138000']) expect(html).not.toContain(personal);

  expect((await fetch(`${test.url}/p/${answer.caseNumber}`)).status).toBe(404);
  const unknown = await fetch(`${test.url}/p/0190f2a1-0000-7000-8000-000000000001`);
  expect(unknown.status).toBe(404);
  expect(await unknown.text()).toContain('未找到此回执');
});
