// Byte vectors typed from reference/printing-scanning.md, never produced by the code under test.
import iconv from 'iconv-lite';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { type Bitmap, createBitmap, getPixel, setPixel } from './bitmap';
import { type EncoderOptions, DEFAULT_ENCODER_OPTIONS, encodeReceipt, receiptBytes } from './escpos-encoder';
import { QUIET_ZONE_MODULES } from './qr-raster';
import type { ReceiptDocument } from './receipt-document';
import { GlyphFonts } from './text-raster';

const hex = (text: string): number[] => text.trim().split(/\s+/).map((b) => parseInt(b, 16));
const options: EncoderOptions = { ...DEFAULT_ENCODER_OPTIONS, fonts: new GlyphFonts() };
const bytesOf = (document: ReceiptDocument, extra: Partial<EncoderOptions> = {}): number[] => [...receiptBytes(encodeReceipt(document, { ...options, ...extra }))];

/** Index of `needle` in `haystack`, or -1. */
function find(haystack: readonly number[], needle: readonly number[], from = 0): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

describe('ESC/POS encoder', () => {
  it('starts with ESC @', () => {
    expect(bytesOf({ blocks: [{ type: 'feed', lines: 3 }] })).toEqual(hex('1B 40 1B 64 03'));
  });

  it('prints Chinese in Chinese mode (FS & … FS .) as GB18030, ASCII outside it', () => {
    const bytes = bytesOf({ blocks: [{ type: 'text', text: 'No.1 王五' }] });
    const line = [...Buffer.from('No.1 '), ...hex('1C 26'), ...iconv.encode('王五', 'gb18030'), ...hex('1C 2E 0A')];
    expect(find(bytes, line)).toBeGreaterThan(0);
    expect(find(bytes, hex('CD F5 CE E5'))).toBeGreaterThan(0);
  });

  it('sets alignment, emphasis and size before a text block and resets them after', () => {
    const bytes = bytesOf({ blocks: [{ type: 'text', text: 'A', align: 'center', bold: true, width: 2, height: 2 }] });
    expect(bytes).toEqual(hex('1B 40  1B 61 01  1B 45 01  1D 21 11  41 0A  1D 21 00  1B 45 00'));
  });

  it('never sends control characters inside text', () => {
    const bytes = bytesOf({ blocks: [{ type: 'text', text: 'a\x1b@b\x10\x04\x01c\td' }] });
    expect(find(bytes, [...Buffer.from('a@bc d'), 0x0a])).toBeGreaterThan(0);
    expect(find(bytes, hex('10 04 01'))).toBe(-1);
  });

  it('sends a native QR code as the reference spells it (GS ( k model, size, error level, store, print)', () => {
    const data = 'https://x.cn/1';
    const bytes = bytesOf({ blocks: [{ type: 'qr', data, moduleSize: 6, errorLevel: 'M' }] });
    const stored = data.length + 3;
    const expected = [
      ...hex('1D 28 6B 04 00 31 41 32 00'),
      ...hex('1D 28 6B 03 00 31 43 06'),
      ...hex('1D 28 6B 03 00 31 45 31'),
      ...[0x1d, 0x28, 0x6b, stored % 256, Math.floor(stored / 256), 0x31, 0x50, 0x30, ...Buffer.from(data)],
      ...hex('1D 28 6B 03 00 31 51 30'),
    ];
    expect(find(bytes, expected)).toBeGreaterThan(0);
  });

  it('stores long QR data with pH (pL + 256·pH = len + 3)', () => {
    const data = 'x'.repeat(300);
    const bytes = bytesOf({ blocks: [{ type: 'qr', data }] });
    expect(find(bytes, [...hex('1D 28 6B 2F 01 31 50 30'), ...Buffer.from(data)])).toBeGreaterThan(0);
  });

  it('falls back to a raster QR code when the printer has none', () => {
    const data = 'https://x.cn/1';
    const bytes = bytesOf({ blocks: [{ type: 'qr', data, moduleSize: 4, errorLevel: 'M' }] }, { qrCode: 'raster' });
    expect(find(bytes, hex('1D 28 6B'))).toBe(-1);
    const { modules } = QRCode.create(data, { errorCorrectionLevel: 'M' });
    const side = (modules.size + 2 * QUIET_ZONE_MODULES) * 4;
    const rowBytes = Math.ceil(side / 8);
    const at = find(bytes, [0x1d, 0x76, 0x30, 0x00, rowBytes, 0x00]);
    expect(at).toBeGreaterThan(0);
    // The first band's top-left finder pattern: a dark module at (quiet zone, quiet zone).
    const height = (bytes[at + 6] as number) + 256 * (bytes[at + 7] as number);
    const band: Bitmap = { width: rowBytes * 8, height, data: Uint8Array.from(bytes.slice(at + 8, at + 8 + rowBytes * height)) };
    expect(getPixel(band, QUIET_ZONE_MODULES * 4, QUIET_ZONE_MODULES * 4)).toBe(true);
    expect(getPixel(band, QUIET_ZONE_MODULES * 4 - 1, QUIET_ZONE_MODULES * 4)).toBe(false);
  });

  it('sends a raster image as GS v 0 m xL xH yL yH data', () => {
    const image = createBitmap(10, 2);
    setPixel(image, 0, 0);
    setPixel(image, 9, 1);
    const bytes = bytesOf({ blocks: [{ type: 'image', image, align: 'left' }] });
    expect(bytes).toEqual(hex('1B 40  1B 61 00  1D 76 30 00 02 00 02 00  80 00 00 40'));
  });

  it('cuts big images into bands so status can be polled between them', () => {
    const image = createBitmap(576, 100);
    const encoded = encodeReceipt({ blocks: [{ type: 'image', image }] }, { ...options, maxRasterBandBytes: 72 * 40 });
    const bands = encoded.commands.filter((c) => c.bytes[0] === 0x1d && c.bytes[1] === 0x76).map((c) => (c.bytes[6] as number) + 256 * (c.bytes[7] as number));
    expect(bands).toEqual([40, 40, 20]);
  });

  it('cuts with GS V 65 (full) or 66 (partial)', () => {
    expect(bytesOf({ blocks: [{ type: 'cut' }] })).toEqual(hex('1B 40 1D 56 41 00'));
    expect(bytesOf({ blocks: [{ type: 'cut', partial: true }] })).toEqual(hex('1B 40 1D 56 42 00'));
  });

  it('prints a line with a character the printer lacks as one image, and reports nothing missing', () => {
    const encoded = encodeReceipt({ blocks: [{ type: 'text', text: '申请人：王䶮𠮷' }] }, options);
    const bytes = [...receiptBytes(encoded)];
    expect(encoded.rasterLines).toBe(1);
    expect(encoded.missingGlyphs).toEqual([]);
    // Neither 䶮's two-byte cell nor 𠮷's four bytes reach the printer as text.
    expect(find(bytes, hex('FE 9F'))).toBe(-1);
    expect(find(bytes, [...iconv.encode('𠮷', 'gb18030')])).toBe(-1);
    expect(find(bytes, hex('1C 26'))).toBe(-1);
    expect(find(bytes, [0x1d, 0x76, 0x30, 0x00])).toBeGreaterThan(0);
  });

  it('refuses an image wider than the paper', () => {
    expect(() => encodeReceipt({ blocks: [{ type: 'image', image: createBitmap(600, 1) }] }, options)).toThrow(RangeError);
  });
});
