// The one window: fullscreen kiosk, no menu, and a renderer locked down per Electron's security checklist.
import { BrowserWindow } from 'electron';
import type { BrowserWindowConstructorOptions } from 'electron';

export interface KioskWindowOptions {
  /** Absolute path of the bundled preload (dist/main/preload.cjs). */
  preloadPath: string;
  /** Development only: allows the devtools. Never on a terminal in service. */
  devTools: boolean;
}

/** The constructor options, separate so the security settings can be asserted one by one. */
export function kioskWindowOptions(options: KioskWindowOptions): BrowserWindowConstructorOptions {
  return {
    title: '政务服务自助终端',
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    frame: false,
    // Shown at once, so a renderer that dies before its first paint still leaves a visible window to recover in.
    show: true,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: options.devTools,
      // Voice guidance must start on the attract screen, before anyone has touched it.
      autoplayPolicy: 'no-user-gesture-required',
    },
  };
}

export function createKioskWindow(options: KioskWindowOptions): BrowserWindow {
  const window = new BrowserWindow(kioskWindowOptions(options));
  window.removeMenu();
  return window;
}
