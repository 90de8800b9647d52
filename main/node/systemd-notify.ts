// Tells systemd the kiosk is up (READY=1, for `Type=notify`) and keeps its watchdog fed (WATCHDOG=1 every half of
// `WatchdogSec`, packaging/linux/gov-kiosk.service). Node has no unix datagram sockets, so the messages go through
// `systemd-notify --pid=<our pid>` child processes; the unit sets `NotifyAccess=all` so systemd takes them from a
// child. Only when systemd started us (NOTIFY_SOCKET set): anywhere else this does nothing.
import { execFile } from 'node:child_process';

export interface SystemdEnvironment {
  NOTIFY_SOCKET?: string;
  /** Microseconds, from `WatchdogSec`. */
  WATCHDOG_USEC?: string;
  /** The PID the watchdog is for; absent or ours. */
  WATCHDOG_PID?: string;
}

export type Notify = (state: string) => Promise<void>;

export interface SystemdNotifier {
  /** Sends READY=1 and starts the watchdog pings. */
  ready(): void;
  stop(): void;
}

function systemdNotify(pid: number): Notify {
  return (state) =>
    new Promise((resolve) => {
      // A failed ping is not fatal here: the watchdog's own timeout is the judge.
      execFile('systemd-notify', [`--pid=${pid}`, state], { timeout: 5_000 }, () => resolve());
    });
}

export function systemdNotifier(env: SystemdEnvironment, options: { pid?: number; notify?: Notify; setInterval?: typeof setInterval } = {}): SystemdNotifier | null {
  if (!env.NOTIFY_SOCKET) return null;
  const pid = options.pid ?? process.pid;
  const notify = options.notify ?? systemdNotify(pid);
  const every = options.setInterval ?? setInterval;
  const usec = Number(env.WATCHDOG_USEC);
  const ours = env.WATCHDOG_PID === undefined || Number(env.WATCHDOG_PID) === pid;
  let timer: ReturnType<typeof setInterval> | undefined;
  return {
    ready() {
      void notify('READY=1');
      if (!ours || !Number.isFinite(usec) || usec <= 0 || timer) return;
      timer = every(() => void notify('WATCHDOG=1'), Math.max(1_000, usec / 1000 / 2));
      timer.unref?.();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      void notify('STOPPING=1');
    },
  };
}
