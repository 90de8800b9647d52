// Which characters the printer can print from its own font, and their bytes in Chinese mode (GB18030, iconv-lite).
//
// Chinese receipt printers hold a two-byte font: GB2312 on many, GBK on some. GB18030 puts every other character
// (CJK Extension A–G, most symbols) in four-byte sequences that no such font has, and even some two-byte cells are
// unreliable. A character counts as printable only when its GB18030 bytes are:
//   - printable ASCII (0x20–0x7E), or
//   - a two-byte cell the chosen profile holds:
//       'gb2312': the 682 symbols of rows A1–A9 and the 6763 hanzi of rows B0–F7 (not D7FA–D7FE), exactly GB2312;
//       'gbk':    every two-byte cell GBK assigns (GBK/1–5), minus its user-defined areas (AAA1–AFFE, F8A1–FEFE,
//                 A140–A7A0), minus lead byte FE: FE50–FEA0 holds characters (䶮 U+4DAE is FE9F) that GBK had as
//                 private-use code points and GB18030-2005/2022 moved, so printer fonts disagree about them.
// Private-use code points are never printable. Everything else — 䶮 (FE9F) and 𠮷 (four bytes) among them — is
// rendered as a raster image with the bundled font. 'gb2312' is the default: guessing too little costs a few
// image bytes, guessing too much prints a blank in a citizen's name.
import iconv from 'iconv-lite';

export type PrinterFontProfile = 'gb2312' | 'gbk';

/** Assigned cells of GB2312's symbol rows (lead byte → trail ranges), from the standard's code chart. */
const GB2312_SYMBOL_ROWS: ReadonlyMap<number, readonly [number, number][]> = new Map([
  [0xa1, [[0xa1, 0xfe]]],
  [0xa2, [[0xb1, 0xe2], [0xe5, 0xee], [0xf1, 0xfc]]],
  [0xa3, [[0xa1, 0xfe]]],
  [0xa4, [[0xa1, 0xf3]]],
  [0xa5, [[0xa1, 0xf6]]],
  [0xa6, [[0xa1, 0xb8], [0xc1, 0xd8]]],
  [0xa7, [[0xa1, 0xc1], [0xd1, 0xf1]]],
  [0xa8, [[0xa1, 0xba], [0xc5, 0xe9]]],
  [0xa9, [[0xa4, 0xef]]],
]);

function inGb2312(lead: number, trail: number): boolean {
  if (lead >= 0xb0 && lead <= 0xf7) return trail >= 0xa1 && trail <= 0xfe && !(lead === 0xd7 && trail >= 0xfa);
  return (GB2312_SYMBOL_ROWS.get(lead) ?? []).some(([from, to]) => trail >= from && trail <= to);
}

function inGbk(lead: number, trail: number): boolean {
  if (lead === 0xfe) return false;
  const userDefined =
    (lead >= 0xaa && lead <= 0xaf && trail >= 0xa1) || (lead >= 0xf8 && trail >= 0xa1) || (lead >= 0xa1 && lead <= 0xa7 && trail <= 0xa0);
  return !userDefined && lead >= 0x81 && lead <= 0xfe && trail >= 0x40 && trail <= 0xfe && trail !== 0x7f;
}

function isPrivateUse(codePoint: number): boolean {
  return (codePoint >= 0xe000 && codePoint <= 0xf8ff) || codePoint >= 0xf0000;
}

/** The Chinese-mode bytes of one character (one code point) if the printer's font has it, else undefined. */
export function printerFontBytes(char: string, profile: PrinterFontProfile): Uint8Array | undefined {
  const codePoint = char.codePointAt(0) ?? 0;
  if (codePoint >= 0x20 && codePoint <= 0x7e) return Uint8Array.of(codePoint);
  if (codePoint < 0x80 || isPrivateUse(codePoint)) return undefined;
  const bytes = iconv.encode(char, 'gb18030');
  if (bytes.length !== 2) return undefined;
  const [lead = 0, trail = 0] = bytes;
  return (profile === 'gb2312' ? inGb2312(lead, trail) : inGbk(lead, trail)) ? Uint8Array.from(bytes) : undefined;
}
