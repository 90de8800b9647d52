// The Electron shell's update loop around electron-updater: look at the feed on a timer, and download and install
// only when the policy (main/updates/update-policy.ts) says so — newer (or the pinned version after a failed health
// check), in the rollout, at the quiet hour, no citizen at the screen. The update being installed is recorded durably
// before `quitAndInstall`, so the next process can judge it (main/updates/update-health-watch.ts).
//
// electron-updater runs its own checks too (semver, staging from `.updaterId`, sha512 of the download): an update is
// installed only when both agree, so a disagreement can only ever mean "not now".
import type { AppUpdater, UpdateInfo } from 'electron-updater';
import { singleFlight } from '../common/single-flight';
import { LatestYml } from '../updates/latest-yml';
import { type QuietHours, type UpdateDecision, decideUpdate } from '../updates/update-policy';
import type { UpdateStateFile } from '../updates/update-state';
import type { ShellLogger } from './shell-logger';

/**
 * The part of electron-updater's AppUpdater the loop drives (a fake in unit tests, the real one in production), set up
 * by update-feed-setup.ts: no download or install of its own accord.
 */
export type UpdaterLike = Pick<AppUpdater, 'allowDowngrade' | 'checkForUpdates' | 'downloadUpdate' | 'quitAndInstall'>;

export interface KioskUpdaterOptions {
  updater: UpdaterLike;
  state: UpdateStateFile;
  /** The version this process runs. */
  running: string;
  terminalId: string;
  channel: string;
  quietHours: QuietHours;
  /** Open citizen sessions. */
  sessions: { readonly size: number };
  /** An installed update whose verdict has not reached the platform yet: no other update until it has. */
  verdictPending: () => boolean;
  logger: ShellLogger;
  now?: () => number;
}

export type UpdateOutcome =
  /** electron-updater is off: not packaged, or not running from an AppImage. */
  | { kind: 'inactive' }
  | { kind: 'verdictPending' }
  | { kind: 'failed'; stage: 'check' | 'feed' | 'download' | 'record'; detail: string }
  | { kind: 'declined'; decision: Extract<UpdateDecision, { install: false }> }
  /** The policy would install, electron-updater does not offer it (its own staging or version check). */
  | { kind: 'notOffered'; version: string }
  /** Downloaded, but the moment passed meanwhile (a session started, the quiet hour ended); kept in its cache. */
  | { kind: 'deferred'; decision: Extract<UpdateDecision, { install: false }> }
  | { kind: 'installing'; version: string; rollback: boolean };

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 300) ?? '';
}

export class KioskUpdater {
  readonly #options: KioskUpdaterOptions;
  readonly #now: () => number;

  constructor(options: KioskUpdaterOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** One check; a check already running is shared, never doubled. */
  readonly check: () => Promise<UpdateOutcome> = singleFlight(() => this.#check());

  #decide(feed: LatestYml): UpdateDecision {
    const { state } = this.#options;
    return decideUpdate({
      running: this.#options.running,
      feed,
      terminalId: this.#options.terminalId,
      now: new Date(this.#now()),
      quietHours: this.#options.quietHours,
      sessionActive: this.#options.sessions.size > 0,
      pinnedVersion: state.current.pinnedVersion,
      failedVersions: state.current.failedVersions,
    });
  }

  async #check(): Promise<UpdateOutcome> {
    const { updater, state, logger, running } = this.#options;
    if (this.#options.verdictPending()) return { kind: 'verdictPending' };
    const pinned = state.current.pinnedVersion;
    // Back on the pinned version after a rollback: the platform's per-terminal feed holds the pin from here on.
    if (pinned !== null && pinned === running) await state.update({ pinnedVersion: null });
    // Only a pinned terminal may take an older release: the one its per-terminal feed names.
    updater.allowDowngrade = state.current.pinnedVersion !== null;

    let checked: { isUpdateAvailable: boolean; updateInfo: UpdateInfo } | null;
    try {
      checked = await updater.checkForUpdates();
    } catch (error) {
      return this.#failed('check', error);
    }
    if (checked === null) return { kind: 'inactive' };
    const feed = LatestYml.safeParse(checked.updateInfo);
    if (!feed.success) return this.#failed('feed', new Error(`the feed fails its schema at ${feed.error.issues[0]?.path.join('.') || '(root)'}`));

    const decision = this.#decide(feed.data);
    if (!decision.install) return { kind: 'declined', decision };
    if (!checked.isUpdateAvailable) {
      logger.warn({ version: decision.version }, 'the update policy would install, electron-updater does not offer it');
      return { kind: 'notOffered', version: decision.version };
    }

    logger.info({ version: decision.version, rollback: decision.rollback === true }, 'downloading update');
    try {
      // electron-updater verifies the file's sha512 against the feed before it counts as downloaded.
      await updater.downloadUpdate();
    } catch (error) {
      return this.#failed('download', error);
    }
    // A download takes a while: a citizen may have come, the quiet hour may have ended.
    const now = this.#decide(feed.data);
    if (!now.install) {
      logger.info({ version: now.version, reason: now.reason }, 'update downloaded; installing later');
      return { kind: 'deferred', decision: now };
    }
    if (!now.rollback) {
      try {
        await state.recordPending({ channel: this.#options.channel, fromVersion: running, toVersion: now.version, startedAt: this.#now() });
      } catch (error) {
        // Never install what the next start could not judge.
        return this.#failed('record', error);
      }
    }
    logger.info({ fromVersion: running, toVersion: now.version, rollback: now.rollback === true }, 'installing update; the app restarts');
    updater.quitAndInstall(true, true);
    return { kind: 'installing', version: now.version, rollback: now.rollback === true };
  }

  #failed(stage: Extract<UpdateOutcome, { kind: 'failed' }>['stage'], error: unknown): UpdateOutcome {
    const detail = message(error);
    this.#options.logger.warn({ stage, detail }, 'update check failed');
    return { kind: 'failed', stage, detail };
  }
}
