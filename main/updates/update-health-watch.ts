// After the restart an install caused: judges the new version (update-health.ts) until it is healthy or the deadline
// has passed, reports the verdict (`POST /v1/update-reports`) and records what it means here. A report that does not
// get through is tried again at the next tick, with a fresh verdict: a kiosk that only lacked the network when the
// deadline passed is reported healthy once it reaches the platform. After a failed check the platform pins the
// terminal to the version it came from; `onPinned` starts the way back (the updater, with the per-terminal feed).
import type { UpdateReportAnswer, UpdateReportRequest } from '../../contracts/remote-operations';
import type { ServiceLogger } from '../services/service-logger';
import type { SyncResult } from '../sync/sync-client';
import { describeFailure } from '../sync/failures';
import { singleFlight } from '../common/single-flight';
import { type HealthChecks, judgeUpdate } from './update-health';
import type { UpdateStateFile } from './update-state';

export interface UpdateHealthWatchOptions {
  state: UpdateStateFile;
  /** The version this process runs. */
  running: string;
  checks: () => HealthChecks;
  report: (report: UpdateReportRequest) => Promise<SyncResult<UpdateReportAnswer>>;
  deadlineMs: number;
  /** The platform pinned the terminal to `version` after a failed health check. */
  onPinned: (version: string) => void;
  logger: ServiceLogger;
  now?: () => number;
}

export type WatchStep =
  | { kind: 'nothingPending' }
  | { kind: 'waiting' }
  | { kind: 'reportFailed'; detail: string }
  | { kind: 'reported'; outcome: UpdateReportRequest['outcome']; pinnedVersion: string | null };

export class UpdateHealthWatch {
  readonly #options: UpdateHealthWatchOptions;
  readonly #now: () => number;

  constructor(options: UpdateHealthWatchOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Whether an installed update still waits for its verdict to reach the platform. */
  get pending(): boolean {
    return this.#options.state.current.pending !== null;
  }

  /** One look; concurrent calls share it. */
  readonly tick: () => Promise<WatchStep> = singleFlight(() => this.#step());

  async #step(): Promise<WatchStep> {
    const { state, logger } = this.#options;
    const pending = state.current.pending;
    if (pending === null) return { kind: 'nothingPending' };
    const verdict = judgeUpdate({ pending, running: this.#options.running, checks: this.#options.checks(), now: this.#now(), deadlineMs: this.#options.deadlineMs });
    if (verdict.kind === 'waiting') return { kind: 'waiting' };
    const sent = await this.#options.report(verdict.report);
    if (!sent.ok) {
      const detail = describeFailure(sent.failure);
      logger.warn({ outcome: verdict.report.outcome, toVersion: pending.toVersion, detail }, 'update report not delivered; trying again');
      return { kind: 'reportFailed', detail };
    }
    const pinnedVersion = sent.value.pinnedVersion;
    if (verdict.kind === 'healthy') {
      await state.update({ pending: null, pinnedVersion: null });
      logger.info({ fromVersion: pending.fromVersion, toVersion: pending.toVersion }, 'update installed and healthy');
    } else {
      const pin = pinnedVersion ?? verdict.rollbackTo;
      await state.recordFailed(pending.toVersion, pin);
      logger.error({ fromVersion: pending.fromVersion, toVersion: pending.toVersion, detail: verdict.report.detail, pinnedVersion: pin }, 'update failed its health check; going back');
      this.#options.onPinned(pin);
    }
    return { kind: 'reported', outcome: verdict.report.outcome, pinnedVersion };
  }
}
