// A terminal's health as the console shows it, from its latest heartbeat (storage/ops-queries.ts `FleetRow`): online
// or offline by the heartbeat's age, and the problems ops act on. Pure, so list and detail agree and tests need no clock.
import type { FleetRow } from '../storage/ops-queries';

export interface HealthThresholds {
  /** No heartbeat for this long: offline. Kiosks send one a minute; three missed ones is not a blip. */
  offlineAfterMs: number;
  /** The oldest untransmitted transaction is older than this: the backlog needs a look. */
  backlogAgeSeconds: number;
}

export const defaultThresholds: HealthThresholds = { offlineAfterMs: 3 * 60_000, backlogAgeSeconds: 30 * 60 };

export type Problem = 'offline' | 'disabled' | 'paperLow' | 'printerOffline' | 'backlog' | 'needsAttention' | 'pushRefused';

export interface TerminalHealth {
  row: FleetRow;
  online: boolean;
  /** Seconds since the last heartbeat; null when none arrived. */
  heartbeatAgeSeconds: number | null;
  problems: Problem[];
}

export function healthOf(row: FleetRow, now: Date, thresholds: HealthThresholds = defaultThresholds): TerminalHealth {
  const age = row.lastHeartbeatAt === null ? null : Math.max(0, (now.getTime() - row.lastHeartbeatAt.getTime()) / 1000);
  const online = row.enabled && age !== null && age * 1000 <= thresholds.offlineAfterMs;
  const problems: Problem[] = [];
  if (!row.enabled) problems.push('disabled');
  else if (!online) problems.push('offline');
  if (row.paperLow) problems.push('paperLow');
  if (row.printerOffline) problems.push('printerOffline');
  if ((row.oldestPendingAgeSeconds ?? 0) > thresholds.backlogAgeSeconds) problems.push('backlog');
  if ((row.needsAttention ?? 0) > 0) problems.push('needsAttention');
  if (row.pushRefused) problems.push('pushRefused');
  return { row, online, heartbeatAgeSeconds: age, problems };
}

export const fleetFilters = ['all', 'problems', 'offline', 'paperLow', 'printerOffline', 'backlog'] as const;
export type FleetFilter = (typeof fleetFilters)[number];

export interface FleetSummary {
  total: number;
  online: number;
  offline: number;
  paperLow: number;
  printerOffline: number;
  backlog: number;
}

export function summarize(fleet: readonly TerminalHealth[]): FleetSummary {
  const count = (p: (h: TerminalHealth) => boolean): number => fleet.filter(p).length;
  return {
    total: fleet.length,
    online: count((h) => h.online),
    offline: count((h) => !h.online),
    paperLow: count((h) => h.problems.includes('paperLow')),
    printerOffline: count((h) => h.problems.includes('printerOffline')),
    backlog: count((h) => h.problems.includes('backlog') || h.problems.includes('needsAttention')),
  };
}

export function applyFilter(fleet: readonly TerminalHealth[], filter: FleetFilter): TerminalHealth[] {
  switch (filter) {
    case 'all':
      return [...fleet];
    case 'problems':
      return fleet.filter((h) => h.problems.length > 0);
    case 'offline':
      return fleet.filter((h) => !h.online);
    case 'backlog':
      return fleet.filter((h) => h.problems.includes('backlog') || h.problems.includes('needsAttention'));
    default:
      return fleet.filter((h) => h.problems.includes(filter));
  }
}
