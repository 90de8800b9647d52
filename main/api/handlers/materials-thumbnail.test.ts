import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodePng } from '../../../drivers/scanner/png';
import { type CitizenFixture, openCitizenFixture } from '../../services/test-support/citizen-fixture';

let kiosk: CitizenFixture;
let sessionId: string;
beforeEach(async () => {
  kiosk = await openCitizenFixture();
  ({ sessionId } = await kiosk.invoke('session.start', {}));
});
afterEach(async () => {
  await kiosk.close();
});

async function thumbnailOf(pageId: string) {
  const answer = await kiosk.invoke('materials.thumbnail', { sessionId, pageId });
  if (!answer.found) throw new Error(`no thumbnail for ${pageId}`);
  expect(answer.dataUrl.length).toBeLessThanOrEqual(200_000);
  const [prefix, base64] = answer.dataUrl.split(',');
  expect(prefix).toBe('data:image/png;base64');
  const decoded = decodePng(Buffer.from(base64 ?? '', 'base64'));
  if (!decoded.ok) throw new Error(decoded.error);
  return decoded.image;
}

describe('materials.thumbnail', () => {
  it('answers a simulator page scanned in colour as a 240 px wide colour PNG that keeps the page\'s layout', async () => {
    await kiosk.invoke('materials.scan', { sessionId, resolutionDpi: 200, mode: 'color' });
    const image = await thumbnailOf('p1');
    // A4 at 200 dpi is 1653 × 2338 pixels: 240 × 339 keeps the proportions.
    expect(image).toMatchObject({ width: 240, height: 339, colorType: 2, bitDepth: 8 });
    const pixel = (x: number, y: number) => [...image.data.subarray((y * image.width + x) * 3, (y * image.width + x) * 3 + 3)];
    // The simulator's blue header bar (15–23 mm from the top, 15 mm in) is still blue; the margin is white.
    const [red = 0, green = 0, blue = 0] = pixel(120, Math.round((19 / 297) * 339));
    expect(blue).toBeGreaterThan(150);
    expect(red).toBeLessThan(80);
    expect(green).toBeLessThan(120);
    expect(pixel(120, 330)).toEqual([255, 255, 255]);
  });

  it('answers gray and line-art pages in gray, at most 240 px wide', async () => {
    await kiosk.invoke('materials.scan', { sessionId, resolutionDpi: 75, mode: 'gray' });
    await kiosk.invoke('materials.scan', { sessionId, resolutionDpi: 300, mode: 'lineart' });
    // 75 dpi A4 is 620 px wide; both come down to 240.
    for (const pageId of ['p1', 'p2']) expect(await thumbnailOf(pageId)).toMatchObject({ width: 240, colorType: 0 });
    // Line art is averaged, not sampled: the text lines show as shades between black and white somewhere.
    const lineArt = await thumbnailOf('p2');
    expect(lineArt.data.some((v) => v > 0 && v < 255)).toBe(true);
  });

  it('answers found: false for a page that is not there, a removed page, a page file gone, and another session', async () => {
    await kiosk.invoke('materials.scan', { sessionId, resolutionDpi: 75 });
    await kiosk.invoke('materials.scan', { sessionId, resolutionDpi: 75 });
    expect(await kiosk.invoke('materials.thumbnail', { sessionId, pageId: 'p9' })).toEqual({ found: false });
    await kiosk.invoke('materials.remove', { sessionId, pageId: 'p1' });
    expect(await kiosk.invoke('materials.thumbnail', { sessionId, pageId: 'p1' })).toEqual({ found: false });
    rmSync(path.join(kiosk.sessionsDir, sessionId), { recursive: true });
    expect(await kiosk.invoke('materials.thumbnail', { sessionId, pageId: 'p2' })).toEqual({ found: false });
    const other = await kiosk.invoke('session.start', {});
    expect(await kiosk.invoke('materials.thumbnail', { sessionId: other.sessionId, pageId: 'p2' })).toEqual({ found: false });
  });
});
