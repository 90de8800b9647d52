// Entry of the Electron shell, bundled to dist/main/electron-main.cjs (CommonJS, `electron` external).
// The kiosk core comes from the composition root; this file only orders the start-up:
//   1. before anything else: sandbox, app:// scheme, single-instance lock (a second instance quits here);
//   2. once ready, build the kiosk core (configuration, logging, devices, storage);
//   3. software updates (after an update: its health check), then the Electron shell around the core;
//   4. under systemd: READY=1 once the window loaded, the watchdog pings, STOPPING=1 on quit.
import path from 'node:path';
import { app, safeStorage } from 'electron';
import { autoUpdater } from 'electron-updater';
import { createKiosk } from '../composition/create-kiosk';
import { maintenanceEntryNotice } from '../maintenance/entry-notice';
import { parseKioskArgs } from '../kiosk-args';
import { ElectronWindowMode } from './electron-window-mode';
import { startShellUpdates } from './shell-updates';
import { startShellWatchdog } from './shell-watchdog';
import { type PreparedElectronShell, prepareElectronShell, startElectronShell } from './start-electron-shell';

// In the bundle __dirname is dist/main; the renderer build (dist/renderer) and the preload bundle sit beside it.
const distDir = path.resolve(__dirname, '..');

async function main(prepared: PreparedElectronShell): Promise<void> {
  // Unpackaged, argv is [electron, app script, ...]; packaged, [app executable, ...]. Chromium switches may remain.
  const args = parseKioskArgs(process.argv.slice(app.isPackaged ? 1 : 2), { strict: false });
  // safeStorage (which seals the outbox's device key) works only once the app is ready.
  await app.whenReady();
  // Staff's kiosk-mode switch: the window it changes is attached once the shell has made it.
  const windowMode = new ElectronWindowMode();
  const created = await createKiosk({
    windowMode,
    safeStorage,
    shell: 'electron',
    args,
    projectRoot: path.resolve(distDir, '..'),
    cwd: process.cwd(),
    version: app.getVersion(),
  });
  if (!created.ok) throw new Error(created.error);
  const { kiosk } = created;
  const { shell } = kiosk.config;
  // On the terminal `npm start` runs Electron from, like the browser host's start-up lines.
  for (const line of maintenanceEntryNotice(kiosk.config.maintenance)) process.stdout.write(`${line}\n`);
  try {
    // The getter picks electron-updater's updater for the package (AppImage, deb, NSIS): touched only when updates are on.
    const updates = await startShellUpdates({
      kiosk,
      packaged: app.isPackaged,
      running: app.getVersion(),
      userDataDir: app.getPath('userData'),
      createUpdater: () => autoUpdater,
    });
    let watchdog: ReturnType<typeof startShellWatchdog> = null;
    const electronShell = await startElectronShell({
      prepared,
      server: updates?.observeScreen(kiosk.server) ?? kiosk.server,
      logger: kiosk.logger,
      devTools: shell.devTools,
      recovery: {
        cooldownMs: shell.recovery.cooldownSeconds * 1000,
        maxAttempts: shell.recovery.maxReloads,
        windowMs: shell.recovery.windowSeconds * 1000,
      },
      rendererDir: path.join(distDir, 'renderer'),
      preloadPath: path.join(distDir, 'main', 'preload.cjs'),
      onQuit: () => {
        watchdog?.stop();
        updates?.stop();
        return kiosk.close();
      },
      onFallback: (report) => kiosk.logger.error({ ...report }, 'kiosk screen out of service: showing the fallback page'),
    });
    windowMode.attach(electronShell.window);
    watchdog = startShellWatchdog(process.env, electronShell.window.webContents);
  } catch (error) {
    kiosk.logger.error({ err: error }, 'Electron shell failed to start');
    await kiosk.close().catch(() => {});
    throw error;
  }
}

const prepared = prepareElectronShell();
if (prepared !== null) {
  main(prepared).catch((error: unknown) => {
    // The logger may not exist yet (a bad configuration); stderr reaches the journal either way.
    console.error('kiosk failed to start:', error instanceof Error ? (error.stack ?? error.message) : error);
    app.exit(1);
  });
}
