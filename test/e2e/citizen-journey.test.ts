// The citizen's journey end to end: the built kiosk on the browser host with simulated devices and the embedded
// platform, Debian's Chromium with a fake camera. ID card + face → form through the on-screen keyboards → scan →
// submit → result → a printed receipt decoded from the simulated printer's bytes; the network-ID QR path; a bundle;
// a proactive suggestion confirmed without a form; rating from the result; each step's spoken instruction.
// Screenshots of every screen in zh-CN, English and elder mode go to test-results/e2e/.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CameraSimulator } from '../../drivers/camera/camera-simulator';
import { readPrintedReceipts } from '../../drivers/receipt-printer/test-support/receipt-decoder';
import { launchChromium } from './support/chromium';
import { recordSpeech, spoken } from './support/fake-speech';
import { type KioskProcess, projectRoot, startKioskProcess } from './support/kiosk-process';

const artefacts = path.join(projectRoot, 'test-results', 'e2e');
const viewport = { width: 1280, height: 800 };

/** A KioskApi command sent from the page over the browser host's WebSocket, as the staff screen and tools do. */
async function invoke(page: Page, command: string, input: unknown): Promise<unknown> {
  return page.evaluate(
    async ({ command, input }) => {
      const token = new URLSearchParams(location.hash.slice(1)).get('token');
      const socket = new WebSocket(`${location.origin.replace('http', 'ws')}/kiosk-api?token=${token}`);
      return new Promise<unknown>((resolve, reject) => {
        socket.onopen = () => socket.send(JSON.stringify({ type: 'invoke', id: 1, command, input }));
        socket.onmessage = (event) => {
          resolve(JSON.parse(String(event.data)));
          socket.close();
        };
        socket.onerror = () => reject(new Error('socket error'));
      });
    },
    { command, input },
  );
}

async function simulate(page: Page, deviceId: string, action: string, input: unknown = {}): Promise<void> {
  expect(await invoke(page, 'simulation.run', { deviceId, action, input })).toMatchObject({ result: { ok: true, output: { ok: true } } });
}

async function shot(page: Page, name: string, mode: string): Promise<void> {
  await page.screenshot({ path: path.join(artefacts, `journey-${name}.${mode}.png`) });
}

const step = (page: Page, name: string) => page.locator(`[data-testid="journey-screen"][data-step="${name}"]`).waitFor({ timeout: 30_000 });

async function tap(page: Page, container: string, keys: string): Promise<void> {
  for (const key of keys) await page.locator(`[data-testid="${container}"] [data-key="${key}"]`).click();
}

/** Every visible button at least `min` px in both directions (elder mode: 60). */
async function checkTargets(page: Page, min: number): Promise<void> {
  const boxes = await page.locator('button:visible').evaluateAll((buttons) =>
    buttons.map((b) => {
      const r = b.getBoundingClientRect();
      return { text: (b.textContent ?? '').trim().slice(0, 20), width: r.width, height: r.height };
    }),
  );
  for (const box of boxes) expect(Math.min(box.width, box.height), `${box.text}: ${box.width}×${box.height}`).toBeGreaterThanOrEqual(min - 0.5);
}

describe('citizen journey', () => {
  let kiosk: KioskProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await mkdir(artefacts, { recursive: true });
    kiosk = await startKioskProcess({ terminal: { id: 'E2E-0005', name: '端到端测试终端' } });
    browser = await launchChromium(['--use-fake-ui-for-media-stream', ...new CameraSimulator().chromiumArgs()]);
  });

  afterAll(async () => {
    await browser?.close();
    expect(await kiosk?.stop()).toBe(0);
  });

  async function openHome(locale: 'zh-CN' | 'en', elder: boolean): Promise<void> {
    await page?.close();
    page = await browser.newPage({ viewport, locale: 'zh-CN' });
    await recordSpeech(page);
    await page.goto(kiosk.pageUrl);
    await page.getByTestId('start-screen').waitFor();
    if (locale === 'en') await page.getByRole('button', { name: '切换为英文' }).click();
    if (elder) await page.locator('.start-actions .pill').first().click();
    await page.getByTestId('start-button').click();
    await page.getByTestId('home-screen').waitFor();
    await page.locator('.tile-hot').first().waitFor({ timeout: 30_000 });
  }

  /** Home → search by item code on the on-screen keyboard → guide → "apply at this kiosk". */
  async function startItem(codeDigits: string, name: string, mode: string): Promise<void> {
    await tap(page, 'keyboard', codeDigits);
    const row = page.getByTestId('search-results').getByTestId('item-row').first();
    await row.waitFor();
    expect(await row.locator('.item-name').textContent()).toBe(name);
    await row.click();
    await page.getByTestId('start-journey').click();
    await page.getByTestId('journey-screen').waitFor();
    await shot(page, 'identity', mode);
  }

  /** Suggestions come first when the platform has any; the journey's own form follows. */
  async function pastSuggestions(mode: string): Promise<void> {
    await page.locator('[data-testid="journey-screen"][data-step="form"], [data-testid="suggestion"]').first().waitFor({ timeout: 30_000 });
    if (await page.getByTestId('suggestion').count()) {
      await shot(page, 'suggestions', mode);
      await page.getByTestId('suggestions-skip').click();
    }
    await step(page, 'form');
    // The prefill has answered once the fields show.
    await page.locator('.form-fields .field').first().waitFor();
  }

  /** Network ID QR code on the simulated reader; a scan sent before the screen waits is lost, so it is repeated. */
  async function identifyByQr(code: string, mode: string): Promise<void> {
    await page.getByTestId('path-networkIdQr').click();
    await step(page, 'qr');
    await shot(page, 'qr', mode);
    for (let attempt = 0; attempt < 10; attempt++) {
      await simulate(page, 'barcode-1', 'scan', { text: code });
      if (await page.locator('[data-testid="journey-screen"]:not([data-step="qr"])').isVisible()) break;
      await page.locator('[data-testid="journey-screen"]:not([data-step="qr"])').waitFor({ timeout: 2_000 }).catch(() => undefined);
    }
    await page.getByTestId('demo-badge').waitFor();
  }

  /** Picks a select's or yes/no field's first option, unless shared data filled it (locked, or already chosen). */
  async function pickFirstOption(field: string): Promise<void> {
    const choices = page.locator(`[data-testid="field-${field}"] .choice`);
    const pressed = page.locator(`[data-testid="field-${field}"] .choice[aria-pressed="true"]`);
    if ((await choices.count()) > 0 && (await pressed.count()) === 0) await choices.first().click();
  }

  /** Waits until the screen has said a line containing `text`, in `lang`. */
  async function expectSaid(text: string, lang: 'zh-CN' | 'en'): Promise<void> {
    await expect.poll(async () => (await spoken(page)).some((line) => line.text.includes(text) && line.lang === lang)).toBe(true);
  }

  async function submitAndPrint(mode: string): Promise<{ transactionText: string; reference: string }> {
    await step(page, 'review');
    await shot(page, 'review', mode);
    const before = (await readPrintedReceipts(kiosk.dataDir)).length;
    await page.getByTestId('submit').click();
    await step(page, 'result');
    expect(await page.getByTestId('result-headline').isVisible()).toBe(true);
    await page.locator('[data-testid="print-receipt"].print-printed').waitFor({ timeout: 60_000 });
    await shot(page, 'result', mode);
    const receipts = await readPrintedReceipts(kiosk.dataDir);
    expect(receipts.length).toBe(before + 1);
    const receipt = receipts.at(-1)!.decoded;
    expect(receipt.cuts).toBe(1);
    expect(receipt.qrPayloads).toHaveLength(1);
    // The QR code leads to the progress page of this case by its receipt code (unguessable, unlike the case number).
    const reference = /\/p\/([0-9a-f-]{36})$/.exec(receipt.qrPayloads[0] ?? '')?.[1];
    expect(reference).toBeDefined();
    // The screen shows the case number the platform gave, or else the same receipt code; so does the paper.
    const shown = (await page.getByTestId('step-result').textContent()) ?? '';
    const caseNumber = /\d{6}-\d{8}-\d{6}/.exec(shown)?.[0];
    expect(receipt.lines.join('\n')).toContain(caseNumber ?? reference);
    if (!caseNumber) expect(shown).toContain(reference);
    return { transactionText: [...receipt.lines].join('\n'), reference: reference ?? '' };
  }

  it('zh-CN: ID card + face (a mismatch, then a match) → pinyin and numeric entry → scan → submit → receipt', async () => {
    await openHome('zh-CN', false);
    await startItem('112024', '异地就医备案', 'zh-CN');
    await expectSaid('请选择核验身份的方式', 'zh-CN');
    await page.getByTestId('path-idCardFace').click();
    await step(page, 'card');
    await expectSaid('请把身份证平放在读卡区', 'zh-CN');
    // Back from the card step and in again: the abandoned card wait was canceled, so the reader is not "busy".
    await page.getByTestId('journey-back').click();
    await step(page, 'chooseIdentity');
    await page.getByTestId('path-idCardFace').click();
    await step(page, 'card');
    await shot(page, 'card', 'zh-CN');
    await simulate(page, 'idcard-1', 'present', { card: 'resident' });
    await step(page, 'consent');
    await simulate(page, 'idcard-1', 'remove');
    await shot(page, 'consent', 'zh-CN');
    await page.getByTestId('consent-accept').click();
    await step(page, 'face');
    const capture = page.getByTestId('face-capture');
    await expect.poll(() => capture.isEnabled(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('face-guidance').textContent()).not.toContain('正在检查光线');
    await shot(page, 'face', 'zh-CN');
    await simulate(page, 'face-comparison-demo', 'noMatch');
    await capture.click();
    await page.getByTestId('face-mismatch').waitFor({ timeout: 30_000 });
    await shot(page, 'face-mismatch', 'zh-CN');
    await simulate(page, 'face-comparison-demo', 'match');
    await capture.click();
    await pastSuggestions('zh-CN');
    expect(await page.getByTestId('demo-badge').textContent()).toContain('演示');
    // Card fields come from the Node side, masked and locked.
    const idField = (await page.getByTestId('field-idNumber').textContent()) ?? '';
    expect(idField).toContain('*');
    expect(await page.getByTestId('input-idNumber').count()).toBe(0);
    await shot(page, 'form', 'zh-CN');

    // Chinese by pinyin: "zhejiang" offers 浙江 in the candidate bar.
    await page.getByTestId('input-destinationProvince').click();
    await tap(page, 'text-keyboard', 'zhejiang');
    expect(await page.getByTestId('pinyin-typed').textContent()).toBe('zhejiang');
    await shot(page, 'pinyin', 'zh-CN');
    await page.getByTestId('candidate').filter({ hasText: /^浙江$/ }).click();
    expect(await page.getByTestId('input-destinationProvince').textContent()).toBe('浙江');
    // The numeric pad, with validation as typed: a day that does not exist is said at once.
    await page.getByTestId('input-startDate').click();
    await tap(page, 'numeric-pad', '20270231');
    expect(await page.getByTestId('error-startDate').textContent()).toContain('没有这一天');
    await shot(page, 'form-error', 'zh-CN');
    for (let i = 0; i < 4; i++) await page.locator('[data-testid="numeric-pad"] [data-key="backspace"]').click();
    expect(await page.getByTestId('input-startDate').textContent()).toBe('2027');
    await tap(page, 'numeric-pad', '0301');
    expect(await page.getByTestId('input-startDate').textContent()).toBe('2027-03-01');
    await page.getByTestId('input-phone').click();
    await tap(page, 'numeric-pad', '13812345678');
    await pickFirstOption('residenceCategory');
    await pickFirstOption('insuranceType');
    // Once another field is focused, the phone number shows masked.
    await page.getByTestId('input-destinationProvince').click();
    expect(await page.getByTestId('input-phone').textContent()).toBe('138****5678');
    await page.getByTestId('form-next').click();

    await step(page, 'materials');
    await shot(page, 'materials', 'zh-CN');
    for (const button of await page.getByTestId('scan').all()) await button.click();
    await expect.poll(() => page.getByTestId('scanned-page').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('materials-next').isEnabled()).toBe(true);
    // The page's thumbnail (materials.thumbnail: a PNG data URL) replaces the placeholder, and is an image that loaded.
    const thumbnail = page.locator('[data-testid="scanned-page"] img.thumbnail').first();
    await thumbnail.waitFor({ timeout: 30_000 });
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(240);
    await shot(page, 'materials-scanned', 'zh-CN');
    await page.getByTestId('materials-next').click();

    await step(page, 'review');
    expect(await page.getByTestId('review-phone').textContent()).toContain('138****5678');
    expect(await page.getByTestId('review-destinationProvince').textContent()).toContain('浙江');
    const printed = await submitAndPrint('zh-CN');
    // Nothing personal in full on paper.
    expect(printed.transactionText).not.toContain('13812345678');
    await page.getByTestId('result-done').click();
    await page.locator('[data-testid="finish-screen"], [data-testid="start-screen"], [data-testid="attract-screen"]').first().waitFor();
  });

  it('English: the network-ID QR path, a form without materials, submit and receipt', async () => {
    await openHome('en', false);
    await startItem('112013', '城镇职工基本养老保险参保缴费证明打印', 'en');
    expect(await page.getByTestId('step-choose-identity').textContent()).toContain('How would you like to prove who you are?');
    await identifyByQr('CTID-DEMO-0001', 'en');
    expect(await page.getByTestId('demo-badge').textContent()).toContain('Demo');
    await expectSaid('hold it to the scanner window', 'en');
    await pastSuggestions('en');
    await shot(page, 'form', 'en');
    await page.getByTestId('input-phone').click();
    await tap(page, 'numeric-pad', '1391234');
    await page.getByTestId('form-next').click();
    // Not complete: said in plain words, nothing moves on.
    expect(await page.getByTestId('error-phone').textContent()).toBe('This is not complete yet.');
    await shot(page, 'form-error', 'en');
    await page.getByTestId('input-phone').click();
    await tap(page, 'numeric-pad', '5678');
    await pickFirstOption('purpose');
    const months = page.getByTestId('input-periodMonths');
    if ((await months.textContent())?.match(/^\d+$/) === null) {
      await months.click();
      await tap(page, 'numeric-pad', '12');
    }
    await page.getByTestId('form-next').click();
    const { reference } = await submitAndPrint('en');
    expect(await page.getByTestId('result-done').textContent()).toBe('Done');
    await expectSaid('Your application has been submitted', 'en');

    // 好差评 from the result, for this case; then back to the result.
    const printedBefore = (await readPrintedReceipts(kiosk.dataDir)).length;
    await page.getByTestId('result-rate').click();
    await page.getByTestId('rating-screen').waitFor();
    expect(await page.getByTestId('rating-leave').textContent()).toBe('Back');
    await page.getByTestId('rating-level-5').click();
    await shot(page, 'rating', 'en');
    await page.getByTestId('rating-submit').click();
    await page.getByTestId('rating-thanks').waitFor();
    await page.getByTestId('rating-done').click();
    // Back at the same result, receipt not printed again.
    await page.getByTestId('step-result').waitFor();
    expect(await page.getByTestId('print-receipt').textContent()).toContain('Your receipt is printed');
    expect((await readPrintedReceipts(kiosk.dataDir)).length).toBe(printedBefore);
    // The rating went through the outbox to the platform: the case says it was rated.
    await expect
      .poll(async () => ((await invoke(page, 'progress.query', { reference })) as { result?: { output?: { rated?: boolean } } }).result?.output?.rated, { timeout: 30_000 })
      .toBe(true);
  });

  it('a proactive suggestion (育儿补贴, confirmOnly) confirmed with the identity already checked: no form, one tap to submit', async () => {
    await openHome('zh-CN', false);
    await startItem('112013', '城镇职工基本养老保险参保缴费证明打印', 'zh-CN');
    // 陈大文's network ID: the platform knows his child and holds every field and material the subsidy needs.
    await identifyByQr('CTID-DEMO-0003', 'zh-CN');
    const subsidy = page.getByTestId('suggestion').filter({ hasText: '育儿补贴申领' });
    await subsidy.waitFor({ timeout: 30_000 });
    await expectSaid('这些事项您现在也可以办理', 'zh-CN');
    await shot(page, 'suggestions', 'zh-CN');
    expect(await subsidy.getByTestId('suggestion-take').textContent()).toBe('确认办理');
    await subsidy.getByTestId('suggestion-take').click();
    await step(page, 'review');
    expect(await page.getByTestId('journey-screen').locator('.top-bar-title').textContent()).toContain('育儿补贴');
    // Shared data filled the form: the submit button is ready without typing anything.
    await expect.poll(() => page.getByTestId('submit').isEnabled(), { timeout: 30_000 }).toBe(true);
    await shot(page, 'confirm-only', 'zh-CN');
    await submitAndPrint('confirm-only');
  });

  it('elder mode: a bundle (一件事) through the QR path, with its items shown and large targets on every screen', async () => {
    await openHome('zh-CN', true);
    await page.getByTestId('bundle-tile').filter({ hasText: '失业' }).click();
    await page.getByTestId('journey-screen').waitFor();
    await step(page, 'chooseIdentity');
    const summary = (await page.getByTestId('bundle-summary').textContent()) ?? '';
    expect(summary).toContain('失业保险金申领');
    expect(summary).toContain('住房公积金');
    await checkTargets(page, 60);
    await shot(page, 'identity', 'elder');
    await identifyByQr('CTID-DEMO-0001', 'elder');
    await pastSuggestions('elder');
    await checkTargets(page, 60);
    await shot(page, 'form', 'elder');
    await page.getByTestId('input-phone').click();
    await tap(page, 'numeric-pad', '13812345678');
    await pickFirstOption('separationReason');
    for (const field of ['unemploymentRegistered', 'accountStatus']) await pickFirstOption(field);
    for (const field of ['contributionMonths', 'sealedMonths']) {
      const input = page.getByTestId(`input-${field}`);
      if ((await input.count()) && !/^\d+$/.test((await input.textContent()) ?? '')) {
        await input.click();
        await tap(page, 'numeric-pad', '24');
      }
    }
    await page.getByTestId('input-bankAccount').click();
    await shot(page, 'keyboard', 'elder');
    await checkTargets(page, 60);
    await tap(page, 'text-keyboard', '6222020200112233');
    await page.getByTestId('form-next').click();
    // The materials step shows only when something is not covered by shared data.
    await page.locator('[data-testid="journey-screen"][data-step="materials"], [data-testid="journey-screen"][data-step="review"]').first().waitFor();
    if ((await page.locator('[data-testid="journey-screen"][data-step="materials"]').count()) > 0) {
      await shot(page, 'materials', 'elder');
      for (const button of await page.getByTestId('scan').all()) await button.click();
      await expect.poll(() => page.getByTestId('materials-next').isEnabled(), { timeout: 60_000 }).toBe(true);
      await page.getByTestId('materials-next').click();
    }
    await step(page, 'review');
    const items = (await page.getByTestId('bundle-items').textContent()) ?? '';
    expect(items).toContain('失业保险金申领');
    expect(items).toContain('解除劳动关系提取住房公积金');
    expect(await page.getByTestId('review-bankAccount').textContent()).toContain('************2233');
    await checkTargets(page, 60);
    await submitAndPrint('elder');
  });
});
