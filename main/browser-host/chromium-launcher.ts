// Opens the browser host's page in the system Chromium, as a kiosk window (or an app window while developing).
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

export const chromiumCandidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
];

export function findChromium(candidates: readonly string[] = chromiumCandidates): string | undefined {
  return candidates.find((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export function chromiumArgs(options: { url: string; userDataDir: string; kiosk: boolean; runningAsRoot: boolean }): string[] {
  return [
    options.kiosk ? '--kiosk' : '--start-maximized',
    `--app=${options.url}`,
    `--user-data-dir=${options.userDataDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-translate',
    '--disable-features=Translate,TouchpadOverscrollHistoryNavigation',
    '--disable-pinch',
    '--overscroll-history-navigation=0',
    '--noerrdialogs',
    '--autoplay-policy=no-user-gesture-required',
    // Chromium refuses to start as root without it; a real kiosk runs as its own user and never gets this flag.
    ...(options.runningAsRoot ? ['--no-sandbox'] : []),
  ];
}

export function launchChromium(executable: string, args: string[]): ChildProcess {
  const child = spawn(executable, args, { stdio: 'ignore' });
  child.on('error', () => {});
  return child;
}
