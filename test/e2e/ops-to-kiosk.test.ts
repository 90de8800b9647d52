// Central ops and one kiosk end to end (issue 6, "Done when"): the BUILT kiosk (simulated devices, embedded platform)
// and two pages in Debian's Chromium — the kiosk's screen and the ops console the kiosk prints with its one-time admin
// password. Ops log in and set their own password, see the kiosk's terminal; publish a catalog with a renamed item
// that the kiosk shows after its next sync; queue a reload while a citizen's session is open, which runs only once the
// session ends, and the console shows it done; set a settings layer and a channel's rollout. A tampered copy of the
// stored catalog is refused at the kiosk's next start and never shown.
//
// The kiosk syncs on its own every 60 s; the test makes it sync now as staff do (maintenance mode's "force sync",
// through the test's KioskApi client with the demo staff PIN the kiosk prints), so nothing waits for a clock.
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskApiClient } from '../../contracts/kiosk-api-client';
import { launchChromium } from './support/chromium';
import { connectTestClient } from './support/kiosk-client';
import { type KioskProcess, projectRoot, startKioskProcess } from './support/kiosk-process';
import { firstOpsLogin, forceSync } from './support/staff-and-ops';

const artefacts = path.join(projectRoot, 'test-results', 'e2e');
const kioskViewport = { width: 1280, height: 800 };
const consoleViewport = { width: 1366, height: 900 };
const terminalId = 'E2E-0701';
/** The catalog fetch (about 9.4 MB from the embedded platform) and the screen's reload take a while on a busy machine. */
const slow = { timeout: 60_000, interval: 250 };
/** Per test: several syncs and page loads, each up to `slow`. */
const long = 240_000;
const ownPassword = 'e2e admin own password 2026';

describe('ops console → kiosk', () => {
  let kiosk: KioskProcess;
  let browser: Browser;
  let screen: Page;
  let ops: BrowserContext;
  let consolePage: Page;
  let consoleUrl: string;
  let api: { client: KioskApiClient; close(): void };
  let demoPin: string;
  let renamed: { code: string; before: string; after: string; version: string };

  beforeAll(async () => {
    await mkdir(artefacts, { recursive: true });
    kiosk = await startKioskProcess({ terminal: { id: terminalId, name: '运维联调测试终端' } });
    api = connectTestClient(kiosk);
    browser = await launchChromium();
    screen = await browser.newPage({ viewport: kioskViewport, locale: 'zh-CN' });
    await screen.goto(kiosk.pageUrl);
    await screen.getByTestId('start-screen').waitFor();
    ops = await browser.newContext({ viewport: consoleViewport, locale: 'zh-CN' });
    consolePage = await ops.newPage();
  });

  afterAll(async () => {
    api?.close();
    await browser?.close();
    expect(await kiosk?.stop()).toBe(0);
  });

  async function goHome(): Promise<void> {
    await screen.getByTestId('start-button').click();
    await screen.getByTestId('home-screen').waitFor();
    await screen.locator('.tile-hot').first().waitFor(slow);
  }

  /** 退出 on the home screen, and past the reminder screen when one shows. */
  async function backToStart(): Promise<void> {
    await screen.getByTestId('home-screen').getByRole('button', { name: '退出' }).click();
    await screen.locator('[data-testid="start-screen"], [data-testid="finish-screen"]').first().waitFor(slow);
    if (await screen.getByTestId('finish-screen').isVisible()) await screen.getByTestId('finish-done').click();
    await screen.getByTestId('start-screen').waitFor(slow);
  }

  async function logIn(password: string): Promise<void> {
    await consolePage.goto(consoleUrl);
    await consolePage.getByTestId('login-form').waitFor();
    await consolePage.getByLabel('用户名').fill('admin');
    await consolePage.getByLabel('密码').fill(password);
    await consolePage.getByRole('button', { name: '登录' }).click();
  }

  async function commandState(kind: string): Promise<string | null> {
    await consolePage.goto(`${consoleUrl}terminals/${terminalId}`);
    return consolePage.locator(`[data-testid="commands"] tr[data-kind="${kind}"]`).first().getAttribute('data-state');
  }

  it('ops log in to the console the kiosk printed, set their own password, and see the kiosk in the fleet', async () => {
    const printed = /Ops console \(embedded platform\): (\S+) — first login admin \/ (\S+) \(one-time/.exec(kiosk.output());
    expect(printed, kiosk.output()).not.toBeNull();
    consoleUrl = printed?.[1] ?? '';
    demoPin = /demo staff PIN (\d+)/.exec(kiosk.output())?.[1] ?? '';
    await firstOpsLogin(consolePage, consoleUrl, { username: 'admin', oneTimePassword: printed?.[2] ?? '', ownPassword });

    // The kiosk's first heartbeat went at its start: online, with its versions.
    const row = consolePage.locator(`tr[data-terminal="${terminalId}"]`);
    await expect
      .poll(async () => {
        await consolePage.reload();
        return row.locator('.badge.ok').count();
      }, slow)
      .toBe(1);
    expect(await row.textContent()).toContain('运维联调测试终端');
  }, long);

  it('ops publish a catalog with a renamed item; after the kiosk’s next sync its home screen shows the new name', async () => {
    await goHome();
    const tile = screen.locator('.tile-hot').first();
    const before = (await tile.textContent()) ?? '';
    await backToStart();

    await consolePage.getByRole('link', { name: '事项目录' }).click();
    const current = (await consolePage.getByTestId('catalog-version').textContent()) ?? '';
    // The 5,000-item catalog (14 MB as JSON) is too large for the editor: loading it says so and leaves the editor empty.
    await consolePage.getByRole('button', { name: '载入当前版本以编辑' }).click();
    await expect.poll(() => consolePage.getByTestId('catalog-result').textContent(), slow).toMatch(/^当前生效版本（\d+\.\d MB）过大，不在编辑框中显示/);
    expect(await consolePage.getByTestId('catalog-json').inputValue()).toBe('');

    // So ops edit it as a file: download the version in force, rename one item and raise the version, upload.
    const [download] = await Promise.all([consolePage.waitForEvent('download'), consolePage.getByTestId('catalog-download').click()]);
    expect(download.suggestedFilename()).toBe(`catalog-${current}.json`);
    const catalog = JSON.parse(await readFile(await download.path(), 'utf8')) as { version: string; items: { code: string; name: string }[] };
    const item = catalog.items.find((i) => i.name === before);
    if (!item) throw new Error(`no item named ${before}`);
    item.name = `${before}（新版名称）`;
    catalog.version = `${current}-e2e`;
    renamed = { code: item.code, before, after: item.name, version: catalog.version };
    const edited = path.join(tmpdir(), `ops-to-kiosk-${process.pid}.json`);
    await writeFile(edited, JSON.stringify(catalog, null, 2));
    try {
      await consolePage.locator('#catalog-file').setInputFiles(edited);
      await expect.poll(() => consolePage.getByTestId('catalog-result').textContent(), slow).toMatch(new RegExp(`^${path.basename(edited)}（\\d+\\.\\d MB）过大`));
    } finally {
      await rm(edited, { force: true });
    }
    await consolePage.screenshot({ path: path.join(artefacts, 'ops-to-kiosk.catalog-held.png'), fullPage: true });
    await consolePage.getByRole('button', { name: '校验并发布' }).click();
    await expect.poll(() => consolePage.getByTestId('catalog-result').textContent(), slow).toBe(`已发布版本 ${renamed.version}。`);

    await forceSync(api.client, demoPin);
    await goHome();
    await expect.poll(() => screen.locator('.tile-hot').first().textContent(), slow).toBe(renamed.after);
    await screen.screenshot({ path: path.join(artefacts, 'ops-to-kiosk.renamed-item.png') });
    await backToStart();
    // The console sees the kiosk on the new catalog with its next heartbeat.
    await forceSync(api.client, demoPin);
    await expect
      .poll(async () => {
        await consolePage.goto(`${consoleUrl}terminals/${terminalId}`);
        return consolePage.getByTestId('terminal-facts').textContent();
      }, slow)
      .toContain(renamed.version);
  }, long);

  it('a reload queued in the console waits for the citizen’s session to end, then reloads the screen; the console shows it done', async () => {
    await goHome();
    await screen.locator('.tile-hot').first().click();
    await screen.getByTestId('start-journey').click();
    await screen.getByTestId('step-choose-identity').waitFor(slow);
    // A marker only this page load has: a reload loses it.
    await screen.evaluate(() => void ((window as unknown as { e2eMarker: string }).e2eMarker = 'before reload'));

    await consolePage.goto(`${consoleUrl}terminals/${terminalId}`);
    await consolePage.getByTestId('command-kind').selectOption('reloadUi');
    await consolePage.getByTestId('command-form').getByRole('button', { name: '下发指令' }).click();
    expect(await consolePage.getByTestId('command-notice').textContent()).toBe('已下发指令“重新载入界面”。');
    expect(await commandState('reloadUi')).toBe('pending');

    // The kiosk fetches it with its next heartbeat and holds it: a citizen is being served.
    await forceSync(api.client, demoPin);
    await expect.poll(() => commandState('reloadUi'), slow).toBe('fetched');
    await consolePage.screenshot({ path: path.join(artefacts, 'ops-terminal-command-waiting.zh-CN.png'), fullPage: true });
    expect(await screen.evaluate(() => (window as unknown as { e2eMarker?: string }).e2eMarker)).toBe('before reload');
    expect(await screen.getByTestId('step-choose-identity').isVisible()).toBe(true);

    // The citizen leaves: the session ends, the reload runs.
    await screen.getByTestId('journey-leave').click();
    const marker = () => screen.evaluate(() => (window as unknown as { e2eMarker?: string }).e2eMarker ?? 'gone').catch(() => 'navigating');
    await expect.poll(marker, slow).toBe('gone');
    await screen.getByTestId('start-screen').waitFor(slow);
    await expect.poll(() => commandState('reloadUi'), slow).toBe('done');
    expect(await consolePage.locator('tr[data-kind="reloadUi"] [data-testid="command-state"]').textContent()).toBe('已完成');
  }, long);

  it('ops queue a self-test, push a settings layer and set a rollout; the pages in Chinese and English', async () => {
    await consolePage.goto(`${consoleUrl}terminals/${terminalId}`);
    await consolePage.getByTestId('command-kind').selectOption('selfTest');
    await consolePage.getByTestId('command-form').getByRole('button', { name: '下发指令' }).click();
    await forceSync(api.client, demoPin);
    await expect.poll(() => commandState('selfTest'), slow).toBe('done');
    expect(await consolePage.locator('tr[data-kind="selfTest"]').textContent()).toContain('receipt-1');
    await consolePage.screenshot({ path: path.join(artefacts, 'ops-terminal-commands.zh-CN.png'), fullPage: true });

    await consolePage.getByRole('link', { name: '配置下发' }).click();
    await consolePage.getByTestId('settings-scope').fill(`terminal:${terminalId}`);
    await consolePage.getByTestId('settings-json').fill(JSON.stringify({ ui: { idle: { warnAfterSeconds: 90 } } }, null, 2));
    await consolePage.getByRole('button', { name: '签名并下发' }).click();
    expect(await consolePage.getByTestId('settings-notice').textContent()).toMatch(new RegExp(`^已下发 terminal:${terminalId}，修订号 \\d+。$`));
    await consolePage.screenshot({ path: path.join(artefacts, 'ops-settings.zh-CN.png'), fullPage: true });

    // A feed folder as electron-builder writes it, in the platform's updates folder.
    const feed = path.join(kiosk.dataDir, 'platform', 'updates', 'stable');
    await mkdir(feed, { recursive: true });
    await writeFile(path.join(feed, 'latest-linux.yml'), "version: 0.2.0\nfiles:\n  - url: gov-kiosk-0.2.0.AppImage\npath: gov-kiosk-0.2.0.AppImage\nreleaseDate: '2026-11-20T00:00:00.000Z'\n");
    await consolePage.getByRole('link', { name: '程序更新' }).click();
    const channel = consolePage.locator('tr[data-channel="stable"]');
    expect(await channel.textContent()).toContain('latest-linux.yml: 0.2.0');
    await channel.locator('input[name="stagingPercentage"]').fill('20');
    await channel.getByRole('button', { name: '保存' }).click();
    expect(await consolePage.getByTestId('updates-notice').textContent()).toBe('通道 stable 的灰度比例已设为 20%。');
    const served = await (await fetch(`${consoleUrl.replace(/\/ops\/$/, '')}/updates/stable/latest-linux.yml`)).text();
    expect(served).toContain('stagingPercentage: 20');
    await consolePage.screenshot({ path: path.join(artefacts, 'ops-updates.zh-CN.png'), fullPage: true });

    await consolePage.getByRole('link', { name: 'English' }).click();
    expect(await consolePage.getByRole('heading', { level: 2 }).first().textContent()).toBe('Update channels');
    await consolePage.screenshot({ path: path.join(artefacts, 'ops-updates.en.png'), fullPage: true });
    await consolePage.getByRole('link', { name: 'Settings' }).click();
    await consolePage.screenshot({ path: path.join(artefacts, 'ops-settings.en.png'), fullPage: true });
    await consolePage.goto(`${consoleUrl}terminals/${terminalId}`);
    expect(await consolePage.getByTestId('commands-card').locator('h2').textContent()).toBe('Remote commands');
    await consolePage.screenshot({ path: path.join(artefacts, 'ops-terminal-commands.en.png'), fullPage: true });
    await consolePage.getByRole('link', { name: '中文' }).click();
  }, long);

  it('a tampered copy of the stored catalog is refused at the next start; the screen never shows it and keeps the last good one', async () => {
    const file = path.join(kiosk.dataDir, 'catalog', 'catalog.json');
    const stored = JSON.parse(await readFile(file, 'utf8')) as { version: string; text: string; signature: string };
    expect(stored.version).toBe(renamed.version);
    const tamperedName = `${renamed.before}（已被篡改）`;
    // The text changes, the platform's signature stays: what a swapped file or a corrupted disk leaves.
    await writeFile(file, `${JSON.stringify({ ...stored, text: stored.text.replace(JSON.stringify(renamed.after), JSON.stringify(tamperedName)) })}\n`);

    api.close();
    kiosk = await kiosk.restart();
    api = connectTestClient(kiosk);
    expect(kiosk.output()).not.toContain('first login');
    await screen.goto(kiosk.pageUrl);
    await screen.getByTestId('start-screen').waitFor(slow);
    await goHome();
    await expect.poll(() => screen.locator('.tile-hot').first().textContent(), slow).toBe(renamed.after);
    expect(await screen.getByTestId('home-screen').textContent()).not.toContain('已被篡改');
    await screen.screenshot({ path: path.join(artefacts, 'ops-to-kiosk.after-tamper.png') });
    // Refused because of the signature, and replaced on disk by the last good catalog the platform serves.
    const logs = path.join(kiosk.dataDir, 'logs');
    const log = (await Promise.all((await readdir(logs)).map((name) => readFile(path.join(logs, name), 'utf8')))).join('');
    expect(log).toMatch(/stored catalog unusable; fetching afresh.*signature|signature.*stored catalog unusable; fetching afresh/);
    await expect.poll(async () => JSON.parse(await readFile(file, 'utf8')) as { text: string }, slow).toMatchObject({ text: expect.stringContaining(JSON.stringify(renamed.after)) });
    expect(await readFile(file, 'utf8')).not.toContain('已被篡改');

    // The console at its new address (same host, so the old session cookie would still be sent: dropped, to log in
    // again with the password set above); the kiosk back online.
    consoleUrl = /Ops console \(embedded platform\): (\S+)/.exec(kiosk.output())?.[1] ?? '';
    await ops.clearCookies();
    await logIn(ownPassword);
    await consolePage.waitForURL(/\/ops\/$/);
    expect(await consolePage.locator(`tr[data-terminal="${terminalId}"] .badge.ok`).textContent()).toBe('在线');
  }, long);
});
