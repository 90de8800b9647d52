// What a form field accepts, checked as the citizen types: each problem is a code the screen turns into plain words
// (`journey.fieldError.<code>`). `incomplete` is not an error while typing, only when the citizen wants to go on.
import type { ScreenFormField } from '../../contracts/kiosk-api';

export type FieldProblem =
  | 'required'
  | 'incomplete'
  | 'idFormat'
  | 'idBirthDate'
  | 'idCheckDigit'
  | 'phoneFormat'
  | 'dateFormat'
  | 'dateInvalid'
  | 'numberFormat';

/** A value as the form holds it: text as typed, yes/no, a select's option value; undefined until entered. */
export type FieldValue = string | boolean | undefined;

/** GB 11643-1999: weights of the 17 digits, and the check character for each remainder MOD 11. */
const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idCheckCharacters = '10X98765432';

export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (idWeights[i] as number);
  return idCheckCharacters[sum % 11] as string;
}

/** A real calendar date between 1900 and 2100. */
function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function checkIdNumber(value: string): FieldProblem | undefined {
  if (!/^[0-9]{0,17}[0-9Xx]?$/.test(value)) return 'idFormat';
  if (value.length < 18) return 'incomplete';
  const birth = value.slice(6, 14);
  if (!isCalendarDate(Number(birth.slice(0, 4)), Number(birth.slice(4, 6)), Number(birth.slice(6, 8)))) return 'idBirthDate';
  if (idCheckCharacter(value.slice(0, 17)) !== value[17]?.toUpperCase()) return 'idCheckDigit';
  return undefined;
}

/** Mainland mobile numbers (11 digits, 13–19), or a landline with its area code (010-12345678). */
export function checkPhone(value: string): FieldProblem | undefined {
  if (/^1[3-9][0-9]{9}$/.test(value) || /^0[1-9][0-9]{1,2}-[0-9]{7,8}$/.test(value)) return undefined;
  if (/^1[3-9]?[0-9]{0,8}$/.test(value) || /^0[0-9]{0,3}(-[0-9]{0,7})?$/.test(value)) return 'incomplete';
  return 'phoneFormat';
}

/** YYYY-MM-DD, a real date. */
export function checkDate(value: string): FieldProblem | undefined {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(value);
  if (!match) return /^[0-9]{0,4}(-[0-9]{0,2}(-[0-9]{0,1})?)?$/.test(value) ? 'incomplete' : 'dateFormat';
  return isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3])) ? undefined : 'dateInvalid';
}

export function checkNumber(value: string): FieldProblem | undefined {
  if (/^[0-9]+(\.[0-9]+)?$/.test(value)) return undefined;
  return /^[0-9]+\.$/.test(value) ? 'incomplete' : 'numberFormat';
}

/** The field's problem, if any; an empty optional field has none. */
export function fieldProblem(field: Pick<ScreenFormField, 'type' | 'required'>, value: FieldValue): FieldProblem | undefined {
  if (value === undefined || value === '') return field.required ? 'required' : undefined;
  if (typeof value === 'boolean') return undefined;
  switch (field.type) {
    case 'idNumber':
      return checkIdNumber(value);
    case 'phone':
      return checkPhone(value);
    case 'date':
      return checkDate(value);
    case 'number':
      return checkNumber(value);
    default:
      return undefined;
  }
}

function dateFromDigits(digits: string): string {
  const kept = digits.slice(0, 8);
  return [kept.slice(0, 4), kept.slice(4, 6), kept.slice(6, 8)].filter((part) => part !== '').join('-');
}

/** Typing digits into a date: the hyphens come by themselves (2024-05-01 from 20240501). */
export function typeIntoDate(current: string, digit: string): string {
  return dateFromDigits(current.replace(/-/g, '') + digit);
}

/** Deleting from a date takes away the last digit, never just a hyphen. */
export function deleteFromDate(current: string): string {
  return dateFromDigits(current.replace(/-/g, '').slice(0, -1));
}

/** The value the platform receives: numbers as numbers, everything else as entered. */
export function submittedValue(field: Pick<ScreenFormField, 'type'>, value: string | boolean): string | number | boolean {
  if (field.type === 'number' && typeof value === 'string') return Number(value);
  if (field.type === 'idNumber' && typeof value === 'string') return value.toUpperCase();
  return value;
}
