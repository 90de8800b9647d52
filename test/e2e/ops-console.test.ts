// The ops console in Debian's Chromium against a real platform on 127.0.0.1 (in process, PGlite): the first admin
// logs in with the one-time password and sets their own, sees the fleet, sees a terminal turn "paper low" with its
// next heartbeat (signed as a kiosk signs), an operator publishes a catalog (valid → new version the kiosk's next
// fetch gets; invalid → issues by path, nothing published), a viewer cannot publish. Screenshots in test-results/e2e/.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HeartbeatRequest, syncApi } from '../../contracts/sync-api';
import { type RunningPlatform, startPlatform } from '../../platform/start-platform';
import { SignedClient } from '../../platform/test-support/signed-client';
import { type FreshStorage, openFreshStorage } from '../../platform/test-support/storage-backends';
import { sampleSubmit } from '../../platform/test-support/test-platform';
import { provisionTerminal } from '../../platform/terminals/provision';
import { launchChromium } from './support/chromium';
import { projectRoot } from './support/kiosk-process';

const artefacts = path.join(projectRoot, 'test-results', 'e2e');
const viewport = { width: 1366, height: 860 };

function heartbeat(paper: 'ok' | 'low'): HeartbeatRequest {
  return {
    sentAt: new Date().toISOString(),
    versions: { app: '0.1.0', catalog: '2026.11.01-1', os: 'Debian 13' },
    queue: { depth: 1, oldestPendingAgeSeconds: 42, needsAttention: 0 },
    devices: [
      { id: 'receipt-printer', class: 'receiptPrinter', state: 'online', conditions: paper === 'low' ? ['paperLow'] : [] },
      { id: 'id-card-reader', class: 'idCardReader', state: 'online', conditions: [] },
    ],
  };
}

describe('ops console', () => {
  let fresh: FreshStorage;
  let platform: RunningPlatform;
  let browser: Browser;
  let kiosk: SignedClient;
  const users = new Map<string, string>();
  /** Users who set their own password already. */
  const changed = new Set<string>();

  beforeAll(async () => {
    await mkdir(artefacts, { recursive: true });
    fresh = await openFreshStorage('pglite');
    platform = await startPlatform({ storage: fresh.storage, opsAccountPolicy: { cost: { log2N: 12, r: 8, p: 1 } } });
    const admin = await platform.opsAccounts.bootstrapAdmin('admin');
    if (!admin) throw new Error('no first admin');
    users.set('admin', admin.password);
    for (const [name, role] of [['ops-operator', 'operator'], ['ops-viewer', 'viewer']] as const) {
      const created = await platform.opsAccounts.createUser('e2e', name, role);
      if (!created.ok) throw new Error(created.reason);
      users.set(name, created.password);
    }
    kiosk = new SignedClient(platform.url, await provisionTerminal(fresh.storage, { terminalId: 'QD-SN-0007', name: '市南区政务服务中心 7 号机', region: '370202' }));
    for (let i = 0; i < 3; i++) {
      const other = new SignedClient(platform.url, await provisionTerminal(fresh.storage, { terminalId: `QD-LS-00${i + 1}`, name: `崂山区便民服务站 ${i + 1} 号机`, region: '370212' }));
      expect((await other.send('POST', syncApi.heartbeat.path, { json: heartbeat('ok') })).status).toBe(200);
      for (let n = 0; n <= i; n++) expect((await other.send('POST', syncApi.submitTransaction.path, { json: sampleSubmit(other.terminalId) })).status).toBe(200);
    }
    await provisionTerminal(fresh.storage, { terminalId: 'QD-HD-0001', name: '黄岛区政务服务中心 1 号机（未上线）', region: '370211' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
    await fresh?.close();
  });

  /** A fresh browser context (own cookies) logged in as `username`; the first login sets a password of their own. */
  async function logIn(username: string): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${platform.url}/ops/`);
    await page.getByTestId('login-form').waitFor();
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(users.get(username) ?? '');
    await page.getByRole('button', { name: '登录' }).click();
    if (changed.has(username)) {
      await page.waitForURL(/\/ops\/$/);
      return page;
    }
    await page.waitForURL(/\/ops\/password$/);
    if (username === 'admin') await page.screenshot({ path: path.join(artefacts, 'ops-password.png') });
    const own = `${username} own password 2026`;
    await page.getByLabel('当前密码').fill(users.get(username) ?? '');
    await page.getByLabel(/^新密码/).fill(own);
    await page.getByLabel('再次输入新密码').fill(own);
    await page.getByRole('button', { name: '保存新密码' }).click();
    await page.waitForURL(/\/ops\/$/);
    users.set(username, own);
    changed.add(username);
    return page;
  }

  it('the first admin logs in with the one-time password, sets their own, and sees the fleet', async () => {
    const context = await browser.newContext({ viewport, locale: 'zh-CN' });
    const login = await context.newPage();
    await login.goto(`${platform.url}/ops/login`);
    await login.screenshot({ path: path.join(artefacts, 'ops-login.png') });
    await context.close();

    const page = await logIn('admin');
    expect(await page.getByTestId('who').textContent()).toContain('admin · 管理员');
    const rows = page.getByTestId('fleet-table').locator('tbody tr');
    expect(await rows.count()).toBe(5);
    expect(await page.getByTestId('summary-online').locator('.n').textContent()).toBe('3');
    expect(await page.getByTestId('summary-offline').locator('.n').textContent()).toBe('2');
    await page.screenshot({ path: path.join(artefacts, 'ops-fleet.png'), fullPage: true });
  });

  it('shows a terminal turning "paper low" with its next heartbeat', async () => {
    const page = await logIn('ops-viewer');
    expect((await kiosk.send('POST', syncApi.heartbeat.path, { json: heartbeat('ok') })).status).toBe(200);
    await page.reload();
    const row = page.locator('tr[data-terminal="QD-SN-0007"]');
    expect(await row.locator('.badge.ok').textContent()).toBe('在线');
    expect(await row.locator('[data-problem="paperLow"]').count()).toBe(0);

    expect((await kiosk.send('POST', syncApi.heartbeat.path, { json: heartbeat('low') })).status).toBe(200);
    await page.reload();
    expect(await row.locator('[data-problem="paperLow"]').textContent()).toBe('纸张不足');
    expect(await page.getByTestId('summary-paperLow').locator('.n').textContent()).toBe('1');
    await page.getByRole('link', { name: /纸张不足/ }).first().click();
    expect(await page.getByTestId('fleet-table').locator('tbody tr').count()).toBe(1);
    await page.screenshot({ path: path.join(artefacts, 'ops-fleet-paper-low.png'), fullPage: true });

    await page.getByRole('link', { name: 'QD-SN-0007' }).click();
    await page.getByTestId('devices').waitFor();
    expect(await page.getByTestId('devices').textContent()).toContain('paperLow');
    await page.screenshot({ path: path.join(artefacts, 'ops-terminal.png'), fullPage: true });

    // Transactions and statistics, in Chinese and in English.
    await page.getByRole('link', { name: '交易' }).click();
    expect(await page.getByTestId('transactions').locator('tbody tr').count()).toBe(6);
    await page.screenshot({ path: path.join(artefacts, 'ops-transactions.png'), fullPage: true });
    await page.getByRole('link', { name: '统计' }).click();
    expect(await page.getByTestId('stats-total').textContent()).toBe('合计：办件 6 笔，评价 0 条');
    await page.screenshot({ path: path.join(artefacts, 'ops-stats.png'), fullPage: true });
    await page.getByRole('link', { name: 'English' }).click();
    expect(await page.getByTestId('stats-total').textContent()).toBe('Total: 6 applications, 0 ratings');
    await page.getByRole('link', { name: 'Fleet' }).click();
    await page.screenshot({ path: path.join(artefacts, 'ops-fleet.en.png'), fullPage: true });
  });

  it('shows the hot searches heartbeats report, across terminals and for one, and the staff actions on the terminal page', async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const withSearches: HeartbeatRequest = {
      ...heartbeat('ok'),
      searchCounts: [
        { day: today, query: '公积金', count: 7 },
        { day: today, query: 'shebao', count: 4 },
        { day: today, query: '370200-000112013000', count: 2 },
      ],
      staffActions: [
        { seq: 1, at: new Date(Date.now() - 600_000).toISOString(), staffId: 'S-0042', action: 'enter' },
        { seq: 2, at: new Date(Date.now() - 300_000).toISOString(), staffId: 'S-0042', action: 'restock', detail: 'receipt-printer paper' },
      ],
    };
    // Sent twice (a lost answer): counted once.
    for (let i = 0; i < 2; i++) expect((await kiosk.send('POST', syncApi.heartbeat.path, { json: withSearches })).status).toBe(200);
    const other = new SignedClient(platform.url, await provisionTerminal(fresh.storage, { terminalId: 'QD-LS-001', name: '崂山区便民服务站 1 号机', region: '370212' }));
    expect((await other.send('POST', syncApi.heartbeat.path, { json: { ...heartbeat('ok'), searchCounts: [{ day: today, query: 'shebao', count: 5 }] } })).status).toBe(200);

    const page = await logIn('ops-viewer');
    await page.goto(`${platform.url}/ops/stats?days=7`);
    const rows = page.getByTestId('hot-searches').locator('tr');
    expect(await rows.locator('th').allTextContents()).toEqual(['shebao', '公积金', '城镇职工基本养老保险参保缴费证明打印370200-000112013000']);
    expect(await rows.locator('td.num').allTextContents()).toEqual(['9', '7', '2']);
    await page.screenshot({ path: path.join(artefacts, 'ops-stats-hot-searches.png'), fullPage: true });
    await page.getByTestId('search-terminal').fill('QD-LS-001');
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL(/terminal=QD-LS-001/);
    expect(await page.getByTestId('hot-searches').locator('td.num').allTextContents()).toEqual(['5']);

    await page.goto(`${platform.url}/ops/terminals/QD-SN-0007`);
    const staff = page.getByTestId('staff-actions').locator('tbody tr');
    expect(await staff.count()).toBe(2);
    expect(await staff.first().textContent()).toContain('补充耗材');
    expect(await staff.last().textContent()).toContain('进入维护模式');
    await page.getByTestId('staff-actions').screenshot({ path: path.join(artefacts, 'ops-terminal-staff-actions.png') });
  });

  it('an operator publishes a catalog the kiosk then fetches; an invalid one shows its issues and publishes nothing', async () => {
    const page = await logIn('ops-operator');
    await page.getByRole('link', { name: '事项目录' }).click();
    await page.getByRole('button', { name: '载入当前版本以编辑' }).click();
    const editor = page.getByTestId('catalog-json');
    await expect.poll(async () => (await editor.inputValue()).length).toBeGreaterThan(1000);
    // Typing a whole catalog key by key takes long: the edit is set as a paste would set it.
    const paste = (text: string): Promise<void> => editor.evaluate((element, value) => void ((element as HTMLTextAreaElement).value = value), text);
    await paste((await editor.inputValue()).replace('"version": "2026.11.01-1"', '"version": "2026.11.20-1"'));
    await page.getByRole('button', { name: '校验并发布' }).click();
    expect(await page.getByTestId('catalog-result').locator('.notice.ok').textContent()).toBe('已发布版本 2026.11.20-1。');
    await page.screenshot({ path: path.join(artefacts, 'ops-catalog-published.png'), fullPage: true });
    // The kiosk's next fetch gets the new version, signed.
    const fetched = await kiosk.send('GET', syncApi.catalog.path);
    expect(fetched.headers.get('x-catalog-version')).toBe('2026.11.20-1');
    expect(fetched.headers.get('x-catalog-signature')).toMatch(/^ed25519:/);

    const broken = JSON.parse(await editor.inputValue()) as { version: string; items: { name: string; timeLimits: unknown }[] };
    broken.version = '2026.11.21-1';
    (broken.items[0] as { name: string }).name = '';
    delete (broken.items[1] as { timeLimits?: unknown }).timeLimits;
    await paste(JSON.stringify(broken, null, 2));
    await page.getByRole('button', { name: '校验并发布' }).click();
    const error = page.getByTestId('catalog-result').locator('.notice.error');
    await error.waitFor();
    expect(await error.textContent()).toContain('items.0.name');
    expect(await error.textContent()).toContain('items.1.timeLimits');
    await page.screenshot({ path: path.join(artefacts, 'ops-catalog-invalid.png'), fullPage: true });
    await page.reload();
    expect(await page.getByTestId('catalog-version').textContent()).toBe('2026.11.20-1');
  });

  it('a viewer cannot publish', async () => {
    const page = await logIn('ops-viewer');
    await page.getByRole('link', { name: '事项目录' }).click();
    expect(await page.getByTestId('catalog-viewer').textContent()).toBe('只读用户不能发布目录。');
    expect(await page.getByTestId('catalog-form').count()).toBe(0);
    // Not even by calling the API from the page with the session's CSRF token.
    const status = await page.evaluate(async () => {
      const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
      const response = await fetch('/v1/ops/catalog', { method: 'PUT', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: '{}' });
      return response.status;
    });
    expect(status).toBe(403);
    await page.screenshot({ path: path.join(artefacts, 'ops-catalog-viewer.png'), fullPage: true });
  });
});
