// A read card as JSON for the diagnostics CLI: personal fields masked unless the operator asks for them (design.md,
// "Non-negotiables": an ID number is never shown in full after the read step; the birth date stays hidden). Binary
// parts are given by length only.
import type { IdCard } from './id-card-reader';
import { maskIdNumber } from './id-number';

/** The first character (a whole one: 𠮷 is two UTF-16 units) and an asterisk. */
export function maskName(name: string): string {
  return `${Array.from(name)[0] ?? ''}*`;
}

/**
 * The province and city, nothing finer: `浙江省杭州市西湖区示例路88号` → `浙江省杭州市***`. The city part may not hold a
 * county, district or street marker, so `…县城关镇市场街` does not pass for a city.
 */
export function maskAddress(address: string): string {
  const region = /^(?:[^省]{1,8}?(?:省|自治区|特别行政区))?(?:[^省区县镇乡街路号]{1,10}?(?:市|自治州|地区|盟))?/u.exec(address)?.[0] ?? '';
  return `${region || Array.from(address).slice(0, 2).join('')}***`;
}

const HIDDEN_DATE = '****-**-**';

function maskField(key: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  switch (key) {
    case 'name':
    case 'chineseName':
    case 'englishName':
      return maskName(value);
    case 'idNumber':
    case 'cardNumber':
    case 'passNumber':
      return maskIdNumber(value);
    case 'address':
      return maskAddress(value);
    case 'birthDate':
      return HIDDEN_DATE;
    default:
      return value;
  }
}

export function cardJson(card: IdCard, options: { showPii: boolean }): Record<string, unknown> {
  const mask = (key: string, value: unknown): unknown => (options.showPii ? value : maskField(key, value));
  const json: Record<string, unknown> = Object.fromEntries(Object.entries(card.text).map(([key, value]) => [key, mask(key, value)]));
  json.photo = { format: card.photo.format, bytes: card.photo.bytes.length };
  if (card.decodedPhoto) json.decodedPhoto = { format: card.decodedPhoto.format, bytes: card.decodedPhoto.bytes.length };
  if (card.fingerprint) json.fingerprint = { bytes: card.fingerprint.length };
  if (card.appendedAddress) {
    json.appendedAddress = card.appendedAddress.kind === 'address' ? { kind: 'address', address: mask('address', card.appendedAddress.address) } : card.appendedAddress;
  }
  json.piiMasked = !options.showPii;
  return json;
}
