// One kiosk process per terminal: a second one would fight the first for the serial ports, the database and the
// screen. The second instance quits; the first brings its window to the front.
import { app } from 'electron';
import type { BrowserWindow } from 'electron';

export class SingleInstance {
  #window: BrowserWindow | null = null;

  /**
   * Takes the lock, or quits and returns null when another instance holds it. Call before building the kiosk core,
   * so a second instance never opens a device.
   */
  static claim(): SingleInstance | null {
    if (!app.requestSingleInstanceLock()) {
      app.quit();
      return null;
    }
    const instance = new SingleInstance();
    app.on('second-instance', () => instance.#bringToFront());
    return instance;
  }

  /** The window to show when a second instance starts. */
  attach(window: BrowserWindow): void {
    this.#window = window;
  }

  #bringToFront(): void {
    const window = this.#window;
    if (window === null || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }
}
