// The kiosk as a citizen first meets it: the built app as a real process, in Debian's Chromium, over the browser host.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { type KioskProcess, projectRoot, startKioskProcess } from './support/kiosk-process';

const artefacts = path.join(projectRoot, 'test-results', 'e2e');

describe('start screen through the browser host', () => {
  let kiosk: KioskProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await mkdir(artefacts, { recursive: true });
    kiosk = await startKioskProcess({ terminal: { id: 'E2E-0001', name: '端到端测试终端' } });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await page.goto(kiosk.pageUrl);
  });

  afterAll(async () => {
    await browser?.close();
    expect(await kiosk?.stop()).toBe(0);
  });

  it('renders in zh-CN with the terminal identity fetched through KioskApi', async () => {
    await page.getByTestId('start-screen').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('政务服务自助终端');
    // system.getInfo over the WebSocket: the label can only show what the Node side answered.
    await expect.poll(() => page.getByTestId('connection-status').textContent()).toBe('终端服务已连接');
    expect(await page.getByTestId('terminal-label').textContent()).toBe('终端：端到端测试终端（E2E-0001）');
    await page.screenshot({ path: path.join(artefacts, 'start-screen.zh-CN.png') });
  });

  it('answers a KioskApi ping sent from the page itself', async () => {
    const answer = await page.evaluate(async () => {
      const token = new URLSearchParams(location.hash.slice(1)).get('token');
      const socket = new WebSocket(`${location.origin.replace('http', 'ws')}/kiosk-api?token=${token}`);
      return new Promise<unknown>((resolve, reject) => {
        socket.onopen = () => socket.send(JSON.stringify({ type: 'invoke', id: 7, command: 'system.ping', input: { nonce: 'from-page' } }));
        socket.onmessage = (event) => resolve(JSON.parse(String(event.data)));
        socket.onerror = () => reject(new Error('socket error'));
      });
    });
    expect(answer).toMatchObject({ type: 'result', id: 7, result: { ok: true, output: { nonce: 'from-page' } } });
  });

  it('switches to English and to elder mode', async () => {
    await page.getByRole('button', { name: '切换为英文' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Government Self-Service Kiosk');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.screenshot({ path: path.join(artefacts, 'start-screen.en.png') });
    const promptSize = () => page.getByText('Please have your own valid ID').evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
    const standard = await promptSize();
    await page.getByRole('button', { name: 'Senior mode' }).click();
    expect(await page.locator('html').getAttribute('class')).toContain('elder');
    expect(await promptSize()).toBeGreaterThanOrEqual(standard * 1.3);
    // Nothing the citizen needs may be pushed off the screen by the larger text.
    const footer = await page.getByTestId('connection-status').boundingBox();
    expect(footer && footer.y + footer.height).toBeLessThanOrEqual(800);
    await page.screenshot({ path: path.join(artefacts, 'start-screen.elder.png') });
  });

  it('refuses a page from another local origin', async () => {
    const other = await browser.newPage();
    await other.goto('about:blank');
    const token = new URL(kiosk.pageUrl).hash.slice('#token='.length);
    const outcome = await other.evaluate(
      async ({ origin, token }) =>
        new Promise<string>((resolve) => {
          const socket = new WebSocket(`${origin.replace('http', 'ws')}/kiosk-api?token=${token}`);
          socket.onopen = () => resolve('open');
          socket.onerror = () => resolve('refused');
        }),
      { origin: kiosk.origin, token },
    );
    // Even with the token, a page that is not ours is refused on its Origin.
    expect(outcome).toBe('refused');
    await other.close();
  });
});
