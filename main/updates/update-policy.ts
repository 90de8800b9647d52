// Whether this kiosk installs an update now: a pure decision from the feed (electron-updater's latest*.yml), the
// running version, the terminal's rollout bucket, the clock and whether a citizen is using the terminal. Nothing
// here touches Electron, the network or the disk, so every case is tested without the Electron binary.
import { createHash } from 'node:crypto';
import type { LatestYml } from './latest-yml';

export interface QuietHours {
  /** `HH:MM` local time (China Standard Time, UTC+8, no daylight saving); the window may cross midnight. */
  start: string;
  end: string;
}

export interface UpdateSituation {
  running: string;
  feed: LatestYml;
  terminalId: string;
  now: Date;
  quietHours: QuietHours;
  /** A citizen session is open. */
  sessionActive: boolean;
  /**
   * After a failed health check the platform pins the terminal to the version it came from, and its per-terminal
   * feed offers that (older) release: the one downgrade this policy allows.
   */
  pinnedVersion?: string | null;
  /** Versions that failed their health check here: never again, whatever the feed says. */
  failedVersions?: readonly string[];
}

export type UpdateDecision =
  /** `rollback`: back to the pinned version after a failed health check, at the first moment without a session. */
  | { install: true; version: string; rollback?: true }
  | { install: false; reason: 'notNewer' | 'pinned' | 'failedBefore' | 'outsideRollout' | 'notQuietHour' | 'sessionActive'; version: string };

/** UTC+8 all year: the quiet hour is a time of day in China Standard Time. */
const CST_OFFSET_MINUTES = 8 * 60;

type Semver = { core: number[]; pre: string[] };

function parseVersion(version: string): Semver {
  const [main = '', pre] = version.split('+')[0]?.split(/-(.*)/s) ?? [];
  return { core: main.split('.').map((n) => Number.parseInt(n, 10) || 0), pre: pre ? pre.split('.') : [] };
}

/** Semantic-version order (build metadata ignored; a pre-release sorts before its release). */
export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  for (let i = 0; i < 3; i++) {
    const d = (x.core[i] ?? 0) - (y.core[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (x.pre.length === 0 || y.pre.length === 0) return Math.sign(y.pre.length - x.pre.length);
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    const p = x.pre[i];
    const q = y.pre[i];
    if (p === undefined || q === undefined) return p === undefined ? -1 : 1;
    if (p === q) continue;
    const np = /^\d+$/.test(p);
    const nq = /^\d+$/.test(q);
    if (np && nq) return Math.sign(Number(p) - Number(q));
    if (np !== nq) return np ? -1 : 1;
    return p < q ? -1 : 1;
  }
  return 0;
}

/**
 * The terminal's stable staging id: a name-based UUID (v5 layout) of its terminal id. electron-updater keeps a random
 * UUID in `<userData>/.updaterId`; writing this one there makes its own staging check agree with this module.
 */
export function stagingUserId(terminalId: string): string {
  const hash = createHash('sha1').update(`gov-kiosk-staging:${terminalId}`).digest();
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50;
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Where the terminal falls in [0, 100): electron-updater's formula (the UUID's last 4 bytes over 2^32 − 1). */
export function stagingBucket(terminalId: string): number {
  const bytes = Buffer.from(stagingUserId(terminalId).replace(/-/g, ''), 'hex');
  return (bytes.readUInt32BE(12) / 0xffffffff) * 100;
}

function minutesOf(hhmm: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!match) throw new Error(`not a time of day: ${hhmm}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

export function inQuietHours(now: Date, hours: QuietHours): boolean {
  const minute = Math.floor((now.getTime() / 60_000 + CST_OFFSET_MINUTES) % 1440);
  const start = minutesOf(hours.start);
  const end = minutesOf(hours.end);
  return start <= end ? minute >= start && minute < end : minute >= start || minute < end;
}

export function decideUpdate(s: UpdateSituation): UpdateDecision {
  const version = s.feed.version;
  const no = (reason: Extract<UpdateDecision, { install: false }>['reason']): UpdateDecision => ({ install: false, reason, version });
  // The running version failed its health check: going back waits for no quiet hour and no rollout, only for the
  // citizen at the screen to finish.
  if (s.pinnedVersion && compareVersions(version, s.pinnedVersion) === 0 && compareVersions(version, s.running) < 0) {
    return s.sessionActive ? no('sessionActive') : { install: true, version, rollback: true };
  }
  if (compareVersions(version, s.running) <= 0) return no('notNewer');
  // A pin holds back everything but the pinned version, until a release newer than the one that failed here comes
  // out (the platform's per-terminal feed then offers it too): the fix is taken like any update.
  const newestFailed = [...(s.failedVersions ?? [])].sort(compareVersions).at(-1);
  const supersedes = newestFailed !== undefined && compareVersions(version, newestFailed) > 0;
  if (s.pinnedVersion && compareVersions(version, s.pinnedVersion) !== 0 && !supersedes) return no('pinned');
  if (s.failedVersions?.includes(version)) return no('failedBefore');
  const staging = s.feed.stagingPercentage ?? 100;
  if (!(stagingBucket(s.terminalId) < staging)) return no('outsideRollout');
  if (!inQuietHours(s.now, s.quietHours)) return no('notQuietHour');
  if (s.sessionActive) return no('sessionActive');
  return { install: true, version };
}
