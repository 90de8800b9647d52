// What each remote command does on this kiosk. Reload and lock go to the screen (KioskApi events); restart and
// reboot go through the shell's hooks (a supervisor restarts an exited kiosk; the image's narrow privileged reboot
// command); collectLogs and selfTest report what the kiosk knows. Results hold no personal data.
import type { DeviceSummary } from '../../contracts/sync-api';
import type { ScreenLock } from '../../contracts/remote-screen';
import { collectLogs } from './collect-logs';
import type { CommandHandlers, CommandRun } from './command-runner';
import type { ScreenLockState } from './screen-lock';

export interface SystemHooks {
  /** Ends the kiosk process so its supervisor starts it again; absent: the shell cannot. */
  restartApp?: () => Promise<void> | void;
  /** Runs the image's privileged reboot hook; absent: none is configured. */
  reboot?: () => Promise<{ ok: true } | { ok: false; detail: string }>;
}

export interface CommandHandlerDeps {
  /** Tells the screen to reload (the `screen.reload` event). */
  reloadScreen: () => void;
  lock: ScreenLockState;
  devices: () => DeviceSummary[];
  logDir: string;
  hooks: SystemHooks;
  now?: () => number;
}

function unsupported(what: string): CommandRun {
  return { outcome: 'unsupported', detail: `${what} is not available on this terminal` };
}

export function commandHandlers(deps: CommandHandlerDeps): CommandHandlers {
  const now = deps.now ?? Date.now;

  async function setLock(next: ScreenLock, detail: string): Promise<CommandRun> {
    await deps.lock.set(next);
    return { outcome: 'done', detail };
  }

  async function release(reason: 'remote' | 'maintenance'): Promise<CommandRun> {
    const current = deps.lock.current;
    if (!current.locked) return { outcome: 'done', detail: 'the screen was not locked' };
    if (current.reason !== reason) return { outcome: 'failed', detail: `the screen is locked for ${current.reason === 'remote' ? 'a lock' : 'maintenance'}, not ${reason === 'remote' ? 'a lock' : 'maintenance'}: it stays locked` };
    return setLock({ locked: false }, 'the screen is unlocked');
  }

  return {
    reloadUi: async () => {
      deps.reloadScreen();
      return { outcome: 'done', detail: 'the screen was told to reload' };
    },
    lock: async (command) => setLock({ locked: true, reason: 'remote', message: command.message }, 'the screen is locked'),
    unlock: async () => release('remote'),
    maintenanceOn: async (command) => setLock({ locked: true, reason: 'maintenance', message: command.message }, 'the screen shows maintenance'),
    maintenanceOff: async () => release('maintenance'),
    selfTest: async () => {
      const devices = deps.devices();
      const troubled = devices.filter((d) => d.state !== 'online' || (d.conditions ?? []).length > 0);
      return {
        outcome: 'done',
        detail: troubled.length === 0 ? `${devices.length} devices online, no conditions` : `${troubled.length} of ${devices.length} devices need attention: ${troubled.map((d) => `${d.id} ${d.state}${(d.conditions ?? []).length ? ` (${(d.conditions ?? []).join(', ')})` : ''}`).join('; ')}`,
        data: { devices: devices.map((d) => ({ id: d.id, class: d.class, state: d.state, conditions: d.conditions ?? [] })) },
      };
    },
    collectLogs: async () => {
      const collected = await collectLogs(deps.logDir, new Date(now()));
      if (!collected.ok) return { outcome: 'failed', detail: collected.reason };
      return { outcome: 'done', detail: `${collected.files} log files, the newest ${Math.round(collected.bytes / 1024)} KiB`, artifact: collected.artifact };
    },
    restartApp: async () => {
      const restart = deps.hooks.restartApp;
      if (!restart) return unsupported('restarting the app');
      return { outcome: 'done', detail: 'the kiosk restarts', after: restart };
    },
    reboot: async () => {
      const reboot = deps.hooks.reboot;
      if (!reboot) return unsupported('rebooting (no reboot hook is configured)');
      const result = await reboot();
      return result.ok ? { outcome: 'done', detail: 'the terminal reboots' } : { outcome: 'failed', detail: result.detail };
    },
  };
}
