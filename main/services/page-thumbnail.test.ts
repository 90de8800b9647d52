import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodePng, encodePng } from '../../drivers/scanner/png';
import { pageThumbnail, thumbnailLimits } from './page-thumbnail';

describe('pageThumbnail', () => {
  it('averages boxes: a 2 × 2 checkerboard of black and white becomes mid gray', () => {
    const data = new Uint8Array(480 * 480).map((_, i) => ((i % 480) + Math.floor(i / 480)) % 2 ? 255 : 0);
    const made = pageThumbnail(encodePng({ width: 480, height: 480, colorType: 0, bitDepth: 8, data }));
    if (!made.ok) throw new Error(made.error);
    expect(made).toMatchObject({ width: 240, height: 240 });
    const image = decodePng(Buffer.from(made.dataUrl.split(',')[1] ?? '', 'base64'));
    expect(image.ok && [...new Set(image.image.data)]).toEqual([128]);
  });

  it('falls back to gray when a colour page is too busy to fit in the size limit, and the gray one fits', () => {
    const noise = encodePng({ width: 240, height: 400, colorType: 2, bitDepth: 8, data: new Uint8Array(randomBytes(240 * 400 * 3)) });
    const made = pageThumbnail(noise);
    if (!made.ok) throw new Error(made.error);
    expect(made.dataUrl.length).toBeLessThanOrEqual(thumbnailLimits.maxDataUrlChars);
    const image = decodePng(Buffer.from(made.dataUrl.split(',')[1] ?? '', 'base64'));
    expect(image.ok && image.image.colorType).toBe(0);
  });

  it('keeps a small page at its size and refuses what is not a whole PNG', () => {
    const small = pageThumbnail(encodePng({ width: 100, height: 50, colorType: 0, bitDepth: 8, data: new Uint8Array(5000).fill(200) }));
    expect(small).toMatchObject({ ok: true, width: 100, height: 50 });
    expect(pageThumbnail(Buffer.from('not a png'))).toEqual({ ok: false, error: 'not a PNG signature' });
  });
});
