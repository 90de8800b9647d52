// Text blocks for tests, laid out from the offset tables of reference/idcard-ga467.md. The offsets are written out
// here on purpose rather than imported from id-card-text.ts, so a wrong offset in the decoder cannot hide itself.

/** One field: byte offset, byte length, text (UTF-16 as JavaScript holds it). */
export type FixtureField = readonly [offset: number, bytes: number, text: string];

/** A 256-byte text block: spaces (20 00) everywhere, the fields written as UTF-16LE, the type character at 248. */
export function textBlock(fields: readonly FixtureField[], typeCharacter: ' ' | 'J' | 'I' | 'Y' | string = ' '): Uint8Array {
  const block = new Uint8Array(256);
  for (let i = 0; i < 256; i += 2) block[i] = 0x20;
  const all: FixtureField[] = [...fields, [248, 2, typeCharacter]];
  for (const [offset, bytes, text] of all) {
    if (text.length * 2 > bytes) throw new Error(`fixture text of ${text.length} units does not fit ${bytes} bytes at ${offset}`);
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      block[offset + 2 * i] = unit & 0xff;
      block[offset + 2 * i + 1] = unit >> 8;
    }
  }
  return block;
}

/** Resident card (blank type): offsets from the reference's "Resident card" line. ID number valid (worked by hand). */
export const residentFields = {
  name: [0, 30, '张三'],
  gender: [30, 2, '1'],
  nation: [32, 4, '01'],
  birthDate: [36, 16, '19491231'],
  address: [52, 70, '北京市朝阳区示例路1号'],
  idNumber: [122, 36, '11010519491231002X'],
  issuingAuthority: [158, 30, '北京市公安局朝阳分局'],
  validFrom: [188, 16, '20200101'],
  validTo: [204, 16, '20400101'],
} as const satisfies Record<string, FixtureField>;

/** `J`: resident layout, nation blank, pass number 220/18, issue count 238/4. */
export const hkMacaoTaiwanFields = {
  name: [0, 30, '陈大文'],
  gender: [30, 2, '1'],
  birthDate: [36, 16, '19850101'],
  address: [52, 70, '广东省深圳市福田区示例路2号'],
  idNumber: [122, 36, '810000198501010010'],
  issuingAuthority: [158, 30, '深圳市公安局'],
  validFrom: [188, 16, '20190301'],
  validTo: [204, 16, '20240301'],
  passNumber: [220, 18, 'H12345678'],
  issueCount: [238, 4, '02'],
} as const satisfies Record<string, FixtureField>;

/** `I` (2017): English name 0/120 … authority code 240/8. */
export const foreign2017Fields = {
  englishName: [0, 120, 'SMITH, JOHN PAUL'],
  gender: [120, 2, '1'],
  cardNumber: [122, 30, 'USA110079101012'],
  nationality: [152, 6, 'USA'],
  chineseName: [158, 30, '史密斯'],
  validFrom: [188, 16, '20170601'],
  validTo: [204, 16, '20270601'],
  birthDate: [220, 16, '19790101'],
  cardVersion: [236, 4, '20'],
  authorityCode: [240, 8, '1500'],
} as const satisfies Record<string, FixtureField>;

/** `Y` (2023): Chinese name 0/30 … previous card number link 250/6. */
export const foreign2023Fields = {
  chineseName: [0, 30, '玛丽'],
  gender: [30, 2, '2'],
  renewalCount: [32, 4, '01'],
  birthDate: [36, 16, '19880808'],
  englishNamePart1: [52, 70, 'MARIA-LUISA GONZALEZ DE LA FUENTES '],
  cardNumber: [122, 36, '911100198808080056'],
  validFrom: [188, 16, '20230101'],
  validTo: [204, 16, '20330101'],
  englishNamePart2: [220, 22, 'Y RODRIGUEZ'],
  countryCode: [242, 6, 'ESP'],
  previousCardNumberLink: [250, 6, 'A01'],
} as const satisfies Record<string, FixtureField>;
