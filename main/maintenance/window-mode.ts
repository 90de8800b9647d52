// The shell's window as maintenance mode changes it: out of kiosk mode (and fullscreen) for staff to reach the OS
// session, and back. Only the Electron shell has one (main/electron/electron-window-mode.ts); the browser host has none.
export interface WindowModeHook {
  readonly kioskMode: boolean;
  setKioskMode(on: boolean): void;
}
