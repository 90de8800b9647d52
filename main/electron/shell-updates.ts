// Software updates of the Electron shell, put together: the durable update state, the health watch after an update
// (reports through the kiosk core's sync client), and the update loop around electron-updater. Only for a packaged
// app with `updates.enabled`: unpackaged, electron-updater has no app-update.yml and does nothing anyway.
import path from 'node:path';
import type { AppUpdater } from 'electron-updater';
import type { KioskApiServer } from '../api/kiosk-api-server';
import type { Kiosk } from '../composition/create-kiosk';
import { UpdateHealthWatch } from '../updates/update-health-watch';
import { UpdateStateFile } from '../updates/update-state';
import { KioskUpdater, type UpdateOutcome } from './kiosk-updater';
import { pointUpdaterAtFeed } from './update-feed-setup';

/** How often the health of a freshly installed version is looked at. */
const healthTickMs = 10_000;

export interface ShellUpdatesOptions {
  kiosk: Pick<Kiosk, 'config' | 'dataDir' | 'platform' | 'sessions' | 'logger'>;
  /** `app.isPackaged`. */
  packaged: boolean;
  /** The version this process runs (`app.getVersion()`). */
  running: string;
  /** `app.getPath('userData')`, where electron-updater keeps `.updaterId`. */
  userDataDir: string;
  /** electron-updater's updater for this package type (`autoUpdater`); created only when updates are on. */
  createUpdater: () => AppUpdater;
  setInterval?: typeof setInterval;
  now?: () => number;
}

export interface ShellUpdates {
  /** The KioskApi server as the window should get it: its first request counts as "the screen loaded". */
  observeScreen(server: KioskApiServer): KioskApiServer;
  updater: KioskUpdater;
  health: UpdateHealthWatch;
  stop(): void;
}

/** Outcomes worth a line in the log; "nothing newer" every quarter of an hour is not. */
function logOutcome(logger: ShellUpdatesOptions['kiosk']['logger'], outcome: UpdateOutcome): void {
  if (outcome.kind === 'declined' && outcome.decision.reason !== 'notNewer') logger.info({ version: outcome.decision.version, reason: outcome.decision.reason }, 'update not installed now');
}

export async function startShellUpdates(options: ShellUpdatesOptions): Promise<ShellUpdates | null> {
  const { kiosk, running } = options;
  const { updates, terminal } = kiosk.config;
  const logger = kiosk.logger;
  if (!options.packaged || !updates.enabled) {
    logger.info({ packaged: options.packaged, enabled: updates.enabled }, 'software updates off');
    return null;
  }
  const now = options.now ?? Date.now;
  const every = options.setInterval ?? setInterval;
  const opened = await UpdateStateFile.open(path.join(kiosk.dataDir, 'updates'));
  if (opened.damaged) logger.warn({}, 'update state file damaged; starting from an empty one');
  const state = opened.store;

  const electronUpdater = options.createUpdater();
  await pointUpdaterAtFeed(electronUpdater, { platformUrl: kiosk.platform.platformUrl, channel: updates.channel, terminalId: terminal.id, userDataDir: options.userDataDir, logger });

  let screenLoaded = false;
  const startedAt = now();
  const updater = new KioskUpdater({
    updater: electronUpdater,
    state,
    running,
    terminalId: terminal.id,
    channel: updates.channel,
    quietHours: updates.quietHours,
    sessions: kiosk.sessions,
    verdictPending: () => state.current.pending !== null,
    logger,
    now,
  });
  const check = () => void updater.check().then((outcome) => logOutcome(logger, outcome));
  const health = new UpdateHealthWatch({
    state,
    running,
    checks: () => {
      const heartbeat = kiosk.platform.agent.status().lastHeartbeatAt;
      // The core was built, so the outbox opened and its recovery ran.
      return { screenLoaded, platformReached: heartbeat !== null && heartbeat >= startedAt, outboxOpen: true };
    },
    report: (report) => kiosk.platform.online.request('updateReport', { body: report }),
    deadlineMs: updates.healthDeadlineSeconds * 1000,
    onPinned: check,
    logger,
    now,
  });

  const timers = [
    every(() => {
      if (health.pending) void health.tick();
    }, healthTickMs),
    every(check, updates.checkEveryMinutes * 60_000),
  ];
  for (const timer of timers) timer.unref?.();
  if (health.pending) void health.tick();
  else check();

  return {
    observeScreen: (server) => ({
      invoke: (command, input) => {
        screenLoaded = true;
        return server.invoke(command, input);
      },
      publish: (name, payload) => server.publish(name, payload),
      subscribe: (listener) => server.subscribe(listener),
    }),
    updater,
    health,
    stop: () => {
      for (const timer of timers) clearInterval(timer);
    },
  };
}
