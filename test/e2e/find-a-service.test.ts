// Finding a service, as a citizen does it: start → home → type `gjj` on the on-screen keyboard → the 公积金 items →
// the guide; in zh-CN, in English and in elder mode, with screenshots of each screen in test-results/e2e/.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { type KioskProcess, projectRoot, startKioskProcess } from './support/kiosk-process';

const artefacts = path.join(projectRoot, 'test-results', 'e2e');
const viewport = { width: 1280, height: 800 };

/** Every visible button's box: none smaller than `min` px, none outside the viewport. */
async function checkTargets(page: Page, min: number): Promise<void> {
  const boxes = await page.locator('button:visible').evaluateAll((buttons) =>
    buttons.map((b) => {
      const r = b.getBoundingClientRect();
      return { text: (b.textContent ?? '').trim().slice(0, 20), width: r.width, height: r.height, right: r.right };
    }),
  );
  expect(boxes.length).toBeGreaterThan(0);
  for (const box of boxes) {
    expect(Math.min(box.width, box.height), `${box.text}: ${box.width}×${box.height}`).toBeGreaterThanOrEqual(min - 0.5);
    expect(box.right, `${box.text} off screen`).toBeLessThanOrEqual(viewport.width + 0.5);
  }
}

async function type(page: Page, keys: string): Promise<void> {
  for (const key of keys) await page.locator(`[data-testid="keyboard"] [data-key="${key}"]`).click();
}

describe('find a service', () => {
  let kiosk: KioskProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await mkdir(artefacts, { recursive: true });
    kiosk = await startKioskProcess({ terminal: { id: 'E2E-0002', name: '端到端测试终端' } });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    expect(await kiosk?.stop()).toBe(0);
  });

  async function openHome(locale: 'zh-CN' | 'en', elder: boolean): Promise<void> {
    await page?.close();
    page = await browser.newPage({ viewport, locale: 'zh-CN' });
    await page.goto(kiosk.pageUrl);
    await page.getByTestId('start-screen').waitFor();
    if (locale === 'en') await page.getByRole('button', { name: '切换为英文' }).click();
    if (elder) await page.locator('.start-actions .pill').first().click();
    await page.getByTestId('start-button').click();
    await page.getByTestId('home-screen').waitFor();
    // The catalog arrives from the embedded platform through the sync agent: hot items show once it is in use.
    await page.locator('.tile-hot').first().waitFor({ timeout: 30_000 });
  }

  async function searchAndOpen(name: string): Promise<void> {
    await page.screenshot({ path: path.join(artefacts, `home.${name}.png`) });
    await type(page, 'gjj');
    expect(await page.getByTestId('search-box').textContent()).toBe('gjj');
    const rows = page.getByTestId('search-results').getByTestId('item-row');
    await rows.first().waitFor();
    const names = await rows.locator('.item-name').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n).toContain('公积金');
    await page.screenshot({ path: path.join(artefacts, `search-gjj.${name}.png`) });
    await rows.first().click();
    await page.getByTestId('guide-name').waitFor();
    expect(await page.getByTestId('guide-name').textContent()).toContain('公积金');
    await page.screenshot({ path: path.join(artefacts, `guide.${name}.png`) });
  }

  it('zh-CN: start → home → gjj → guide with the kiosk capability and shared-data materials; back keeps the results', async () => {
    await openHome('zh-CN', false);
    expect(await page.getByRole('heading', { name: '热门办事' }).isVisible()).toBe(true);
    await checkTargets(page, 44);
    await searchAndOpen('zh-CN');
    expect(await page.getByTestId('guide-kiosk').textContent()).toContain('本机可以办理');
    expect(await page.getByTestId('material-shared').first().textContent()).toContain('免提交');
    await checkTargets(page, 44);
    await page.getByRole('button', { name: '返回', exact: true }).click();
    expect(await page.getByTestId('search-box').textContent()).toBe('gjj');
    await page.getByRole('button', { name: '清空' }).click();
    await page.getByRole('heading', { name: '部门办事' }).waitFor();
    // 返回首页 from a guide clears the search.
    await page.locator('.tile-hot').first().click();
    await page.getByRole('button', { name: '返回首页' }).click();
    await page.getByRole('heading', { name: '热门办事' }).waitFor();
  });

  it('English: the same journey, with no Chinese in the screen\'s own words', async () => {
    await openHome('en', false);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('heading', { name: 'Popular services' }).isVisible()).toBe(true);
    await searchAndOpen('en');
    expect(await page.getByTestId('guide-kiosk').textContent()).toContain('You can do this at this kiosk');
    expect(await page.getByRole('button', { name: 'Home' }).isVisible()).toBe(true);
  });

  it('hot searches: a used search is counted on the kiosk, a digit string only as the item code it found', async () => {
    await openHome('zh-CN', false);
    await type(page, 'gjj');
    await page.getByTestId('search-results').getByTestId('item-row').first().click();
    await page.getByTestId('guide-name').waitFor();
    await page.getByRole('button', { name: '返回', exact: true }).click();
    await page.getByRole('button', { name: '清空' }).click();
    // 15 digits, as long as an old ID number: it finds the item by its code, and counts as that code, never as typed.
    await type(page, '370200000112013');
    await page.getByTestId('search-results').getByTestId('item-row').first().click();
    await page.getByTestId('guide-name').waitFor();
    const file = path.join(kiosk.dataDir, 'search-stats', 'search-counts.json');
    let stored = '';
    await expect
      .poll(async () => {
        stored = await readFile(file, 'utf8').catch(() => '');
        return /"query":"370200-000112013\d{3}"/.test(stored);
      })
      .toBe(true);
    const queries = (JSON.parse(stored) as { entries: { query: string; count: number }[] }).entries.map((e) => e.query);
    expect(queries).toContain('gjj');
    expect(queries.some((q) => q.startsWith('370200000112013'))).toBe(false);
  });

  it('elder mode: larger text and every touch target at least 60 px, on home, results and guide', async () => {
    await openHome('zh-CN', true);
    expect(await page.locator('html').getAttribute('class')).toContain('elder');
    await checkTargets(page, 60);
    const size = await page.locator('.item-name, .tile').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(size).toBeGreaterThanOrEqual(18);
    await searchAndOpen('elder');
    await checkTargets(page, 60);
    const body = await page.locator('.guide-body li').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(body).toBeGreaterThanOrEqual(24);
  });
});
