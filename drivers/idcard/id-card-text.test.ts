import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardTypeOf, decodeAppendedAddress, decodeIdCardText } from './id-card-text';
import {
  type FixtureField,
  foreign2017Fields,
  foreign2023Fields,
  hkMacaoTaiwanFields,
  residentFields,
  textBlock,
} from './test-support/card-text-fixtures';

const hex = (text: string): number[] => text.trim().split(/\s+/).map((byte) => parseInt(byte, 16));

/** A block of spaces with hand-written bytes placed at the given offsets. */
function handBlock(placements: [offset: number, bytes: string][]): Uint8Array {
  const block = new Uint8Array(256);
  for (let i = 0; i < 256; i += 2) block[i] = 0x20;
  for (const [offset, bytes] of placements) block.set(hex(bytes), offset);
  return block;
}

const ascii = (text: string): string => Array.from(text, (c) => `${c.charCodeAt(0).toString(16)} 00`).join(' ');

function withFields(base: Record<string, FixtureField>, changes: Record<string, string>, type = ' '): Uint8Array {
  const fields = Object.entries(base).map(([name, [offset, bytes, text]]): FixtureField => [offset, bytes, changes[name] ?? text]);
  return textBlock(fields, type);
}

describe('resident ID card', () => {
  it('decodes a block written byte by byte from the reference layout', () => {
    // UTF-16LE worked out by hand: 张 U+5F20, 三 U+4E09, 北 U+5317, 京 U+4EAC, 市 U+5E02, 公 U+516C, 安 U+5B89,
    // 局 U+5C40, 长 U+957F, 期 U+671F; offsets from the reference's "Resident card" line; type at 248 left blank.
    const block = handBlock([
      [0, '20 5F 09 4E'],
      [30, '31 00'],
      [32, '30 00 31 00'],
      [36, ascii('19491231')],
      [52, '17 53 AC 4E 02 5E'],
      [122, ascii('11010519491231002X')],
      [158, '17 53 AC 4E 02 5E 6C 51 89 5B 40 5C'],
      [188, ascii('20200101')],
      [204, '7F 95 1F 67'],
    ]);
    expect(decodeIdCardText(block)).toEqual({
      ok: true,
      value: {
        cardType: 'resident',
        name: '张三',
        gender: 'male',
        nation: { code: '01', name: '汉' },
        birthDate: '1949-12-31',
        address: '北京市',
        idNumber: '11010519491231002X',
        issuingAuthority: '北京市公安局',
        validity: { from: '2020-01-01', until: { kind: 'longTerm' } },
      },
    });
  });

  it('decodes the fixture card with a dated validity', () => {
    const result = decodeIdCardText(withFields(residentFields, {}));
    expect(result).toMatchObject({
      ok: true,
      value: {
        cardType: 'resident',
        name: '张三',
        address: '北京市朝阳区示例路1号',
        issuingAuthority: '北京市公安局朝阳分局',
        validity: { from: '2020-01-01', until: { kind: 'date', date: '2040-01-01' } },
      },
    });
  });

  it('decodes a name outside the BMP (𠮷, a surrogate pair) and from Extension A (䶮)', () => {
    // 𠮷 U+20BB7 = D842 DFB7 → 42 D8 B7 DF; 䶮 U+4DAE → AE 4D; 王 U+738B → 8B 73.
    const block = withFields(residentFields, {});
    block.fill(0x20, 0, 30);
    for (let i = 1; i < 30; i += 2) block[i] = 0;
    block.set(hex('8B 73 42 D8 B7 DF AE 4D'), 0);
    const result = decodeIdCardText(block);
    if (!result.ok || result.value.cardType !== 'resident') throw new Error('expected a resident card');
    expect(result.value.name).toBe('王𠮷䶮');
    expect(Array.from(result.value.name)).toHaveLength(3);
    expect(result.value.name.codePointAt(1)).toBe(0x20bb7);
  });

  it.each([
    ['0', 'unknown'],
    ['1', 'male'],
    ['2', 'female'],
    ['9', 'unspecified'],
  ])('gender code %s is %s', (code, gender) => {
    expect(decodeIdCardText(withFields(residentFields, { gender: code }))).toMatchObject({ ok: true, value: { gender } });
  });

  it.each([
    ['01', '汉'],
    ['05', '维吾尔'],
    ['56', '基诺'],
    ['97', '其他'],
    ['98', '外国血统中国籍人士'],
  ])('nation code %s is %s', (code, name) => {
    expect(decodeIdCardText(withFields(residentFields, { nation: code }))).toMatchObject({ ok: true, value: { nation: { code, name } } });
  });
});

describe('J: Hong Kong / Macao / Taiwan residence permit', () => {
  it('decodes pass number and issue count, and has no nation', () => {
    const result = decodeIdCardText(withFields(hkMacaoTaiwanFields, {}, 'J'));
    expect(result).toEqual({
      ok: true,
      value: {
        cardType: 'hkMacaoTaiwan',
        name: '陈大文',
        gender: 'male',
        birthDate: '1985-01-01',
        address: '广东省深圳市福田区示例路2号',
        idNumber: '810000198501010010',
        issuingAuthority: '深圳市公安局',
        validity: { from: '2019-03-01', until: { kind: 'date', date: '2024-03-01' } },
        passNumber: 'H12345678',
        issueCount: 2,
      },
    });
  });

  it('refuses a J card with a nation filled in', () => {
    const block = textBlock([...Object.values(hkMacaoTaiwanFields), [32, 4, '01']], 'J');
    expect(decodeIdCardText(block)).toMatchObject({ ok: false, error: { code: 'invalidField', field: 'nation' } });
  });
});

describe('I: foreign permanent resident ID card (2017)', () => {
  it('decodes every field, keeping the spaces inside the English name', () => {
    expect(decodeIdCardText(withFields(foreign2017Fields, {}, 'I'))).toEqual({
      ok: true,
      value: {
        cardType: 'foreignPermanent2017',
        englishName: 'SMITH, JOHN PAUL',
        chineseName: '史密斯',
        gender: 'male',
        cardNumber: 'USA110079101012',
        nationality: 'USA',
        birthDate: '1979-01-01',
        validity: { from: '2017-06-01', until: { kind: 'date', date: '2027-06-01' } },
        cardVersion: '20',
        authorityCode: '1500',
      },
    });
  });

  it('leaves the Chinese name absent when the card has none', () => {
    const result = decodeIdCardText(withFields(foreign2017Fields, { chineseName: '' }, 'I'));
    if (!result.ok) throw new Error(result.error.message);
    expect('chineseName' in result.value).toBe(false);
  });

  it('refuses a nationality that is not three letters', () => {
    expect(decodeIdCardText(withFields(foreign2017Fields, { nationality: 'U1' }, 'I'))).toMatchObject({
      ok: false,
      error: { code: 'invalidField', field: 'nationality' },
    });
  });
});

describe('Y: foreign permanent resident ID card (2023)', () => {
  it('joins the two English name parts, keeping the space that ends part 1', () => {
    expect(decodeIdCardText(withFields(foreign2023Fields, {}, 'Y'))).toEqual({
      ok: true,
      value: {
        cardType: 'foreignPermanent2023',
        chineseName: '玛丽',
        englishName: 'MARIA-LUISA GONZALEZ DE LA FUENTES Y RODRIGUEZ',
        gender: 'female',
        renewalCount: 1,
        birthDate: '1988-08-08',
        cardNumber: '911100198808080056',
        validity: { from: '2023-01-01', until: { kind: 'date', date: '2033-01-01' } },
        countryCode: 'ESP',
        previousCardNumberLink: 'A01',
      },
    });
  });

  it('joins a name split inside a word, and reads a short name from part 1 alone', () => {
    const split = decodeIdCardText(withFields(foreign2023Fields, { englishNamePart1: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ ABCDEFGH', englishNamePart2: 'IJK' }, 'Y'));
    expect(split).toMatchObject({ ok: true, value: { englishName: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ ABCDEFGHIJK' } });
    const short = decodeIdCardText(withFields(foreign2023Fields, { englishNamePart1: 'LI NA', englishNamePart2: '' }, 'Y'));
    expect(short).toMatchObject({ ok: true, value: { englishName: 'LI NA' } });
  });

  it('leaves blank optional fields absent', () => {
    const result = decodeIdCardText(withFields(foreign2023Fields, { chineseName: '', previousCardNumberLink: '' }, 'Y'));
    if (!result.ok) throw new Error(result.error.message);
    expect(Object.keys(result.value)).not.toContain('chineseName');
    expect(Object.keys(result.value)).not.toContain('previousCardNumberLink');
  });
});

describe('errors are typed, name the field, and never repeat its content', () => {
  const cases: [string, Uint8Array, string, string | undefined][] = [
    ['a short block', new Uint8Array(255), 'invalidLength', undefined],
    ['an unknown type character', withFields(residentFields, {}, 'X'), 'unknownCardType', undefined],
    ['a lone high surrogate in the name', withFields(residentFields, { name: '张\ud842' }), 'invalidText', 'name'],
    ['a lone low surrogate in the address', withFields(residentFields, { address: '\udfb7北京' }), 'invalidText', 'address'],
    ['a NUL in the address', withFields(residentFields, { address: '北京\u0000' }), 'invalidText', 'address'],
    ['a blank name', withFields(residentFields, { name: '' }), 'missingField', 'name'],
    ['gender 5', withFields(residentFields, { gender: '5' }), 'invalidField', 'gender'],
    ['nation 57', withFields(residentFields, { nation: '57' }), 'invalidField', 'nation'],
    ['a 31st of November', withFields(residentFields, { birthDate: '19491131' }), 'invalidField', 'birthDate'],
    ['a wrong check character', withFields(residentFields, { idNumber: '110105194912310021' }), 'invalidField', 'idNumber'],
    ['a 15-digit number on a new card', withFields(residentFields, { idNumber: '110105491231002' }), 'invalidField', 'idNumber'],
    ['an expiry that is neither date nor 长期', withFields(residentFields, { validTo: '永久' }), 'invalidField', 'validTo'],
    ['a J issue count that is not a number', withFields(hkMacaoTaiwanFields, { issueCount: 'A' }, 'J'), 'invalidField', 'issueCount'],
  ];

  it.each(cases)('%s', (_label, block, code, field) => {
    const result = decodeIdCardText(block);
    expect(result).toMatchObject({ ok: false, error: { code } });
    if (result.ok) return;
    expect(result.error.field).toBe(field);
    for (const pii of ['张', '北京', '19491', '1101051']) expect(result.error.message).not.toContain(pii);
  });

  it('only trailing spaces are trimmed', () => {
    const result = decodeIdCardText(withFields(foreign2017Fields, { englishName: ' DE LA CRUZ  MARIA' }, 'I'));
    expect(result).toMatchObject({ ok: true, value: { englishName: ' DE LA CRUZ  MARIA' } });
  });
});

describe('card type indicator', () => {
  it('is the UTF-16 character at offset 248', () => {
    expect(cardTypeOf(textBlock([], ' '))).toBe('resident');
    expect(cardTypeOf(textBlock([], 'J'))).toBe('hkMacaoTaiwan');
    expect(cardTypeOf(textBlock([], 'I'))).toBe('foreignPermanent2017');
    expect(cardTypeOf(textBlock([], 'Y'))).toBe('foreignPermanent2023');
    expect(cardTypeOf(textBlock([], 'Z'))).toBeNull();
    expect(cardTypeOf(new Uint8Array(249))).toBeNull();
  });
});

describe('appended address (30 03)', () => {
  const utf16 = (text: string, bytes: number): Uint8Array => textBlock([[0, bytes, text]]).subarray(0, bytes);

  it('decodes a space-padded UTF-16LE address', () => {
    expect(decodeAppendedAddress(utf16('北京市海淀区示例街道3号', 70))).toEqual({ ok: true, value: { kind: 'address', address: '北京市海淀区示例街道3号' } });
  });

  it('a blank one means none', () => {
    expect(decodeAppendedAddress(utf16('', 70))).toEqual({ ok: true, value: { kind: 'none' } });
    expect(decodeAppendedAddress(new Uint8Array(0))).toEqual({ ok: true, value: { kind: 'none' } });
  });

  it('refuses an odd length and broken UTF-16', () => {
    expect(decodeAppendedAddress(new Uint8Array(71))).toMatchObject({ ok: false, error: { code: 'invalidLength' } });
    expect(decodeAppendedAddress(Uint8Array.of(0x42, 0xd8, 0x20, 0x00))).toMatchObject({ ok: false, error: { code: 'invalidText' } });
  });
});

describe('fuzzing the text decoders', () => {
  const isTypedError = (result: ReturnType<typeof decodeIdCardText> | ReturnType<typeof decodeAppendedAddress>): boolean =>
    result.ok || ['invalidLength', 'unknownCardType', 'invalidText', 'missingField', 'invalidField'].includes(result.error.code);

  it('random bytes of any length: a result or a typed error, never a throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        expect(isTypedError(decodeIdCardText(bytes))).toBe(true);
        expect(isTypedError(decodeAppendedAddress(bytes))).toBe(true);
      }),
      { numRuns: 10_000 },
    );
  });

  it('random 256-byte blocks with each type character reach the field decoders without a throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 256, maxLength: 256 }), fc.constantFrom(0x20, 0x4a, 0x49, 0x59), (bytes, type) => {
        const block = bytes.slice();
        block[248] = type;
        block[249] = 0;
        expect(isTypedError(decodeIdCardText(block))).toBe(true);
      }),
      { numRuns: 10_000 },
    );
  });

  it('valid cards with random bytes changed: a result or a typed error, never a throw', () => {
    const cards = [
      withFields(residentFields, {}),
      withFields(hkMacaoTaiwanFields, {}, 'J'),
      withFields(foreign2017Fields, {}, 'I'),
      withFields(foreign2023Fields, {}, 'Y'),
    ];
    const change = fc.record({ at: fc.integer({ min: 0, max: 255 }), value: fc.integer({ min: 0, max: 255 }) });
    fc.assert(
      fc.property(fc.constantFrom(...cards), fc.array(change, { minLength: 1, maxLength: 6 }), (card, changes) => {
        const block = card.slice();
        for (const { at, value } of changes) block[at] = value;
        expect(isTypedError(decodeIdCardText(block))).toBe(true);
      }),
      { numRuns: 10_000 },
    );
  });
});
