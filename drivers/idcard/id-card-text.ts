// The 256-byte text block of a card read (30 01 / 30 10) and the appended address (30 03), decoded per
// reference/idcard-ga467.md: UTF-16LE (real UTF-16: names may hold surrogate pairs such as 𠮷), space padded, trailing
// spaces trimmed only (foreign names contain spaces), card type at text offset 248.
//
// Decoders never throw: bad input of any shape comes back as a typed error that names the field, never its content.
import type { IdCardType } from '../../contracts/device-model';
import { parseCompactDate } from './civil-date';
import { type Gender, type Nation, genderFromCode, nationFromCode } from './id-card-codes';
import { parseIdNumber } from './id-number';

export const TEXT_BLOCK_BYTES = 256;
export const CARD_TYPE_OFFSET = 248;

/** [byte offset, byte length] in the text block. */
type Field = readonly [offset: number, bytes: number];

const residentLayout = {
  name: [0, 30],
  gender: [30, 2],
  nation: [32, 4],
  birthDate: [36, 16],
  address: [52, 70],
  idNumber: [122, 36],
  issuingAuthority: [158, 30],
  validFrom: [188, 16],
  validTo: [204, 16],
} as const satisfies Record<string, Field>;

/** `J`: as resident with the nation blank, plus the pass number and issue count in the reserved area. */
const hkMacaoTaiwanLayout = { ...residentLayout, passNumber: [220, 18], issueCount: [238, 4] } as const satisfies Record<string, Field>;

/** `I`: foreign permanent resident ID card, 2017. */
const foreign2017Layout = {
  englishName: [0, 120],
  gender: [120, 2],
  cardNumber: [122, 30],
  nationality: [152, 6],
  chineseName: [158, 30],
  validFrom: [188, 16],
  validTo: [204, 16],
  birthDate: [220, 16],
  cardVersion: [236, 4],
  authorityCode: [240, 8],
} as const satisfies Record<string, Field>;

/** `Y`: foreign permanent resident ID card, 2023 (158/30 is reserved). */
const foreign2023Layout = {
  chineseName: [0, 30],
  gender: [30, 2],
  renewalCount: [32, 4],
  birthDate: [36, 16],
  englishNamePart1: [52, 70],
  cardNumber: [122, 36],
  validFrom: [188, 16],
  validTo: [204, 16],
  englishNamePart2: [220, 22],
  countryCode: [242, 6],
  previousCardNumberLink: [250, 6],
} as const satisfies Record<string, Field>;

export type ValidUntil = { kind: 'date'; date: string } | { kind: 'longTerm' };

export interface Validity {
  /** `YYYY-MM-DD`. */
  from: string;
  until: ValidUntil;
}

export interface ResidentIdCard {
  cardType: 'resident';
  name: string;
  gender: Gender;
  nation: Nation;
  /** `YYYY-MM-DD`, like every date here. */
  birthDate: string;
  address: string;
  idNumber: string;
  issuingAuthority: string;
  validity: Validity;
}

/** 港澳台居民居住证. */
export interface HkMacaoTaiwanResidencePermit {
  cardType: 'hkMacaoTaiwan';
  name: string;
  gender: Gender;
  birthDate: string;
  address: string;
  idNumber: string;
  issuingAuthority: string;
  validity: Validity;
  passNumber: string;
  issueCount: number;
}

/** 外国人永久居留身份证 (2017). */
export interface ForeignPermanentResidentCard2017 {
  cardType: 'foreignPermanent2017';
  englishName: string;
  /** Absent when the holder has no Chinese name. */
  chineseName?: string;
  gender: Gender;
  cardNumber: string;
  /** Three letters. */
  nationality: string;
  birthDate: string;
  validity: Validity;
  cardVersion: string;
  authorityCode: string;
}

/** 外国人永久居留身份证 (2023). */
export interface ForeignPermanentResidentCard2023 {
  cardType: 'foreignPermanent2023';
  chineseName?: string;
  /** Parts 1 and 2 joined: part 1 is the first 35 characters exactly, spaces included. */
  englishName: string;
  gender: Gender;
  renewalCount: number;
  birthDate: string;
  cardNumber: string;
  validity: Validity;
  countryCode: string;
  previousCardNumberLink?: string;
}

export type IdCardText =
  | ResidentIdCard
  | HkMacaoTaiwanResidencePermit
  | ForeignPermanentResidentCard2017
  | ForeignPermanentResidentCard2023;

// Compile-time check that the card types here are the ones the device model names.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const cardTypesMatchModel: Same<IdCardText['cardType'], IdCardType> = true;
void cardTypesMatchModel;

export type IdCardTextErrorCode = 'invalidLength' | 'unknownCardType' | 'invalidText' | 'missingField' | 'invalidField';
export interface IdCardTextError {
  code: IdCardTextErrorCode;
  /** The field at fault; its content is never repeated (it is personal data). */
  field?: string;
  message: string;
}

export type DecodeResult<T> = { ok: true; value: T } | { ok: false; error: IdCardTextError };

/** Thrown only inside this module and turned into a DecodeResult at its edge. */
class DecodeFailure extends Error {
  readonly detail: IdCardTextError;
  constructor(detail: IdCardTextError) {
    super(detail.message);
    this.detail = detail;
  }
}

function failField(code: IdCardTextErrorCode, field: string, message: string): never {
  throw new DecodeFailure({ code, field, message: `${field}: ${message}` });
}

const isHighSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

/** UTF-16LE to a string, or null for a lone surrogate or a control character (neither occurs in card text). */
function decodeUtf16le(bytes: Uint8Array, offset: number, length: number): string | null {
  const units: number[] = [];
  for (let i = offset; i + 1 < offset + length; i += 2) units.push((bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8));
  let text = '';
  for (let i = 0; i < units.length; i++) {
    const unit = units[i] ?? 0;
    if (unit < 0x20 || unit === 0x7f) return null;
    if (isHighSurrogate(unit)) {
      const low = units[i + 1];
      if (low === undefined || !isLowSurrogate(low)) return null;
      text += String.fromCharCode(unit, low);
      i++;
    } else if (isLowSurrogate(unit)) {
      return null;
    } else {
      text += String.fromCharCode(unit);
    }
  }
  return text;
}

function trimTrailingSpaces(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x20) end--;
  return text.slice(0, end);
}

/** One field of the text block, undecoded padding and all, or a DecodeFailure. */
function rawField(block: Uint8Array, name: string, [offset, bytes]: Field): string {
  const text = decodeUtf16le(block, offset, bytes);
  if (text === null) failField('invalidText', name, 'not valid UTF-16 text');
  return text;
}

function optionalField(block: Uint8Array, name: string, field: Field): string | undefined {
  const text = trimTrailingSpaces(rawField(block, name, field));
  return text === '' ? undefined : text;
}

function requiredField(block: Uint8Array, name: string, field: Field): string {
  return optionalField(block, name, field) ?? failField('missingField', name, 'blank');
}

function genderField(block: Uint8Array, name: string, field: Field): Gender {
  return genderFromCode(requiredField(block, name, field)) ?? failField('invalidField', name, 'not a GB/T 2261.1 gender code');
}

function dateField(block: Uint8Array, name: string, field: Field): string {
  return parseCompactDate(requiredField(block, name, field)) ?? failField('invalidField', name, 'not a YYYYMMDD date');
}

function countField(block: Uint8Array, name: string, field: Field): number {
  const text = requiredField(block, name, field);
  if (!/^\d+$/.test(text)) failField('invalidField', name, 'not a number');
  return Number(text);
}

function validityFields(block: Uint8Array, from: Field, to: Field): Validity {
  const validFrom = dateField(block, 'validFrom', from);
  const validTo = requiredField(block, 'validTo', to);
  if (validTo === '长期') return { from: validFrom, until: { kind: 'longTerm' } };
  const date = parseCompactDate(validTo) ?? failField('invalidField', 'validTo', 'neither a YYYYMMDD date nor 长期');
  return { from: validFrom, until: { kind: 'date', date } };
}

function citizenIdNumber(block: Uint8Array, field: Field): string {
  const text = requiredField(block, 'idNumber', field);
  const parsed = parseIdNumber(text);
  if (!parsed.ok || parsed.value.digits !== 18) failField('invalidField', 'idNumber', 'not a valid 18-character ID number');
  return parsed.value.idNumber;
}

function decodeResident(block: Uint8Array): ResidentIdCard {
  const l = residentLayout;
  const nationCode = requiredField(block, 'nation', l.nation);
  return {
    cardType: 'resident',
    name: requiredField(block, 'name', l.name),
    gender: genderField(block, 'gender', l.gender),
    nation: nationFromCode(nationCode) ?? failField('invalidField', 'nation', 'not a GB 3304 nation code'),
    birthDate: dateField(block, 'birthDate', l.birthDate),
    address: requiredField(block, 'address', l.address),
    idNumber: citizenIdNumber(block, l.idNumber),
    issuingAuthority: requiredField(block, 'issuingAuthority', l.issuingAuthority),
    validity: validityFields(block, l.validFrom, l.validTo),
  };
}

function decodeHkMacaoTaiwan(block: Uint8Array): HkMacaoTaiwanResidencePermit {
  const l = hkMacaoTaiwanLayout;
  if (optionalField(block, 'nation', l.nation) !== undefined) failField('invalidField', 'nation', 'not blank on a J card');
  return {
    cardType: 'hkMacaoTaiwan',
    name: requiredField(block, 'name', l.name),
    gender: genderField(block, 'gender', l.gender),
    birthDate: dateField(block, 'birthDate', l.birthDate),
    address: requiredField(block, 'address', l.address),
    idNumber: citizenIdNumber(block, l.idNumber),
    issuingAuthority: requiredField(block, 'issuingAuthority', l.issuingAuthority),
    validity: validityFields(block, l.validFrom, l.validTo),
    passNumber: requiredField(block, 'passNumber', l.passNumber),
    issueCount: countField(block, 'issueCount', l.issueCount),
  };
}

function decodeForeign2017(block: Uint8Array): ForeignPermanentResidentCard2017 {
  const l = foreign2017Layout;
  const nationality = requiredField(block, 'nationality', l.nationality);
  if (!/^[A-Z]{3}$/.test(nationality)) failField('invalidField', 'nationality', 'not three letters');
  const card: ForeignPermanentResidentCard2017 = {
    cardType: 'foreignPermanent2017',
    englishName: requiredField(block, 'englishName', l.englishName),
    gender: genderField(block, 'gender', l.gender),
    cardNumber: requiredField(block, 'cardNumber', l.cardNumber),
    nationality,
    birthDate: dateField(block, 'birthDate', l.birthDate),
    validity: validityFields(block, l.validFrom, l.validTo),
    cardVersion: requiredField(block, 'cardVersion', l.cardVersion),
    authorityCode: requiredField(block, 'authorityCode', l.authorityCode),
  };
  const chineseName = optionalField(block, 'chineseName', l.chineseName);
  if (chineseName !== undefined) card.chineseName = chineseName;
  return card;
}

function decodeForeign2023(block: Uint8Array): ForeignPermanentResidentCard2023 {
  const l = foreign2023Layout;
  // Part 1 untrimmed: a space in its last position is a word break of a name that continues in part 2.
  const englishName = trimTrailingSpaces(
    rawField(block, 'englishNamePart1', l.englishNamePart1) + rawField(block, 'englishNamePart2', l.englishNamePart2),
  );
  if (englishName === '') failField('missingField', 'englishName', 'blank');
  const card: ForeignPermanentResidentCard2023 = {
    cardType: 'foreignPermanent2023',
    englishName,
    gender: genderField(block, 'gender', l.gender),
    renewalCount: countField(block, 'renewalCount', l.renewalCount),
    birthDate: dateField(block, 'birthDate', l.birthDate),
    cardNumber: requiredField(block, 'cardNumber', l.cardNumber),
    validity: validityFields(block, l.validFrom, l.validTo),
    countryCode: requiredField(block, 'countryCode', l.countryCode),
  };
  const chineseName = optionalField(block, 'chineseName', l.chineseName);
  if (chineseName !== undefined) card.chineseName = chineseName;
  const link = optionalField(block, 'previousCardNumberLink', l.previousCardNumberLink);
  if (link !== undefined) card.previousCardNumberLink = link;
  return card;
}

/** The card type indicator: the UTF-16 character at text offset 248. */
export function cardTypeOf(block: Uint8Array): IdCardType | null {
  if (block.length < CARD_TYPE_OFFSET + 2) return null;
  const unit = (block[CARD_TYPE_OFFSET] ?? 0) | ((block[CARD_TYPE_OFFSET + 1] ?? 0) << 8);
  switch (String.fromCharCode(unit)) {
    case ' ':
      return 'resident';
    case 'J':
      return 'hkMacaoTaiwan';
    case 'I':
      return 'foreignPermanent2017';
    case 'Y':
      return 'foreignPermanent2023';
    default:
      return null;
  }
}

function guard<T>(decode: () => T): DecodeResult<T> {
  try {
    return { ok: true, value: decode() };
  } catch (error) {
    if (error instanceof DecodeFailure) return { ok: false, error: error.detail };
    throw error; // a bug in this module, not bad input: let the tests see it
  }
}

export function decodeIdCardText(block: Uint8Array): DecodeResult<IdCardText> {
  if (block.length !== TEXT_BLOCK_BYTES) {
    return { ok: false, error: { code: 'invalidLength', message: `text block of ${block.length} bytes, expected ${TEXT_BLOCK_BYTES}` } };
  }
  const cardType = cardTypeOf(block);
  if (cardType === null) return { ok: false, error: { code: 'unknownCardType', message: 'unrecognised card type indicator' } };
  return guard((): IdCardText => {
    switch (cardType) {
      case 'resident':
        return decodeResident(block);
      case 'hkMacaoTaiwan':
        return decodeHkMacaoTaiwan(block);
      case 'foreignPermanent2017':
        return decodeForeign2017(block);
      case 'foreignPermanent2023':
        return decodeForeign2023(block);
    }
  });
}

export type AppendedAddress = { kind: 'address'; address: string } | { kind: 'none' };

/**
 * The Data of a 30 03 reply: the newest appended address as UTF-16LE, space padded. The reference gives no fixed
 * size, so any even length is read whole; a blank one (like SW3 0x91) means the card has none.
 */
export function decodeAppendedAddress(data: Uint8Array): DecodeResult<AppendedAddress> {
  if (data.length % 2 !== 0) {
    return { ok: false, error: { code: 'invalidLength', message: `appended address of ${data.length} bytes is not UTF-16` } };
  }
  return guard((): AppendedAddress => {
    const address = optionalField(data, 'appendedAddress', [0, data.length]);
    return address === undefined ? { kind: 'none' } : { kind: 'address', address };
  });
}
