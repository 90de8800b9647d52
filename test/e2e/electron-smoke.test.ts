// The built Electron shell (dist/main/electron-main.cjs) as a real app, driven by Playwright's _electron.
// Runs only where the Electron binary was downloaded; elsewhere it reports itself skipped, with the reason.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type ElectronApplication, type Page, _electron } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskBridge } from '../../contracts/kiosk-bridge';
import { findElectronBinary } from '../../main/electron/electron-binary';

const projectRoot = path.resolve(import.meta.dirname, '..', '..');

const binary = findElectronBinary(projectRoot);
const available = 'path' in binary;
const reason = 'missing' in binary ? binary.missing : '';
const mainBundle = path.join(projectRoot, 'dist', 'main', 'electron-main.cjs');

/** The page's globals, typed here because the Node-side tsconfig has no DOM. */
interface PageGlobals {
  kioskBridge?: KioskBridge;
  require?: unknown;
  process?: unknown;
  location: { href: string };
}

describe('Electron shell smoke', () => {
  let app: ElectronApplication | undefined;
  let page: Page;
  let work: string;

  beforeAll(async () => {
    if (!available) return;
    if (!existsSync(mainBundle)) throw new Error(`${mainBundle} is missing: run \`npm run build\` first`);
    work = await mkdtemp(path.join(tmpdir(), 'kiosk-electron-e2e-'));
    const terminalFile = path.join(work, 'terminal.json');
    await writeFile(terminalFile, JSON.stringify({ dataDir: path.join(work, 'data') }));
    app = await _electron.launch({
      executablePath: binary.path,
      // Chromium refuses to run as root with its sandbox on; CI containers run as root.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), mainBundle, '--terminal', terminalFile],
      cwd: projectRoot,
      timeout: 30_000,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await app?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it.skipIf(!available)(`opens one fullscreen kiosk window on app://kiosk${available ? '' : ` (skipped: ${reason})`}`, async () => {
    expect(page.url()).toMatch(/^app:\/\/kiosk\//);
    const state = await app?.evaluate(({ BrowserWindow, Menu }) => {
      const windows = BrowserWindow.getAllWindows();
      return { count: windows.length, kiosk: windows[0]?.isKiosk(), menu: Menu.getApplicationMenu() === null };
    });
    expect(state).toEqual({ count: 1, kiosk: true, menu: true });
  });

  it.skipIf(!available)(`gives the page the bridge and nothing of Node${available ? '' : ` (skipped: ${reason})`}`, async () => {
    const globals = await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      return { bridge: Object.keys(g.kioskBridge ?? {}).sort(), require: typeof g.require, process: typeof g.process };
    });
    expect(globals).toEqual({ bridge: ['invoke', 'subscribe'], require: 'undefined', process: 'undefined' });
  });

  it.skipIf(!available)(`answers KioskApi over IPC${available ? '' : ` (skipped: ${reason})`}`, async () => {
    const result = await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      return g.kioskBridge?.invoke('system.ping', { nonce: 'electron-smoke' });
    });
    expect(result).toMatchObject({ ok: true, output: { nonce: 'electron-smoke' } });
  });

  it.skipIf(!available)(`refuses to navigate away from the app${available ? '' : ` (skipped: ${reason})`}`, async () => {
    await page.evaluate(() => {
      (globalThis as unknown as PageGlobals).location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^app:\/\/kiosk\//);
  });
});
