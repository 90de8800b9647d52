// Central settings push and catalog download through a hostile network (issue 6, "Done when"): the reference platform
// runs in the test process, the BUILT kiosk (simulated devices) reaches it in remote mode only through the
// fault-injecting proxy on loopback (test/support/fault-proxy.ts), and two Chromium pages show the kiosk's screen and
// the ops console (which talks to the platform directly).
//
// Ops push a settings layer in the console that turns the kiosk's screen to English and large print; the kiosk applies
// it after its next heartbeat. A later push whose signature the proxy swaps in transit is refused: the screen keeps
// the settings in force and staff's maintenance screen says why, until the proxy lets the genuine document through.
// Then ops publish a catalog with a renamed item and the proxy alters the downloaded catalog: the kiosk refuses it,
// keeps showing the previous catalog, says why, and takes the genuine one once the proxy stops tampering.
//
// The kiosk syncs on its own every 60 s; the test makes it sync now as staff do ("force sync"), so nothing waits for
// a clock.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskApiClient } from '../../contracts/kiosk-api-client';
import { type LaunchedPlatform, launchPlatform } from '../../platform/launch-platform';
import { demoTerminal } from '../../platform/terminals/provision';
import { type FaultPlan, type FaultProxy, startFaultProxy } from '../support/fault-proxy';
import { launchChromium } from './support/chromium';
import { connectTestClient } from './support/kiosk-client';
import { type KioskProcess, projectRoot, startKioskProcess } from './support/kiosk-process';
import { firstOpsLogin, forceSync, platformOverview } from './support/staff-and-ops';

const artefacts = path.join(projectRoot, 'test-results', 'e2e');
const kioskViewport = { width: 1280, height: 800 };
const slow = { timeout: 60_000, interval: 250 };
const long = 180_000;
const terminalId = demoTerminal.terminalId;

/** The proxy's plan: everything passes. */
const passAll: FaultPlan = () => ({ kind: 'pass' });

/** Answers to requests whose path starts with `prefix` are changed by `rewrite`; everything else passes. */
function tamperWith(prefix: string, rewrite: (body: string, headers: Record<string, string>) => { body: string; headers: Record<string, string> }): FaultPlan {
  return ({ target }) =>
    target.startsWith(prefix)
      ? {
          kind: 'rewrite',
          rewrite: (answer) => {
            const changed = rewrite(answer.body.toString('utf8'), answer.headers);
            return { headers: changed.headers, body: Buffer.from(changed.body, 'utf8') };
          },
        }
      : { kind: 'pass' };
}

/** Another valid-looking Ed25519 signature: the first base64url character after the prefix changed (it carries data). */
function swapSignature(signature: string): string {
  const prefix = 'ed25519:';
  const first = signature.charAt(prefix.length);
  return `${prefix}${first === 'A' ? 'B' : 'A'}${signature.slice(prefix.length + 1)}`;
}

describe('settings and catalog pushed through a tampering network', () => {
  let work: string;
  let platform: LaunchedPlatform;
  let proxy: FaultProxy;
  let kiosk: KioskProcess;
  let api: { client: KioskApiClient; close(): void };
  let browser: Browser;
  let screen: Page;
  let consolePage: Page;
  let consoleUrl: string;
  let demoPin: string;
  let firstRevision: number;

  beforeAll(async () => {
    await mkdir(artefacts, { recursive: true });
    work = await mkdtemp(path.join(tmpdir(), 'ops-push-e2e-'));
    platform = await launchPlatform({ dataDir: path.join(work, 'platform'), port: 0, host: '127.0.0.1', demoCatalog: 'small', firstAdmin: 'admin' });
    consoleUrl = `${platform.platform.url}/ops/`;
    proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: Number(new URL(platform.platform.url).port) } });
    kiosk = await startKioskProcess({
      terminal: { id: terminalId, name: demoTerminal.name },
      platform: { mode: 'remote', url: proxy.url, credentialsFile: platform.demoCredentialsFile },
    });
    demoPin = /demo staff PIN (\d+)/.exec(kiosk.output())?.[1] ?? '';
    api = connectTestClient(kiosk);
    browser = await launchChromium();
    screen = await browser.newPage({ viewport: kioskViewport, locale: 'zh-CN' });
    await screen.goto(kiosk.pageUrl);
    await screen.getByTestId('start-screen').waitFor();
    consolePage = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  }, long);

  afterAll(async () => {
    api?.close();
    await browser?.close();
    expect(await kiosk?.stop()).toBe(0);
    await proxy?.close();
    await platform?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const heading = () => screen.getByRole('heading', { level: 1 }).textContent();
  const isElder = async () => ((await screen.locator('html').getAttribute('class')) ?? '').split(' ').includes('elder');

  /** A citizen's visit: start, the home screen's first hot tile, exit (past the reminder when one shows). */
  async function visit(): Promise<string> {
    await screen.getByTestId('start-button').click();
    await screen.getByTestId('home-screen').waitFor();
    const name = (await screen.locator('.tile-hot').first().textContent({ timeout: slow.timeout })) ?? '';
    await screen.getByTestId('home-exit').click();
    await screen.locator('[data-testid="start-screen"], [data-testid="finish-screen"]').first().waitFor(slow);
    if (await screen.getByTestId('finish-screen').isVisible()) await screen.getByTestId('finish-done').click();
    await screen.getByTestId('start-screen').waitFor(slow);
    return name;
  }

  /** The console's line for a push the terminal refuses (its latest heartbeat), or null when there is none. */
  async function consoleRefusal(kind: 'Catalog' | 'Settings'): Promise<string | null> {
    await consolePage.goto(`${consoleUrl}terminals/${terminalId}`);
    const line = consolePage.getByTestId(`terminal.refused${kind}`);
    return (await line.count()) === 0 ? null : line.textContent();
  }

  async function pushSettings(overrides: object): Promise<number> {
    await consolePage.goto(`${consoleUrl}settings`);
    await consolePage.getByTestId('settings-scope').fill(`terminal:${terminalId}`);
    await consolePage.getByTestId('settings-json').fill(JSON.stringify(overrides, null, 2));
    await consolePage.getByRole('button', { name: '签名并下发' }).click();
    const notice = (await consolePage.getByTestId('settings-notice').textContent()) ?? '';
    const revision = new RegExp(`^已下发 terminal:${terminalId}，修订号 (\\d+)。$`).exec(notice)?.[1];
    if (!revision) throw new Error(`settings not published: ${notice}`);
    return Number(revision);
  }

  it('the kiosk reaches the platform only through the proxy; ops log in to the console', async () => {
    const admin = platform.firstAdmin;
    if (!admin) throw new Error('the platform made no first admin');
    await firstOpsLogin(consolePage, consoleUrl, { username: admin.username, oneTimePassword: admin.password, ownPassword: 'e2e ops own password 2026' });
    await expect.poll(async () => (await platformOverview(api.client, demoPin)).connection, slow).toBe('online');
    expect(proxy.stats().requests).toBeGreaterThan(0);
    expect(await heading()).toBe('政务服务自助终端');
  }, long);

  it('a settings layer ops push in the console turns the kiosk screen to English and large print after its next heartbeat', async () => {
    expect(await isElder()).toBe(false);
    firstRevision = await pushSettings({ ui: { defaultLocale: 'en', elderModeDefault: true } });
    await consolePage.screenshot({ path: path.join(artefacts, 'ops-push.settings-pushed.zh-CN.png'), fullPage: true });

    await forceSync(api.client, demoPin);
    await expect.poll(heading, slow).toBe('Government Self-Service Kiosk');
    await expect.poll(isElder, slow).toBe(true);
    expect(await screen.locator('html').getAttribute('lang')).toBe('en');
    await screen.screenshot({ path: path.join(artefacts, 'ops-push.settings-applied.png') });
    expect(await platformOverview(api.client, demoPin)).toMatchObject({ settings: { version: firstRevision, lastError: null } });
    // The next citizen's visit starts from the pushed settings too, not from those the screen booted with.
    await visit();
    expect(await heading()).toBe('Government Self-Service Kiosk');
    expect(await isElder()).toBe(true);
  }, long);

  it('a settings document whose signature is swapped in transit is refused: the settings in force stay and staff see why', async () => {
    proxy.setPlan(
      tamperWith('/v1/settings', (body, headers) => {
        const signed = JSON.parse(body) as { signature: string };
        return { body: JSON.stringify({ ...signed, signature: swapSignature(signed.signature) }), headers };
      }),
    );
    const secondRevision = await pushSettings({ ui: { defaultLocale: 'zh-CN', elderModeDefault: true } });
    expect(secondRevision).toBeGreaterThan(firstRevision);
    await forceSync(api.client, demoPin);
    await expect.poll(async () => (await platformOverview(api.client, demoPin)).settings, slow).toEqual({
      version: firstRevision,
      lastError: 'the settings signature does not verify with the platform key in the credentials',
    });
    expect(proxy.stats().faults.rewrite).toBeGreaterThan(0);
    expect(await heading()).toBe('Government Self-Service Kiosk');

    // Staff's maintenance screen (the hidden corner, the PIN) shows the refusal beside the settings in force.
    await screen.getByTestId('maintenance-corner').waitFor({ state: 'attached' });
    for (let i = 0; i < 5; i++) await screen.mouse.click(kioskViewport.width - 12, 12);
    await screen.getByTestId('pin-screen').waitFor();
    for (const digit of demoPin) await screen.locator(`[data-testid="pin-screen"] [data-key="${digit}"]`).click();
    await screen.getByTestId('pin-submit').click();
    await screen.getByTestId('maintenance-screen').waitFor(slow);
    expect(await screen.getByTestId('settings-version').textContent()).toBe(`Central settings: revision ${firstRevision}`);
    expect(await screen.getByTestId('settings-refused').textContent()).toBe(
      'The latest settings push was refused; the previous settings stay: the settings signature does not verify with the platform key in the credentials',
    );
    await screen.getByTestId('settings-refused').scrollIntoViewIfNeeded();
    await screen.screenshot({ path: path.join(artefacts, 'ops-push.settings-refused.maintenance.en.png') });
    await screen.getByTestId('leave-maintenance').click();
    await screen.getByTestId('start-screen').waitFor(slow);

    // Ops see it on the terminal's page once the next heartbeat reports it.
    await forceSync(api.client, demoPin);
    await expect.poll(() => consoleRefusal('Settings'), slow).toMatch(
      new RegExp(`^版本 ${secondRevision}，[^：]+：the settings signature does not verify with the platform key in the credentials（沿用上一版）$`),
    );
    expect(await consolePage.locator('[data-problem="pushRefused"]').count()).toBe(1);
    await consolePage.screenshot({ path: path.join(artefacts, 'ops-push.settings-refused.console.png'), fullPage: true });

    // The genuine document once the network stops tampering: Chinese again, still large print.
    proxy.setPlan(passAll);
    await forceSync(api.client, demoPin);
    await expect.poll(heading, slow).toBe('政务服务自助终端');
    expect(await isElder()).toBe(true);
    expect(await platformOverview(api.client, demoPin)).toMatchObject({ settings: { version: secondRevision, lastError: null } });
    await forceSync(api.client, demoPin);
    await expect.poll(() => consoleRefusal('Settings'), slow).toBeNull();
    await screen.screenshot({ path: path.join(artefacts, 'ops-push.settings-genuine.png') });
  }, long);

  it('a catalog altered in transit is refused: the screen keeps the previous catalog until the genuine one arrives', async () => {
    const before = await visit();
    const previousVersion = (await platformOverview(api.client, demoPin)).catalogVersion;

    // Ops rename that item in the console's editor and publish.
    await consolePage.goto(consoleUrl);
    await consolePage.getByRole('link', { name: '事项目录' }).click();
    await consolePage.getByRole('button', { name: '载入当前版本以编辑' }).click();
    const editor = consolePage.getByTestId('catalog-json');
    await expect.poll(async () => (await editor.inputValue()).length, slow).toBeGreaterThan(1_000);
    const published = await editor.evaluate(
      (element, name) => {
        const area = element as HTMLTextAreaElement;
        const document = JSON.parse(area.value) as { version: string; items: { name: string }[] };
        const item = document.items.find((i) => i.name === name);
        if (!item) throw new Error(`no item named ${name}`);
        item.name = `${name}（新版名称）`;
        document.version = `${document.version}-transit`;
        area.value = JSON.stringify(document, null, 2);
        return { name: item.name, version: document.version };
      },
      before,
    );
    await consolePage.getByRole('button', { name: '校验并发布' }).click();
    await expect.poll(() => consolePage.getByTestId('catalog-result').textContent(), slow).toBe(`已发布版本 ${published.version}。`);

    // The download is altered on the way: the new name changed, the platform's signature header left as it was.
    const tamperedName = `${before}（已被篡改）`;
    let tampered = 0;
    proxy.setPlan(
      tamperWith('/v1/catalog', (body, headers) => {
        if (!body.includes(JSON.stringify(published.name))) return { body, headers };
        tampered++;
        return { body: body.replace(JSON.stringify(published.name), JSON.stringify(tamperedName)), headers };
      }),
    );
    await forceSync(api.client, demoPin);
    await expect.poll(async () => (await platformOverview(api.client, demoPin)).lastError?.message ?? '', slow).toBe(
      `catalog ${published.version} refused: the catalog signature does not verify with the platform key in the credentials; the last good catalog stays in use`,
    );
    expect(tampered).toBeGreaterThan(0);
    expect((await platformOverview(api.client, demoPin)).catalogVersion).toBe(previousVersion);
    expect(await visit()).toBe(before);

    // Each heartbeat tries again while the network tampers; the screen never shows the altered catalog.
    const attempts = tampered;
    await forceSync(api.client, demoPin);
    await expect.poll(() => tampered, slow).toBeGreaterThan(attempts);
    await expect.poll(() => consoleRefusal('Catalog'), slow).toMatch(
      new RegExp(`^版本 ${published.version.replaceAll('.', '\\.')}，[^：]+：the catalog signature does not verify with the platform key in the credentials（沿用上一版）$`),
    );
    await screen.getByTestId('start-button').click();
    await screen.locator('.tile-hot').first().waitFor(slow);
    expect(await screen.getByTestId('home-screen').textContent()).not.toContain('已被篡改');
    expect(await screen.locator('.tile-hot').first().textContent()).toBe(before);
    await screen.screenshot({ path: path.join(artefacts, 'ops-push.catalog-refused.png') });
    await screen.getByTestId('home-exit').click();
    await screen.getByTestId('start-screen').waitFor(slow);

    // The network stops tampering: the next heartbeat brings the genuine catalog.
    proxy.setPlan(passAll);
    await forceSync(api.client, demoPin);
    await expect.poll(async () => (await platformOverview(api.client, demoPin)).catalogVersion, slow).toBe(published.version);
    await forceSync(api.client, demoPin);
    await expect.poll(() => consoleRefusal('Catalog'), slow).toBeNull();
    await screen.getByTestId('start-button').click();
    await expect.poll(() => screen.locator('.tile-hot').first().textContent(), slow).toBe(published.name);
    await screen.screenshot({ path: path.join(artefacts, 'ops-push.catalog-genuine.png') });
  }, long);
});
