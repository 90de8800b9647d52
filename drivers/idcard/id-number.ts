// Citizen ID numbers (GB 11643): the ISO 7064 MOD 11-2 check character, old 15-digit numbers, the birth date inside,
// and masking for display (design.md and gov-service.md: keep the first and last few characters, hide the birth date).
import { parseCompactDate } from './civil-date';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

/** The check character for the first 17 digits, or null when they are not 17 digits. */
export function idCheckCharacter(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARACTERS[sum % 11] ?? null;
}

export interface IdNumberInfo {
  /** As given, with a lower-case `x` made upper-case. */
  idNumber: string;
  digits: 18 | 15;
  /** The six-digit administrative division code. */
  regionCode: string;
  /** `YYYY-MM-DD`; 15-digit numbers are all of the 1900s. */
  birthDate: string;
  /** From the sequence code: odd for men, even for women. */
  gender: 'male' | 'female';
}

export type IdNumberError = { code: 'format' | 'birthDate' | 'checkCharacter'; message: string };
export type IdNumberResult = { ok: true; value: IdNumberInfo } | { ok: false; error: IdNumberError };

function fail(code: IdNumberError['code'], message: string): IdNumberResult {
  return { ok: false, error: { code, message } };
}

/** Validates an 18-digit number (check character included) or an old 15-digit one (which has none). */
export function parseIdNumber(input: string): IdNumberResult {
  const idNumber = input.replace(/x$/, 'X');
  if (/^\d{17}[\dX]$/.test(idNumber)) {
    const birthDate = parseCompactDate(idNumber.slice(6, 14));
    if (birthDate === null) return fail('birthDate', 'the birth date in the ID number is not a real date');
    if (idCheckCharacter(idNumber.slice(0, 17)) !== idNumber[17]) return fail('checkCharacter', 'the ID number check character is wrong');
    const gender = Number(idNumber[16]) % 2 === 1 ? 'male' : 'female';
    return { ok: true, value: { idNumber, digits: 18, regionCode: idNumber.slice(0, 6), birthDate, gender } };
  }
  if (/^\d{15}$/.test(idNumber)) {
    const birthDate = parseCompactDate(`19${idNumber.slice(6, 12)}`);
    if (birthDate === null) return fail('birthDate', 'the birth date in the ID number is not a real date');
    const gender = Number(idNumber[14]) % 2 === 1 ? 'male' : 'female';
    return { ok: true, value: { idNumber, digits: 15, regionCode: idNumber.slice(0, 6), birthDate, gender } };
  }
  return fail('format', 'an ID number has 18 characters (17 digits and a digit or X) or 15 digits');
}

export function isValidIdNumber(input: string): boolean {
  return parseIdNumber(input).ok;
}

/** The 18-digit form of a valid 15-digit number: `19` inserted before the year, the check character appended. */
export function upgradeIdNumber(old: string): string | null {
  const parsed = parseIdNumber(old);
  if (!parsed.ok || parsed.value.digits !== 15) return null;
  const first17 = `${old.slice(0, 6)}19${old.slice(6)}`;
  return first17 + (idCheckCharacter(first17) ?? '');
}

export interface MaskOptions {
  /** Characters kept at the start, at most 6 (the region code) so the birth date stays hidden. Default 3. */
  keepStart?: number;
  /** Characters kept at the end, at most 4 (3 for 15-digit numbers). Default 4. */
  keepEnd?: number;
  maskCharacter?: string;
}

/**
 * The number for display: the first and last few characters kept, the rest (always including the birth date)
 * replaced. Anything that is not an ID number is masked so that at least half of it stays hidden.
 */
export function maskIdNumber(value: string, options: MaskOptions = {}): string {
  const chars = Array.from(value);
  const n = chars.length;
  const clamp = (x: number, max: number): number => Math.max(0, Math.min(Math.trunc(x), max));
  let keepStart = clamp(options.keepStart ?? 3, 6);
  let keepEnd = clamp(options.keepEnd ?? 4, 4);
  if (n === 15) keepEnd = Math.min(keepEnd, 3);
  else if (n !== 18) {
    const quarter = Math.floor(n / 4);
    keepStart = Math.min(keepStart, quarter);
    keepEnd = Math.min(keepEnd, quarter);
  }
  const mask = options.maskCharacter ?? '*';
  return chars.map((c, i) => (i < keepStart || i >= n - keepEnd ? c : mask)).join('');
}
