// Part of the composition root: remote commands (main/commands/) and pushed settings (main/settings/), both driven
// by the sync agent's heartbeat answers and reaching the platform through the short-timeout online client.
import path from 'node:path';
import { execFile } from 'node:child_process';
import type { DeviceSummary } from '../../contracts/sync-api';
import type { ConfigStore } from '../../kiosk-config/config-store';
import { type CommandHandlerDeps, type SystemHooks, commandHandlers } from '../commands/command-handlers';
import { CommandJournal } from '../commands/command-journal';
import { CommandRunner, type SessionActivity } from '../commands/command-runner';
import { ScreenLockState } from '../commands/screen-lock';
import type { ServiceLogger } from '../services/service-logger';
import { PushedSettings } from '../settings/pushed-settings';
import type { PlatformConnection } from './connect-platform';

export interface RemoteOperations {
  commands: CommandRunner;
  settings: PushedSettings;
  lock: ScreenLockState;
  close(): Promise<void>;
}

/** A program and its arguments, run without a shell (the configuration's `maintenance.rebootCommand`). */
export function commandHook(argv: readonly string[]): NonNullable<SystemHooks['reboot']> {
  return () =>
    new Promise((resolve) => {
      const [file, ...args] = argv;
      if (!file) return resolve({ ok: false, detail: 'no command' });
      execFile(file, args, { timeout: 20_000 }, (error) => resolve(error ? { ok: false, detail: `${path.basename(file)} failed: ${error.message.slice(0, 300)}` } : { ok: true }));
    });
}

export async function startRemoteOperations(options: {
  dataDir: string;
  terminalId: string;
  platform: Pick<PlatformConnection, 'agent' | 'online' | 'catalogPublicKey'>;
  configStore: ConfigStore;
  sessions: SessionActivity;
  devices: () => DeviceSummary[];
  reloadScreen: CommandHandlerDeps['reloadScreen'];
  hooks: SystemHooks;
  logger: ServiceLogger;
}): Promise<RemoteOperations> {
  const { platform, logger } = options;
  const dir = path.join(options.dataDir, 'remote');
  const lock = await ScreenLockState.open(dir, logger);
  const settings = await PushedSettings.open({
    dir,
    terminalId: options.terminalId,
    publicKey: platform.catalogPublicKey,
    config: options.configStore,
    fetch: () => platform.online.request('settings'),
    logger,
  });
  const commands = new CommandRunner({
    source: {
      pending: () => platform.online.request('pendingCommands'),
      report: (id, result) => platform.online.request('commandResult', { params: { commandId: id }, body: result }),
    },
    handlers: commandHandlers({ reloadScreen: options.reloadScreen, lock, devices: options.devices, logDir: path.join(options.dataDir, 'logs'), hooks: options.hooks }),
    sessions: options.sessions,
    journal: await CommandJournal.open(dir),
    logger,
  });
  const stop = platform.agent.onHeartbeatAnswer((answer) => {
    settings.announce(answer.settings);
    commands.announce(answer.commands ?? []);
  });
  return {
    commands,
    settings,
    lock,
    async close() {
      stop();
      await commands.stop();
      await settings.settled();
    },
  };
}
