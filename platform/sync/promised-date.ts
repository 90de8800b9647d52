// The date a case is promised by: the item's promised time limit counted from the day it was received (China Standard
// Time). Working days skip Saturdays and Sundays; the reference platform has no holiday calendar, so around public
// holidays the date is early, never late.
import type { TimeLimit } from '../../contracts/catalog';
import { type CivilDate, chinaDate, formatCivilDate } from '../approval/id-number';

export function promisedDate(received: Date, limit: TimeLimit): string {
  const start: CivilDate = chinaDate(received);
  const day = new Date(Date.UTC(start.year, start.month - 1, start.day));
  let left = limit.value;
  while (left > 0) {
    day.setUTCDate(day.getUTCDate() + 1);
    const weekday = day.getUTCDay();
    if (limit.unit === 'naturalDays' || (weekday !== 0 && weekday !== 6)) left--;
  }
  return formatCivilDate({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() });
}
