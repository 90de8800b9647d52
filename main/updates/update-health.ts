// After an update: is the new version healthy? A pure verdict from what the kiosk recorded before installing (the
// versions) and what it sees after the restart. A version that fails is reported (`healthCheckFailed`), never taken
// again here (update-policy `failedVersions`), and the terminal goes back to the version it came from; the platform
// pins the terminal to that version (contracts/remote-operations.ts `UpdateReportRequest`).
import type { UpdateReportRequest } from '../../contracts/remote-operations';

export interface PendingUpdate {
  channel: string;
  fromVersion: string;
  toVersion: string;
  /** Milliseconds since the epoch, when the install was started. */
  startedAt: number;
}

export interface HealthChecks {
  /** The screen loaded and answered (a KioskApi call from the renderer arrived). */
  screenLoaded: boolean;
  /** A heartbeat got through to the platform. */
  platformReached: boolean;
  /** The outbox opened and its recovery ran. */
  outboxOpen: boolean;
}

export type HealthVerdict =
  | { kind: 'waiting' }
  | { kind: 'healthy'; report: UpdateReportRequest }
  | { kind: 'failed'; report: UpdateReportRequest; rollbackTo: string };

export function judgeUpdate(input: { pending: PendingUpdate; running: string; checks: HealthChecks; now: number; deadlineMs: number }): HealthVerdict {
  const { pending, running, checks } = input;
  const report = (outcome: UpdateReportRequest['outcome'], detail: string): UpdateReportRequest => ({ channel: pending.channel, fromVersion: pending.fromVersion, toVersion: pending.toVersion, outcome, detail });
  if (running !== pending.toVersion) {
    return { kind: 'failed', report: report('healthCheckFailed', `still running ${running} after installing ${pending.toVersion}`), rollbackTo: pending.fromVersion };
  }
  const missing = (Object.keys(checks) as (keyof HealthChecks)[]).filter((k) => !checks[k]);
  if (missing.length === 0) return { kind: 'healthy', report: report('installed', 'screen loaded, platform reached, outbox open') };
  if (input.now - pending.startedAt < input.deadlineMs) return { kind: 'waiting' };
  return { kind: 'failed', report: report('healthCheckFailed', `not healthy within ${Math.round(input.deadlineMs / 1000)} s: ${missing.join(', ')}`), rollbackTo: pending.fromVersion };
}
