// The cards the simulated reader can present: fictional people, one or more of each card type, with valid ID check
// characters (worked out by hand with the reference's MOD 11-2 weights) and a name with 䶮 (U+4DAE, Extension A) and
// 𠮷 (U+20BB7, outside the BMP). The text blocks are laid out by the hand-typed offset tables of the test fixtures,
// not by the driver's decoder.
import {
  type FixtureField,
  foreign2017Fields,
  foreign2023Fields,
  hkMacaoTaiwanFields,
  residentFields,
  textBlock,
} from '../test-support/card-text-fixtures';

export interface SimulatedCard {
  /** One line for the staff screen; fictional data only. */
  description: string;
  /** The 256-byte UTF-16LE text block. */
  text: Uint8Array;
  /** The 1024-byte photo (stand-in bytes: no real WLT image). */
  photo: Uint8Array;
  /** What 30 10 returns after the photo: 0, 512 or 1024 bytes. */
  fingerprint: Uint8Array;
  /** The newest appended address (30 03), if the card has one. */
  appendedAddress?: string;
}

/** Deterministic stand-in bytes, so a test can compare what came through. */
function filler(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

function block(fields: Record<string, FixtureField>, changes: Record<string, string>, type: ' ' | 'J' | 'I' | 'Y'): Uint8Array {
  return textBlock(
    Object.entries(fields).map(([name, [offset, bytes, text]]): FixtureField => [offset, bytes, changes[name] ?? text]),
    type,
  );
}

export const testCardIds = ['resident', 'residentRareName', 'hkMacaoTaiwan', 'foreign2017', 'foreign2023'] as const;
export type TestCardId = (typeof testCardIds)[number];

export const testCards: Readonly<Record<TestCardId, SimulatedCard>> = {
  resident: {
    description: '居民身份证 张三 (fictional), two fingerprints',
    text: block(residentFields, {}, ' '),
    photo: filler(1024, 1),
    fingerprint: filler(1024, 2),
  },
  residentRareName: {
    description: '居民身份证 蓝𠮷䶮 (fictional, 畲族, 长期), with an appended address',
    text: block(
      residentFields,
      {
        name: '蓝𠮷䶮',
        gender: '2',
        nation: '22',
        birthDate: '19560315',
        address: '浙江省杭州市西湖区示例路88号',
        // 33010619560315084 → check character 5.
        idNumber: '330106195603150845',
        issuingAuthority: '杭州市公安局西湖分局',
        validFrom: '20160315',
        validTo: '长期',
      },
      ' ',
    ),
    photo: filler(1024, 3),
    fingerprint: new Uint8Array(0),
    appendedAddress: '浙江省杭州市拱墅区样例街9号',
  },
  hkMacaoTaiwan: {
    description: '港澳台居民居住证 陈大文 (fictional)',
    text: block(hkMacaoTaiwanFields, { validFrom: '20230901', validTo: '20280901', issueCount: '03' }, 'J'),
    photo: filler(1024, 4),
    fingerprint: filler(512, 5),
  },
  foreign2017: {
    description: '外国人永久居留身份证 (2017) SMITH, JOHN PAUL (fictional)',
    text: block(foreign2017Fields, {}, 'I'),
    photo: filler(1024, 6),
    fingerprint: new Uint8Array(0),
  },
  foreign2023: {
    description: '外国人永久居留身份证 (2023) MARIA-LUISA GONZALEZ … (fictional)',
    text: block(foreign2023Fields, {}, 'Y'),
    photo: filler(1024, 7),
    fingerprint: new Uint8Array(0),
  },
};
