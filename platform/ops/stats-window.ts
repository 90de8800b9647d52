// The statistics window: the last N days in China Standard Time (UTC+8, no daylight saving), ending today, as the
// instants storage filters on, and every day in it (so days without transactions show as zero).
import { chinaDate, formatCivilDate } from '../approval/id-number';

export const statsDayChoices = [7, 30, 90] as const;

const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;

export interface DayWindow {
  from: Date;
  to: Date;
  /** yyyy-mm-dd, oldest first. */
  days: string[];
}

export function lastDays(now: Date, count: number): DayWindow {
  const today = chinaDate(now);
  const tomorrowStart = Date.UTC(today.year, today.month - 1, today.day + 1) - CST_OFFSET_MS;
  const from = tomorrowStart - count * DAY_MS;
  const days = Array.from({ length: count }, (_, i) => formatCivilDate(chinaDate(new Date(from + i * DAY_MS))));
  return { from: new Date(from), to: new Date(tomorrowStart), days };
}
