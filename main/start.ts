// `npm start`: starts the kiosk in Electron when its binary is installed, else in the browser host, and says which.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumArgs, findChromium, launchChromium } from './browser-host/chromium-launcher';
import { startBrowserHost } from './browser-host/browser-host';
import { systemdNotifier } from './node/systemd-notify';
import { createKiosk } from './composition/create-kiosk';
import { findElectronBinary } from './electron/electron-binary';
import { apiFilePath, writeApiFile } from './browser-host/api-file';
import { type KioskArgs, UsageError, kioskUsage, parseKioskArgs } from './kiosk-args';
import { maintenanceEntryNotice } from './maintenance/entry-notice';

/** dist/main/start.js → the project root. */
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main(): Promise<number> {
  let args: KioskArgs;
  try {
    args = parseKioskArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n${kioskUsage}`);
    return 2;
  }
  if (args.help) {
    console.log(kioskUsage);
    return 0;
  }

  const electron = findElectronBinary(projectRoot);
  const shell = args.shell ?? ('path' in electron ? 'electron' : 'browser');
  if (shell === 'electron') {
    if (!('path' in electron)) {
      console.error(`Cannot start the Electron shell: ${electron.missing}. Use --shell browser.`);
      return 1;
    }
    console.log(`Shell: Electron (${electron.path}).`);
    return runElectron(electron.path, process.argv.slice(2));
  }
  console.log(
    'path' in electron
      ? 'Shell: browser host (forced by --shell browser).'
      : `Shell: browser host, because the Electron binary is not available (${electron.missing}).`,
  );
  return runBrowserHost(args);
}

function runElectron(binary: string, argv: string[]): Promise<number> {
  const child = spawn(binary, [path.join(projectRoot, 'dist', 'main', 'electron-main.cjs'), ...argv], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

async function runBrowserHost(args: KioskArgs): Promise<number> {
  const { version } = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string };
  const created = await createKiosk({ shell: 'browser', args, projectRoot, cwd: process.cwd(), version });
  if (!created.ok) {
    console.error(created.error);
    return 1;
  }
  const { kiosk } = created;
  const { config, logger } = kiosk;
  const host = await startBrowserHost({
    server: kiosk.server,
    rendererDir: path.join(projectRoot, 'dist', 'renderer'),
    logger,
    port: args.port ?? config.browserHost.port,
  });
  const apiFile = apiFilePath(kiosk.dataDir);
  await writeApiFile(apiFile, host);
  console.log(`Data and logs: ${kiosk.dataDir}`);
  console.log(`Kiosk page: ${host.pageUrl}`);
  for (const line of maintenanceEntryNotice(config.maintenance)) console.log(line);
  const ops = kiosk.platform.opsConsole;
  if (ops) {
    const login = ops.firstAdmin ? `first login ${ops.firstAdmin.username} / ${ops.firstAdmin.password} (one-time: set a new password)` : 'log in with the admin you set up';
    console.log(`Ops console (embedded platform): ${ops.url} — ${login}`);
  }
  if (args.headless) console.log(`Headless: tools reach KioskApi through ${apiFile}.`);
  logger.info({ origin: host.origin }, 'browser host started');
  // Under systemd (packaging/linux/gov-kiosk.service): ready now, and the watchdog pinged until we stop.
  const systemd = systemdNotifier(process.env);
  systemd?.ready();

  const chromium = findChromium();
  // Without a display there is nothing to show a window on; the URL above is then the way in.
  const display = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) || process.platform !== 'linux';
  if (args.browser && config.browserHost.launchBrowser && chromium && display) {
    const userDataDir = mkdtempSync(path.join(tmpdir(), 'gov-kiosk-chromium-'));
    const runningAsRoot = process.getuid?.() === 0;
    launchChromium(chromium, chromiumArgs({ url: host.pageUrl, userDataDir, kiosk: config.browserHost.kioskMode, runningAsRoot }));
    console.log(`Opened ${chromium}${config.browserHost.kioskMode ? ' in kiosk mode' : ''}.`);
  } else if (args.browser && config.browserHost.launchBrowser) {
    console.log(`Not opening a browser (${chromium ? 'no display' : 'no Chromium found'}): open the page above in Chromium.`);
  }

  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      logger.info({ signal }, 'stopping');
      systemd?.stop();
      void host
        .close()
        .then(() => rm(apiFile, { force: true }))
        .then(() => kiosk.close())
        .then(() => resolve(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
