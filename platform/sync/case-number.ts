// Case numbers (办件编号): `<region>-<yyyymmdd>-<nnnnnn>`, the day in China Standard Time and a counter per region
// and day kept in storage. Short enough to read out on the phone and type at a kiosk's progress query.
import { type CivilDate, chinaDate } from '../approval/id-number';

export function caseDay(instant: Date): string {
  const d: CivilDate = chinaDate(instant);
  return `${d.year}${String(d.month).padStart(2, '0')}${String(d.day).padStart(2, '0')}`;
}

export function formatCaseNumber(region: string, day: string, sequence: number): string {
  return `${region}-${day}-${String(sequence).padStart(6, '0')}`;
}
