// Progress query and rating (issue 5 point 9) through the browser host: applications submitted through KioskApi as
// the journey does, answered by the embedded platform; then the case found by its number typed on the keypad and by
// the receipt's QR code on the simulated reader, and rated (a bad level needs a reason) through the outbox.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskApiClient } from '../../contracts/kiosk-api-client';
import { receiptQrPayload } from '../../contracts/receipt-qr';
import { SerialQueue } from '../../main/services/serial-queue';
import { runCitizenScript } from '../../main/tools/citizen-script';
import { loadScriptedItems } from '../../main/tools/scripted-items';
import { launchChromium } from './support/chromium';
import { connectTestClient } from './support/kiosk-client';
import { type KioskProcess, projectRoot, startKioskProcess } from './support/kiosk-process';

const artefacts = path.join(projectRoot, 'test-results', 'e2e');
const viewport = { width: 1280, height: 800 };

interface Submitted {
  transactionId: string;
  caseNumber: string;
}

describe('progress query and rating', () => {
  let kiosk: KioskProcess;
  let browser: Browser;
  let api: { client: KioskApiClient; close(): void };
  const cases: Submitted[] = [];

  async function submitApplication(): Promise<Submitted> {
    const loaded = await loadScriptedItems(path.join(projectRoot, 'platform', 'catalog', 'demo-catalog.json'));
    if (!loaded.ok) throw new Error(loaded.error);
    const item = loaded.items[0];
    if (!item) throw new Error('no scripted item');
    const script = await runCitizenScript(
      { client: api.client, idCardDeviceId: 'idcard-1', cardTurn: new SerialQueue(), onAccepted: async () => undefined },
      { card: 'resident', item, pages: 1, ...(item.materialCodes[0] ? { materialCode: item.materialCodes[0] } : {}) },
    );
    if (!script.ok) throw new Error(script.reason);
    const result = await api.client.invoke('transaction.result', { transactionId: script.transactionId, waitSeconds: 30 });
    if (result.state !== 'answered') throw new Error(`no answer from the platform: ${result.state}`);
    return { transactionId: script.transactionId, caseNumber: result.caseNumber };
  }

  beforeAll(async () => {
    await mkdir(artefacts, { recursive: true });
    kiosk = await startKioskProcess({ terminal: { id: 'E2E-0103', name: '进度查询测试终端' } });
    browser = await launchChromium();
    api = connectTestClient(kiosk);
    cases.push(await submitApplication(), await submitApplication());
  });

  afterAll(async () => {
    api?.close();
    await browser?.close();
    expect(await kiosk?.stop()).toBe(0);
  });

  async function openProgress(options: { english?: boolean; elder?: boolean } = {}): Promise<Page> {
    const page = await browser.newPage({ viewport, locale: 'zh-CN' });
    await page.goto(kiosk.pageUrl);
    await page.getByTestId('start-screen').waitFor();
    if (options.english) await page.getByRole('button', { name: '切换为英文' }).click();
    if (options.elder) await page.locator('.start-actions .pill').first().click();
    await page.getByTestId('start-button').click();
    await page.getByTestId('progress-entry').click();
    await page.getByTestId('progress-screen').waitFor();
    return page;
  }

  async function type(page: Page, text: string): Promise<void> {
    for (const key of text.toLowerCase()) await page.locator(`[data-testid="reference-keypad"] [data-key="${key}"]`).click();
  }

  it('zh-CN: a case number typed on the keypad, its progress, and a bad rating that needs a reason', async () => {
    const page = await openProgress();
    const { caseNumber } = cases[0] as Submitted;
    expect(await page.getByTestId('progress-submit').isDisabled()).toBe(true);
    await page.screenshot({ path: path.join(artefacts, 'progress.zh-CN.png') });

    await type(page, '123456');
    await page.getByTestId('progress-submit').click();
    expect(await page.getByTestId('progress-error').textContent()).toContain('没有找到这个编号的办件');
    await page.getByRole('button', { name: '重新输入' }).click();
    await page.getByRole('button', { name: '清空' }).click();

    await type(page, caseNumber);
    expect(await page.getByTestId('reference-box').textContent()).toBe(caseNumber.toUpperCase());
    await page.getByTestId('progress-submit').click();
    await page.getByTestId('progress-result').waitFor();
    expect(await page.getByTestId('progress-case-number').textContent()).toBe(caseNumber);
    expect(await page.getByTestId('progress-status').textContent()).not.toBe('');
    await page.screenshot({ path: path.join(artefacts, 'progress-result.zh-CN.png') });

    await page.getByTestId('progress-rate').click();
    await page.getByTestId('rating-screen').waitFor();
    expect(await page.getByTestId('rating-submit').isDisabled()).toBe(true);
    await page.getByTestId('rating-level-2').click();
    // 不满意: the list of reasons appears and sending waits for one.
    await page.getByTestId('rating-reasons').waitFor();
    expect(await page.getByTestId('rating-submit').isDisabled()).toBe(true);
    expect(await page.getByTestId('rating-submit').textContent()).toBe('请先选择原因');
    await page.getByTestId('rating-reason-tooSlow').click();
    await page.getByTestId('rating-reason-unclearGuide').click();
    await page.screenshot({ path: path.join(artefacts, 'rating.zh-CN.png') });
    await page.getByTestId('rating-submit').click();
    await page.getByTestId('rating-thanks').waitFor();
    await page.screenshot({ path: path.join(artefacts, 'rating-thanks.zh-CN.png') });

    // The rating went through the outbox to the platform: the case now says it was rated.
    await expect
      .poll(async () => {
        const progress = await api.client.invoke('progress.query', { reference: caseNumber });
        return progress.ok && progress.rated;
      }, { timeout: 30_000 })
      .toBe(true);
    await page.close();
  });

  it('English: the receipt QR code on the reader finds the case; a code that is not a receipt is named as such', async () => {
    const page = await openProgress({ english: true });
    const { transactionId, caseNumber } = cases[0] as Submitted;
    await page.getByTestId('progress-scan').waitFor();
    await page.screenshot({ path: path.join(artefacts, 'progress.en.png') });
    expect(await api.client.invoke('simulation.run', { deviceId: 'barcode-1', action: 'scan', input: { text: 'https://example.com/not-a-receipt?x=1' } })).toEqual({ ok: true });
    await page.getByTestId('qr-not-receipt').waitFor();
    expect(await page.getByTestId('qr-not-receipt').textContent()).toContain('not the QR code of one of our receipts');

    const payload = receiptQrPayload('https://zwfw.example.gov.cn', transactionId);
    expect(await api.client.invoke('simulation.run', { deviceId: 'barcode-1', action: 'scan', input: { text: payload, symbology: ']Q1' } })).toEqual({ ok: true });
    await page.getByTestId('progress-result').waitFor();
    expect(await page.getByTestId('progress-case-number').textContent()).toBe(caseNumber);
    // Rated in the test before: the case is rated once.
    expect(await page.getByText('You have already rated this case').isVisible()).toBe(true);
    await page.screenshot({ path: path.join(artefacts, 'progress-result.en.png') });
    await page.close();
  });

  it('elder mode: progress and rating with large targets; a good rating needs no reason', async () => {
    const page = await openProgress({ elder: true });
    const { caseNumber } = cases[1] as Submitted;
    await page.screenshot({ path: path.join(artefacts, 'progress.elder.png') });
    await type(page, caseNumber);
    await page.getByTestId('progress-submit').click();
    await page.getByTestId('progress-result').waitFor();
    await page.screenshot({ path: path.join(artefacts, 'progress-result.elder.png') });
    await page.getByTestId('progress-rate').click();
    await page.getByTestId('rating-level-5').click();
    expect(await page.getByTestId('rating-reasons').count()).toBe(0);
    const boxes = await page.locator('button:visible').evaluateAll((buttons) => buttons.map((b) => Math.min(b.getBoundingClientRect().width, b.getBoundingClientRect().height)));
    expect(Math.min(...boxes)).toBeGreaterThanOrEqual(59.5);
    await page.screenshot({ path: path.join(artefacts, 'rating.elder.png') });
    await page.getByTestId('rating-submit').click();
    await page.getByTestId('rating-thanks').waitFor();
    await page.close();
  });
});
