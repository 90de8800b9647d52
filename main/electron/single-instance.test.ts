import { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeElectron } from '../../test/fakes/electron';
import { SingleInstance } from './single-instance';

describe('SingleInstance', () => {
  beforeEach(() => fakeElectron.reset());

  it('quits the second instance', () => {
    fakeElectron.app.singleInstanceLockAvailable = false;
    expect(SingleInstance.claim()).toBeNull();
    expect(fakeElectron.app.quitCalls).toBe(1);
  });

  it('brings the first instance window to the front when a second one starts', () => {
    const instance = SingleInstance.claim();
    expect(instance).not.toBeNull();
    const window = new BrowserWindow({ kiosk: true });
    instance?.attach(window);
    window.minimize();
    fakeElectron.app.simulateSecondInstance(['--config', 'demo']);
    const fake = fakeElectron.windowOf(window);
    expect(fake.isMinimized()).toBe(false);
    expect(fake.focusCount).toBe(1);
    expect(fakeElectron.app.quitCalls).toBe(0);
  });

  it('ignores a second instance before the window exists or after it is gone', () => {
    const instance = SingleInstance.claim();
    fakeElectron.app.simulateSecondInstance();
    const window = new BrowserWindow({});
    instance?.attach(window);
    window.destroy();
    expect(() => fakeElectron.app.simulateSecondInstance()).not.toThrow();
  });
});
