// Kiosk mode on and off for branch staff (maintenance.setKioskMode): Electron's kiosk flag and fullscreen together,
// so the window can be moved aside and the OS session behind it reached. The window comes after the kiosk core (which
// holds this hook), so it is attached later; until then, and after it is gone, there is nothing to change.
import type { BrowserWindow } from 'electron';
import type { WindowModeHook } from '../maintenance/window-mode';

type KioskWindow = Pick<BrowserWindow, 'setKiosk' | 'isKiosk' | 'setFullScreen' | 'isDestroyed' | 'focus'>;

export class ElectronWindowMode implements WindowModeHook {
  #window: KioskWindow | undefined;

  attach(window: KioskWindow): void {
    this.#window = window;
  }

  get kioskMode(): boolean {
    const window = this.#usable();
    return window ? window.isKiosk() : true;
  }

  setKioskMode(on: boolean): void {
    const window = this.#usable();
    if (!window) return;
    window.setKiosk(on);
    window.setFullScreen(on);
    // Back in kiosk mode the window must be in front again, above whatever staff opened.
    if (on) window.focus();
  }

  #usable(): KioskWindow | undefined {
    return this.#window && !this.#window.isDestroyed() ? this.#window : undefined;
  }
}
