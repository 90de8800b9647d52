// How the screen shows personal values once typed (design.md: masked on screen): enough for the citizen to recognise
// their own entry, not enough for someone behind them to read it.
import type { ScreenFormField } from '../../contracts/kiosk-api';

const stars = (count: number) => '*'.repeat(Math.max(1, count));

/** Keeps `head` characters and `tail` characters (code points, so 𠮷 counts as one). */
function keep(value: string, head: number, tail: number): string {
  const chars = [...value];
  if (chars.length <= head + tail) return chars[0] === undefined ? '' : chars[0] + stars(chars.length - 1);
  return chars.slice(0, head).join('') + stars(chars.length - head - tail) + chars.slice(chars.length - tail).join('');
}

/** 18-digit ID: region's first three and the last four; the birth date is always hidden. */
export const maskIdNumber = (value: string) => keep(value, 3, 4);
/** 13812345678 → 138****5678. */
export const maskPhone = (value: string) => keep(value, 3, 4);

export function maskValue(field: Pick<ScreenFormField, 'type' | 'personal'>, value: string): string {
  if (!field.personal || value === '') return value;
  switch (field.type) {
    case 'idNumber':
      return maskIdNumber(value);
    case 'phone':
      return maskPhone(value);
    case 'date':
    case 'number':
      return stars([...value].length);
    default:
      // Account numbers keep their last four; names and addresses their first character.
      return /^[0-9 ]+$/.test(value) ? keep(value, 0, 4) : keep(value, 1, 0);
  }
}
