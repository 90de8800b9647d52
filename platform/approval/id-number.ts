// The birth date in an 18-digit citizen ID number (GB 11643-1999), checked by its ISO 7064 MOD 11-2 check character.
// The platform's own copy: platform/ shares only contracts/ with the kiosk, and the kiosk's reader has its own.

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The birth date, or undefined when the number is malformed or its check character is wrong. */
export function birthDateFromIdNumber(idNumber: string): CivilDate | undefined {
  if (!/^\d{17}[\dX]$/.test(idNumber)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(idNumber[i]) * (WEIGHTS[i] as number);
  if (CHECK[sum % 11] !== idNumber[17]) return undefined;
  const year = Number(idNumber.slice(6, 10));
  const month = Number(idNumber.slice(10, 12));
  const day = Number(idNumber.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1850 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return { year, month, day };
}

/** Whole years (周岁) on `today`; someone born on 29 February turns a year older on 1 March in other years. */
export function ageOn(birth: CivilDate, today: CivilDate): number {
  const beforeBirthday = today.month < birth.month || (today.month === birth.month && today.day < birth.day);
  return today.year - birth.year - (beforeBirthday ? 1 : 0);
}

/** China Standard Time (UTC+8, no daylight saving): the day that counts for ages, case numbers and time limits. */
export function chinaDate(instant: Date): CivilDate {
  const shifted = new Date(instant.getTime() + 8 * 3600_000);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** `YYYY-MM-DD`. */
export function formatCivilDate(d: CivilDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}
