// Session rules through the browser host (issue 5 points 10–12): the idle warning, shown and spoken, extended again
// and again; the timeout after a card was read, which ends the Node session and leaves the page's storage empty; the
// reminder to take card and receipt; the attract screen; elder mode's inline banner; large text; the offline banner.
// The page's clock is Playwright's (page.clock): the test moves time on instead of waiting for it.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskApiClient } from '../../contracts/kiosk-api-client';
import { launchChromium } from './support/chromium';
import { recordSpeech, spoken } from './support/fake-speech';
import { connectTestClient } from './support/kiosk-client';
import { type KioskProcess, projectRoot, startKioskProcess } from './support/kiosk-process';

const artefacts = path.join(projectRoot, 'test-results', 'e2e');
const viewport = { width: 1280, height: 800 };
const idle = { warnAfterSeconds: 30, countdownSeconds: 20 };

/** What the page keeps in its own storage; all zero after a wipe. */
function storageCounts(page: Page) {
  return page.evaluate(async () => [
    sessionStorage.length,
    localStorage.length,
    (await indexedDB.databases()).length,
    (await caches.keys()).length,
  ]);
}

async function openPage(browser: Browser, kiosk: KioskProcess): Promise<{ page: Page; sessionIds: string[] }> {
  const page = await browser.newPage({ viewport, locale: 'zh-CN' });
  await recordSpeech(page);
  await page.clock.install();
  // Session ids as the Node side hands them to the screen (the screen shows none of them).
  const sessionIds: string[] = [];
  page.on('websocket', (socket) =>
    socket.on('framereceived', ({ payload }) => {
      const frame = JSON.parse(String(payload)) as { result?: { output?: { sessionId?: string } } };
      const id = frame.result?.output?.sessionId;
      if (id) sessionIds.push(id);
    }),
  );
  await page.goto(kiosk.pageUrl);
  await page.getByTestId('start-screen').waitFor();
  return { page, sessionIds };
}

async function goHome(page: Page): Promise<void> {
  await page.getByTestId('start-button').click();
  await page.getByTestId('home-screen').waitFor();
}

describe('session rules', () => {
  let kiosk: KioskProcess;
  let browser: Browser;
  let api: { client: KioskApiClient; close(): void };

  beforeAll(async () => {
    await mkdir(artefacts, { recursive: true });
    kiosk = await startKioskProcess({ terminal: { id: 'E2E-0101', name: '会话规则测试终端' }, ui: { idle, speech: { enabled: true, volume: 0.5 } } });
    browser = await launchChromium();
    api = connectTestClient(kiosk);
  });

  afterAll(async () => {
    api?.close();
    await browser?.close();
    expect(await kiosk?.stop()).toBe(0);
  });

  it('after a card read: a spoken countdown, more time 10 times, then the timeout ends the Node session and wipes the page', async () => {
    const { page, sessionIds } = await openPage(browser, kiosk);
    await page.screenshot({ path: path.join(artefacts, 'attract.zh-CN.png') });
    await goHome(page);
    await page.locator('.tile-hot').first().waitFor({ timeout: 30_000 });
    await page.locator('.tile-hot').first().click();
    await page.getByTestId('start-journey').click();
    await page.getByTestId('path-idCardFace').click();
    await page.getByTestId('step-card').waitFor();
    expect(await api.client.invoke('simulation.run', { deviceId: 'idcard-1', action: 'present', input: { card: 'resident' } })).toEqual({ ok: true });
    await page.getByTestId('step-consent').waitFor({ timeout: 30_000 });
    expect(sessionIds.length).toBeGreaterThan(0);
    const sessionId = sessionIds.at(-1) as string;
    // What a library or a later change might leave in the page's storage.
    await page.evaluate(async () => {
      sessionStorage.setItem('draft', '{"name":"张三"}');
      localStorage.setItem('last', 'x');
      // Left open, as a library keeps it, closing on `versionchange` as well-behaved IndexedDB code does.
      await new Promise<void>((resolve) => {
        const opening = indexedDB.open('scratch');
        opening.onsuccess = () => {
          opening.result.onversionchange = () => opening.result.close();
          resolve();
        };
      });
      await (await caches.open('thumbs')).put('/thumb/1', new Response('x'));
    });
    expect(await storageCounts(page)).toEqual([1, 1, 1, 1]);

    await page.clock.runFor((idle.warnAfterSeconds - 1) * 1000);
    expect(await page.getByTestId('idle-warning').count()).toBe(0);
    await page.clock.runFor(1000);
    await page.getByTestId('idle-warning').waitFor();
    expect(await page.getByTestId('idle-countdown').textContent()).toContain('20 秒后将结束办理');
    await expect.poll(async () => (await spoken(page)).map((l) => l.text).join('\n')).toContain('20秒后将结束本次办理');
    expect((await spoken(page)).at(-1)?.lang).toBe('zh-CN');
    await page.clock.runFor(10_000);
    expect(await page.getByTestId('idle-countdown').textContent()).toContain('10 秒');
    await expect.poll(async () => (await spoken(page)).at(-1)?.text).toContain('10秒后');
    // In standard mode the warning covers the screen like a dialog.
    expect(await page.getByTestId('idle-warning').evaluate((e) => getComputedStyle(e).position)).toBe('fixed');
    await page.screenshot({ path: path.join(artefacts, 'idle-warning.zh-CN.png') });

    for (let i = 0; i < 10; i++) {
      await page.getByTestId('idle-more-time').click();
      await page.getByTestId('idle-warning').waitFor({ state: 'detached' });
      await page.clock.runFor((idle.warnAfterSeconds + 15) * 1000);
      await page.getByTestId('idle-warning').waitFor();
    }
    // Still the same citizen's journey, after 10 extensions.
    expect(await page.getByTestId('step-consent').isVisible()).toBe(true);

    await page.clock.runFor(6_000);
    await page.getByTestId('finish-screen').waitFor();
    expect(await page.getByTestId('finish-screen').textContent()).toContain('请取走您的身份证');
    await page.screenshot({ path: path.join(artefacts, 'finish.zh-CN.png') });
    await expect.poll(() => storageCounts(page)).toEqual([0, 0, 0, 0]);
    // The Node session is gone: a late command naming it is refused.
    await expect
      .poll(async () => {
        const late = await api.client.invoke('identity.readCard', { sessionId, timeoutSeconds: 1 });
        return late.ok ? 'ok' : late.error.code;
      })
      .toBe('noSession');
    expect(await api.client.invoke('session.end', { sessionId })).toEqual({ ended: false });

    // The reminder gives way to the attract screen by itself.
    await page.clock.runFor(9_000);
    await page.getByTestId('start-screen').waitFor();
    expect(await page.getByTestId('session-frame').getAttribute('data-generation')).toBe('1');
    await page.close();
  });

  it('elder mode: the warning is a banner above the screen, not a pop-up; "finish" returns to the attract screen with the defaults', async () => {
    const { page } = await openPage(browser, kiosk);
    await page.locator('.start-actions .pill').first().click();
    await page.screenshot({ path: path.join(artefacts, 'attract.elder.png') });
    await goHome(page);
    expect(await page.locator('html').getAttribute('class')).toContain('elder');
    await page.locator('.tile-hot').first().waitFor({ timeout: 30_000 });
    await page.locator('.tile-hot').first().click();
    await page.getByTestId('start-journey').click();
    await page.getByTestId('step-choose-identity').waitFor();
    await page.clock.runFor(idle.warnAfterSeconds * 1000);
    await page.getByTestId('idle-warning').waitFor();
    expect(await page.getByTestId('idle-warning').evaluate((e) => getComputedStyle(e).position)).toBe('static');
    const countSize = await page.getByTestId('idle-countdown').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(countSize).toBeGreaterThanOrEqual(30);
    const more = await page.getByTestId('idle-more-time').boundingBox();
    expect(Math.min(more?.width ?? 0, more?.height ?? 0)).toBeGreaterThanOrEqual(60);
    await page.screenshot({ path: path.join(artefacts, 'idle-warning.elder.png') });
    await page.getByTestId('idle-finish').click();
    await page.getByTestId('finish-screen').waitFor();
    await page.screenshot({ path: path.join(artefacts, 'finish.elder.png') });
    await page.getByTestId('finish-done').click();
    // Elder mode is off again for the next citizen.
    await page.getByTestId('start-screen').waitFor();
    expect(await page.locator('html').getAttribute('class')).not.toContain('elder');
    await page.close();
  });

  it('English: the warning and the reminder in English; large text doubles the text and cuts nothing off', async () => {
    const { page } = await openPage(browser, kiosk);
    await page.getByRole('button', { name: '切换为英文' }).click();
    await page.screenshot({ path: path.join(artefacts, 'attract.en.png') });
    await goHome(page);
    // Each screen says its instruction, in the screen's language.
    await expect.poll(async () => (await spoken(page)).at(-1)).toEqual({ text: expect.stringContaining('Please choose a service') as string, lang: 'en' });
    await page.clock.runFor(idle.warnAfterSeconds * 1000);
    await page.getByTestId('idle-warning').waitFor();
    expect(await page.getByTestId('idle-countdown').textContent()).toBe('This visit ends in 20 seconds');
    await expect.poll(async () => (await spoken(page)).at(-1)).toMatchObject({ lang: 'en' });
    await page.screenshot({ path: path.join(artefacts, 'idle-warning.en.png') });
    await page.getByTestId('idle-more-time').click();

    const titleSize = () => page.locator('.top-bar-title').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    const standard = await titleSize();
    await page.getByTestId('large-text-switch').click();
    expect(await page.locator('html').getAttribute('class')).toContain('large-text');
    expect(await titleSize()).toBeCloseTo(standard * 2, 0);
    await page.locator('.tile-hot').first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(artefacts, 'home.large-text.png') });
    await expectNothingCutOff(page);
    // Voice off: the next screen says nothing.
    await page.getByTestId('speech-switch').click();
    expect(await page.getByTestId('speech-switch').textContent()).toBe('Voice: off');
    const saidBefore = (await spoken(page)).length;
    await page.getByTestId('progress-entry').click();
    await page.getByTestId('progress-screen').waitFor();
    expect((await spoken(page)).length).toBe(saidBefore);
    await page.screenshot({ path: path.join(artefacts, 'progress.large-text.png') });
    await expectNothingCutOff(page);
    await page.getByTestId('large-text-switch').click();

    // "Exit" on the home screen with nothing started on the Node side: no reminder, straight back to the attract screen.
    await page.getByRole('button', { name: 'Home' }).click();
    await page.getByRole('button', { name: 'Exit' }).click();
    await page.getByTestId('start-screen').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.getByRole('button', { name: '切换为英文' }).click();
    await goHome(page);
    await page.locator('.tile-hot').first().waitFor({ timeout: 30_000 });
    await page.locator('.tile-hot').first().click();
    await page.getByTestId('start-journey').click();
    await page.getByTestId('step-choose-identity').waitFor();
    // Leaving the journey ends its session; a visit that had one still ends with the reminder.
    await page.getByTestId('journey-leave').click();
    await page.getByRole('button', { name: 'Home' }).click();
    await page.getByRole('button', { name: 'Exit' }).click();
    await page.getByTestId('finish-screen').waitFor();
    expect(await page.getByTestId('finish-screen').textContent()).toContain('Please take your ID card');
    await expect.poll(async () => (await spoken(page)).at(-1)?.text).toContain('Please take your ID card and your receipt');
    await page.screenshot({ path: path.join(artefacts, 'finish.en.png') });
    await page.close();
  });
});

/** No horizontal overflow of the page, and no button or heading whose text is clipped. */
async function expectNothingCutOff(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
  const clipped = await page.locator('button:visible, h1:visible, h2:visible').evaluateAll((elements) =>
    elements
      .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > window.innerWidth + 0.5)
      .map((e) => (e.textContent ?? '').trim().slice(0, 30)),
  );
  expect(clipped).toEqual([]);
}

describe('offline banner', () => {
  let kiosk: KioskProcess;
  let browser: Browser;

  beforeAll(async () => {
    await mkdir(artefacts, { recursive: true });
    // A remote platform nobody answers at: the sync agent's first requests fail, the screen must say so.
    const credentialsFile = path.join(projectRoot, 'test-results', 'e2e', 'offline-credentials.json');
    await writeFile(credentialsFile, JSON.stringify({ terminalId: 'E2E-0102', secret: 'A'.repeat(43) }));
    kiosk = await startKioskProcess({
      terminal: { id: 'E2E-0102', name: '离线测试终端' },
      platform: { mode: 'remote', url: 'http://127.0.0.1:9', credentialsFile },
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    expect(await kiosk?.stop()).toBe(0);
  });

  it('says in plain words what still works and what waits, on the attract screen and after it, in every mode', async () => {
    const page = await browser.newPage({ viewport, locale: 'zh-CN' });
    await page.goto(kiosk.pageUrl);
    const banner = page.getByTestId('offline-banner');
    await banner.waitFor({ timeout: 30_000 });
    const text = await banner.textContent();
    expect(text).toContain('提交申请');
    expect(text).toContain('进度查询');
    await page.screenshot({ path: path.join(artefacts, 'offline.attract.zh-CN.png') });
    await goHome(page);
    await banner.waitFor();
    await page.screenshot({ path: path.join(artefacts, 'offline.home.zh-CN.png') });
    await page.getByRole('button', { name: '长辈模式' }).click();
    await page.screenshot({ path: path.join(artefacts, 'offline.home.elder.png') });
    await page.getByRole('button', { name: '切换为英文' }).click();
    expect(await banner.textContent()).toContain('instant approval');
    await page.screenshot({ path: path.join(artefacts, 'offline.home.en.png') });
    // The progress query is one of the things that wait: it says so in plain words instead of failing.
    await page.getByTestId('progress-entry').click();
    for (const key of '370202-20250301-000001') await page.locator(`[data-testid="reference-keypad"] [data-key="${key}"]`).click();
    await page.getByTestId('progress-submit').click();
    expect(await page.getByTestId('progress-error').textContent({ timeout: 30_000 })).toContain('The network is down');
    await page.screenshot({ path: path.join(artefacts, 'offline.progress.en.png') });
    await page.close();
  });
});
