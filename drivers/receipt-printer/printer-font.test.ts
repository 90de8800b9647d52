import { describe, expect, it } from 'vitest';
import { type PrinterFontProfile, printerFontBytes } from './printer-font';

const printerFontHas = (char: string, profile: PrinterFontProfile): boolean => printerFontBytes(char, profile) !== undefined;

const hex = (bytes: Uint8Array | undefined): string | undefined => (bytes ? Buffer.from(bytes).toString('hex') : undefined);

describe('which characters the printer font has', () => {
  it('the gb2312 profile is exactly GB2312: 682 symbols and 6763 hanzi', () => {
    let count = 0;
    for (let cp = 0x80; cp <= 0xffff; cp++) if (printerFontHas(String.fromCodePoint(cp), 'gb2312')) count++;
    expect(count).toBe(682 + 6763);
  });

  it('puts 䶮 (GB18030 FE9F) and 𠮷 (four bytes) outside both profiles', () => {
    for (const profile of ['gb2312', 'gbk'] as const) {
      expect(printerFontHas('䶮', profile)).toBe(false);
      expect(printerFontHas('𠮷', profile)).toBe(false);
    }
  });

  it('gives GB18030 bytes for what it has; GBK-only characters only under gbk', () => {
    expect(hex(printerFontBytes('王', 'gb2312'))).toBe('cdf5');
    expect(hex(printerFontBytes('·', 'gb2312'))).toBe('a1a4');
    expect(hex(printerFontBytes('A', 'gb2312'))).toBe('41');
    expect(printerFontHas('喆', 'gb2312')).toBe(false);
    expect(hex(printerFontBytes('喆', 'gbk'))).toBe('86b4');
    expect(hex(printerFontBytes('堃', 'gbk'))).toBe('88d2');
  });

  it('never lets control characters or private-use code points through as text', () => {
    for (const char of ['\x00', '\x10', '\x1b', '\x1d', '\x7f', '\x85', '\ue000', '\uf8ff', String.fromCodePoint(0xf0000)]) {
      expect(printerFontHas(char, 'gbk'), char.codePointAt(0)?.toString(16)).toBe(false);
    }
  });
});
