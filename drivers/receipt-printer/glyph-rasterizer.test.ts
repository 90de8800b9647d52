import { describe, expect, it } from 'vitest';
import { bitmapToText, countInk, createBitmap, getPixel } from './bitmap';
import { type PathCommand, rasterizePath } from './glyph-rasterizer';

/** Placement that takes path coordinates as dots with y pointing down (scaleY −1 undoes the font's y-up flip). */
const asDots = { originX: 0, baselineY: 0, scaleX: 1, scaleY: -1 };

function rect(x0: number, y0: number, x1: number, y1: number, clockwise = true): PathCommand[] {
  const corners = clockwise ? [[x1, y0], [x1, y1], [x0, y1]] : [[x0, y1], [x1, y1], [x1, y0]];
  return [
    { command: 'moveTo', args: [x0, y0] },
    ...corners.map(([x, y]) => ({ command: 'lineTo' as const, args: [x as number, y as number] })),
    { command: 'closePath', args: [] },
  ];
}

describe('glyph rasterizer', () => {
  it('fills a square exactly: dots whose centres are inside, nothing else', () => {
    const bitmap = createBitmap(12, 12);
    rasterizePath(bitmap, rect(2, 3, 10, 9), asDots);
    expect(countInk(bitmap)).toBe(8 * 6);
    for (let y = 0; y < 12; y++) for (let x = 0; x < 12; x++) expect(getPixel(bitmap, x, y), `${x},${y}`).toBe(x >= 2 && x < 10 && y >= 3 && y < 9);
  });

  it('maps font units with y up: the baseline is where y = 0 lands', () => {
    const bitmap = createBitmap(10, 10);
    // A unit square standing on the baseline at scale 2 covers rows 6–7 (baseline at 8).
    rasterizePath(bitmap, rect(0, 0, 1, 1), { originX: 3, baselineY: 8, scaleX: 2, scaleY: 2 });
    expect(bitmapToText(bitmap).split('\n').slice(5, 9)).toEqual(['..........', '...##.....', '...##.....', '..........']);
  });

  it('uses the nonzero rule: same-direction overlaps stay filled, a reversed inner contour is a hole', () => {
    const overlap = createBitmap(20, 20);
    rasterizePath(overlap, [...rect(0, 0, 10, 10), ...rect(5, 5, 15, 15)], asDots);
    expect(countInk(overlap)).toBe(100 + 100 - 25);
    const ring = createBitmap(20, 20);
    rasterizePath(ring, [...rect(0, 0, 12, 12), ...rect(3, 3, 9, 9, false)], asDots);
    expect(countInk(ring)).toBe(144 - 36);
    expect(getPixel(ring, 6, 6)).toBe(false);
    // Even-odd would also leave the hole; two same-direction nested squares tell the rules apart.
    const nested = createBitmap(20, 20);
    rasterizePath(nested, [...rect(0, 0, 12, 12), ...rect(3, 3, 9, 9)], asDots);
    expect(countInk(nested)).toBe(144);
  });

  it('flattens curves: a circle of cubic Béziers covers πr² dots within 2 %', () => {
    const r = 40;
    const k = 0.5523 * r;
    const c = 50;
    const circle: PathCommand[] = [
      { command: 'moveTo', args: [c + r, c] },
      { command: 'bezierCurveTo', args: [c + r, c + k, c + k, c + r, c, c + r] },
      { command: 'bezierCurveTo', args: [c - k, c + r, c - r, c + k, c - r, c] },
      { command: 'bezierCurveTo', args: [c - r, c - k, c - k, c - r, c, c - r] },
      { command: 'bezierCurveTo', args: [c + k, c - r, c + r, c - k, c + r, c] },
      { command: 'closePath', args: [] },
    ];
    const bitmap = createBitmap(100, 100);
    rasterizePath(bitmap, circle, asDots);
    expect(Math.abs(countInk(bitmap) - Math.PI * r * r) / (Math.PI * r * r)).toBeLessThan(0.02);
    const quadratic = createBitmap(100, 100);
    // A parabolic segment on an 80-dot chord whose apex is 40 dots high (y = 50): its area is 2/3 × 80 × 40.
    rasterizePath(quadratic, [{ command: 'moveTo', args: [10, 90] }, { command: 'quadraticCurveTo', args: [50, 10, 90, 90] }, { command: 'closePath', args: [] }], asDots);
    expect(Math.abs(countInk(quadratic) - (2 / 3) * 80 * 40) / ((2 / 3) * 80 * 40)).toBeLessThan(0.03);
  });

  it('closes open contours and clips to the bitmap without error', () => {
    const bitmap = createBitmap(8, 8);
    rasterizePath(bitmap, [{ command: 'moveTo', args: [-5, -5] }, { command: 'lineTo', args: [20, -5] }, { command: 'lineTo', args: [20, 20] }, { command: 'lineTo', args: [-5, 20] }], asDots);
    expect(countInk(bitmap)).toBe(64);
  });
});
