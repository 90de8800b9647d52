import { describe, expect, it } from 'vitest';
import { type Bitmap, bitmapToText, countInk, cropColumns, getPixel, sameBitmap } from './bitmap';
import { GlyphFonts, NORMAL_EM_DOTS } from './text-raster';

const fonts = new GlyphFonts();
const normal = { width: 1, height: 1, bold: false };

/** Rows of a bitmap that hold a horizontal run of at least `min` dots. */
function rowsWithRun(bitmap: Bitmap, min: number): number[] {
  const rows: number[] = [];
  for (let y = 0; y < bitmap.height; y++) {
    let run = 0;
    let best = 0;
    for (let x = 0; x < bitmap.width; x++) {
      run = getPixel(bitmap, x, y) ? run + 1 : 0;
      best = Math.max(best, run);
    }
    if (best >= min) rows.push(y);
  }
  return rows;
}

/** Groups consecutive row numbers: [3,4,10,11,19] → 3 groups. */
function bands(rows: number[]): number {
  return rows.filter((row, i) => i === 0 || row !== (rows[i - 1] as number) + 1).length;
}

describe('text raster with the bundled font', () => {
  it('has 䶮 (U+4DAE, Ext A) and 𠮷 (U+20BB7, Ext B), and draws them 24 dots high', () => {
    expect(fonts.has('䶮')).toBe(true);
    expect(fonts.has('𠮷')).toBe(true);
    for (const char of ['䶮', '𠮷']) {
      const { lines, glyphs } = fonts.render(char, normal, 576);
      expect(lines).toHaveLength(1);
      expect(lines[0]?.height).toBe(NORMAL_EM_DOTS);
      expect(glyphs).toEqual([{ char, line: 0, x: 0, advance: 24, missing: false }]);
      const ink = countInk(lines[0] as Bitmap);
      // A real ideograph: neither a blank nor a filled box.
      expect(ink, bitmapToText(lines[0] as Bitmap)).toBeGreaterThan(60);
      expect(ink).toBeLessThan(24 * 24 * 0.6);
    }
  });

  it('draws 王 as three horizontal strokes and 一 as one', () => {
    const wang = fonts.render('王', normal, 576).lines[0] as Bitmap;
    expect(bands(rowsWithRun(wang, 14)), bitmapToText(wang)).toBe(3);
    const yi = fonts.render('一', normal, 576).lines[0] as Bitmap;
    const rows = rowsWithRun(yi, 18);
    expect(bands(rows), bitmapToText(yi)).toBe(1);
    expect(countInk(yi)).toBeLessThanOrEqual(rows.length * 24);
  });

  it('renders each glyph on whole dots: a glyph looks the same alone and amid others', () => {
    const { lines, glyphs } = fonts.render('申请人：王䶮𠮷', normal, 576);
    for (const glyph of glyphs) {
      const alone = fonts.render(glyph.char, normal, 576).lines[0] as Bitmap;
      expect(sameBitmap(cropColumns(lines[0] as Bitmap, glyph.x, glyph.advance), cropColumns(alone, 0, glyph.advance)), glyph.char).toBe(true);
    }
  });

  it('scales with the character size and thickens bold', () => {
    const big = fonts.render('䶮', { width: 2, height: 2, bold: false }, 576);
    expect([big.lines[0]?.width, big.lines[0]?.height]).toEqual([48, 48]);
    const plain = countInk(fonts.render('䶮', normal, 576).lines[0] as Bitmap);
    expect(countInk(fonts.render('䶮', { ...normal, bold: true }, 576).lines[0] as Bitmap)).toBeGreaterThan(plain);
  });

  it('wraps at the paper width', () => {
    const { lines, glyphs } = fonts.render('䶮'.repeat(30), normal, 576);
    expect(lines.map((l) => l.width)).toEqual([576, 6 * 24]);
    expect(glyphs[24]).toMatchObject({ line: 1, x: 0 });
  });

  it('draws an empty box for a character no font has, and says so', () => {
    // U+2A6D6 (Ext B) is not in Noto Sans CJK 2.004.
    const lacking = String.fromCodePoint(0x2a6d6);
    expect(fonts.has(lacking)).toBe(false);
    const { lines, glyphs } = fonts.render(`王${lacking}`, normal, 576);
    expect(glyphs[1]).toMatchObject({ missing: true, x: 24, advance: 24 });
    const box = cropColumns(lines[0] as Bitmap, 24, 24);
    expect(getPixel(box, 12, 3)).toBe(true);
    expect(getPixel(box, 12, 12)).toBe(false);
  });
});
