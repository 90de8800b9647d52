// The Electron shell under systemd (packaging/linux/gov-kiosk.service, `Type=notify`, `WatchdogSec`): READY=1 once
// the kiosk window has loaded a page, WATCHDOG=1 from the main process's event loop, STOPPING=1 when it quits —
// what `npm start` does for the browser host (main/start.ts).
//
// Under the unit the shell runs as a child of cage (or of `npm start`), whose PID is the unit's main PID and the
// `WATCHDOG_PID` systemd hands down. The shell notifies on behalf of that process (NotifyAccess=all lets systemd take
// it from any process of the unit): it is the shell that has to prove it is alive, and its exit ends its parent too.
import type { WebContents } from 'electron';
import { type Notify, type SystemdEnvironment, systemdNotifier } from '../node/systemd-notify';

export interface ShellWatchdog {
  /** Sends STOPPING=1 and ends the pings. */
  stop(): void;
}

export function startShellWatchdog(
  env: SystemdEnvironment,
  contents: Pick<WebContents, 'once'>,
  options: { notify?: Notify; setInterval?: typeof setInterval } = {},
): ShellWatchdog | null {
  const unitPid = Number(env.WATCHDOG_PID);
  const notifier = systemdNotifier(env, { ...options, ...(Number.isInteger(unitPid) && unitPid > 0 ? { pid: unitPid } : {}) });
  if (notifier === null) return null;
  // The first page shown — the app, or the fallback page when it cannot load — makes the start complete.
  contents.once('did-finish-load', () => notifier.ready());
  return { stop: () => notifier.stop() };
}
