import { beforeEach, describe, expect, it } from 'vitest';
import { fakeElectron } from '../../test/fakes/electron';
import { ElectronWindowMode } from './electron-window-mode';
import { createKioskWindow } from './kiosk-window';

describe('ElectronWindowMode', () => {
  beforeEach(() => fakeElectron.reset());

  it('takes the kiosk window out of kiosk mode and fullscreen, and back in front', () => {
    const window = createKioskWindow({ preloadPath: '/p', devTools: false });
    const fake = fakeElectron.windowOf(window);
    const mode = new ElectronWindowMode();
    mode.attach(window);
    expect(mode.kioskMode).toBe(true);

    mode.setKioskMode(false);
    expect([fake.isKiosk(), fake.isFullScreen(), mode.kioskMode]).toEqual([false, false, false]);

    const focusedBefore = fake.focusCount;
    mode.setKioskMode(true);
    expect([fake.isKiosk(), fake.isFullScreen(), mode.kioskMode]).toEqual([true, true, true]);
    expect(fake.focusCount).toBe(focusedBefore + 1);
  });

  it('changes nothing before the window exists or after it is gone', () => {
    const mode = new ElectronWindowMode();
    mode.setKioskMode(false);
    expect(mode.kioskMode).toBe(true);
    const window = createKioskWindow({ preloadPath: '/p', devTools: false });
    mode.attach(window);
    fakeElectron.windowOf(window).destroy();
    expect(() => mode.setKioskMode(false)).not.toThrow();
    expect(mode.kioskMode).toBe(true);
  });
});
