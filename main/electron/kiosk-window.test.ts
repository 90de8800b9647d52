import { beforeEach, describe, expect, it } from 'vitest';
import { fakeElectron } from '../../test/fakes/electron';
import { createKioskWindow, kioskWindowOptions } from './kiosk-window';

describe('kioskWindowOptions', () => {
  const options = kioskWindowOptions({ preloadPath: '/app/dist/main/preload.cjs', devTools: false });

  it('is a fullscreen kiosk window without a menu bar', () => {
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, autoHideMenuBar: true, frame: false });
  });

  it('locks the renderer down', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/main/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      devTools: false,
    });
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });

  it('allows devtools only when asked', () => {
    expect(kioskWindowOptions({ preloadPath: '/p', devTools: true }).webPreferences?.devTools).toBe(true);
  });
});

describe('createKioskWindow', () => {
  beforeEach(() => fakeElectron.reset());

  it('creates the window with those options and removes its menu', () => {
    const window = fakeElectron.windowOf(createKioskWindow({ preloadPath: '/p', devTools: false }));
    expect(window.options).toEqual(kioskWindowOptions({ preloadPath: '/p', devTools: false }));
    expect(window.menuRemoved).toBe(true);
  });
});
