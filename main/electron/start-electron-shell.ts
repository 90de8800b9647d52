// The Electron shell: everything Electron-specific around an already-built kiosk core. electron-main.ts calls
// prepareElectronShell() first, then builds the core, then startElectronShell().
//
// Two steps because some things must happen before the app is ready (scheme registration, the sandbox switch) and
// the single-instance lock must be held before the core opens devices and the database.
import { Menu, app, powerSaveBlocker, session } from 'electron';
import type { BrowserWindow } from 'electron';
import type { KioskApiServer } from '../api/kiosk-api-server';
import { appEntryUrl } from './app-origin';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { installInputLockdown } from './input-lockdown';
import { installIpcBridge } from './ipc-bridge';
import { createKioskWindow } from './kiosk-window';
import { installNavigationGuard } from './navigation-guard';
import { installPermissionPolicy } from './permissions';
import { type RecoveryPolicyOptions, RecoveryPolicy } from './recovery-policy';
import { type FallbackReport, RendererRecovery } from './renderer-recovery';
import type { ShellLogger } from './shell-logger';
import { SingleInstance } from './single-instance';

export interface PreparedElectronShell {
  singleInstance: SingleInstance;
}

/**
 * Call at module load of the entry, before anything else: enables the sandbox for every renderer, registers app:// as
 * privileged, and takes the single-instance lock. Returns null in a second instance, which is already quitting and
 * must not build the kiosk core.
 */
export function prepareElectronShell(): PreparedElectronShell | null {
  app.enableSandbox();
  registerAppScheme();
  const singleInstance = SingleInstance.claim();
  return singleInstance === null ? null : { singleInstance };
}

export interface ElectronShellOptions {
  prepared: PreparedElectronShell;
  /** The kiosk core's KioskApi end; the shell only adds the IPC transport. */
  server: KioskApiServer;
  logger: ShellLogger;
  /** The renderer build (dist/renderer, with index.html), served as app://kiosk/. */
  rendererDir: string;
  /** The bundled preload (dist/main/preload.cjs), absolute. */
  preloadPath: string;
  /** Development only: devtools and their shortcuts. */
  devTools: boolean;
  /** Renderer recovery tuning; defaults: 5 s cooldown, 3 reloads per 10 min, retry the app after 5 min of fallback. */
  recovery?: Partial<RecoveryPolicyOptions> & { retryAppAfterMs?: number | null };
  /** The shell gave up on the renderer and shows the fallback page: tell the platform. */
  onFallback?: (report: FallbackReport) => void;
  /** Runs once while the app quits, before the process exits: close the kiosk core here. */
  onQuit?: () => Promise<void>;
  /**
   * The shell can no longer show the screen (the window was destroyed while not quitting). Default: log, quit
   * cleanly (onQuit runs) and exit with 1, so the supervisor (systemd Restart=always) starts a fresh process.
   */
  onFatal?: (error: Error) => void;
}

export interface ElectronShell {
  window: BrowserWindow;
  /** Loads the app afresh with a clean recovery history: for a "reload" from staff or the platform. */
  reloadApp(): void;
  /** Quits the app: onQuit runs, then the process exits. */
  quit(): void;
}

export async function startElectronShell(options: ElectronShellOptions): Promise<ElectronShell> {
  const { logger, devTools } = options;
  await app.whenReady();

  Menu.setApplicationMenu(null);
  // Every web contents, not just ours: whatever gets created (a devtools window aside) stays on the app.
  app.on('web-contents-created', (_event, contents) => installNavigationGuard(contents, logger));
  installPermissionPolicy(session.defaultSession, logger);
  serveAppProtocol({ rendererDir: options.rendererDir });
  const displayAwake = powerSaveBlocker.start('prevent-display-sleep');

  const window = createKioskWindow({ preloadPath: options.preloadPath, devTools });
  options.prepared.singleInstance.attach(window);
  const contents = window.webContents;
  installInputLockdown(contents, { devTools });
  const disposeBridge = installIpcBridge({ server: options.server, contents, logger });
  const { retryAppAfterMs, ...policyOptions } = options.recovery ?? {};
  const recovery = new RendererRecovery({
    contents,
    policy: new RecoveryPolicy(policyOptions),
    logger,
    onFallback: options.onFallback,
    retryAppAfterMs,
  });

  contents.on('preload-error', (_event, _path, error) => logger.error({ err: error }, 'preload failed; the page has no kioskBridge'));
  app.on('child-process-gone', (_event, details) => {
    // The GPU process is restarted by Chromium itself (and falls back to software after repeated crashes).
    logger.warn({ type: details.type, reason: details.reason, exitCode: details.exitCode }, 'child process gone');
  });

  let quitting = false;
  let cleanedUp = false;
  let exitCode = 0;
  const onFatal =
    options.onFatal ??
    ((error: Error) => {
      logger.error({ err: error }, 'Electron shell failed');
      exitCode = 1;
      app.quit();
    });

  // Nothing but a quit closes the kiosk window (Alt+F4 on Windows, a stray close request).
  window.on('close', (event) => {
    if (!quitting) event.preventDefault();
  });
  window.on('closed', () => {
    if (!quitting) onFatal(new Error('the kiosk window was destroyed'));
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', (event) => {
    if (cleanedUp) return;
    // Hold the exit until the core has closed: the outbox and devices must shut down cleanly.
    event.preventDefault();
    cleanedUp = true;
    recovery.dispose();
    disposeBridge();
    powerSaveBlocker.stop(displayAwake);
    (options.onQuit ?? (() => Promise.resolve()))().then(
      () => app.exit(exitCode),
      (error: unknown) => {
        logger.error({ err: error }, 'closing the kiosk core failed');
        app.exit(1);
      },
    );
  });

  // A failing first load is handled like any other, through did-fail-load and the recovery.
  window.loadURL(appEntryUrl).catch(() => {});
  logger.info({ devTools }, 'Electron shell started');

  return {
    window,
    reloadApp: () => recovery.reloadApp(),
    quit: () => app.quit(),
  };
}
