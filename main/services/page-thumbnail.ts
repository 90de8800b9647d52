// A scanned page as a small PNG data URL for the screen's thumbnail strip: decoded (the scanner drivers write PNG:
// 8-bit RGB, 8-bit gray or 1-bit line art), box-downscaled (each thumbnail pixel the average of the page pixels it
// covers, so thin lines of text turn gray instead of vanishing) and encoded again. Colour is kept when it fits in
// the contract's size limit; a page too busy to compress well (a photo, noise) falls back to gray, which always fits.
import { type PngImage, decodePng, encodePng } from '../../drivers/scanner/png';

export interface ThumbnailLimits {
  maxWidth: number;
  maxHeight: number;
  /** The contract's limit on `materials.thumbnail`'s `dataUrl`. */
  maxDataUrlChars: number;
}

/**
 * 240 px wide shows a page's layout in the strip; an A4 page is then 339 px tall. The height cap keeps a long page's
 * gray fallback under the size limit: 240 × 400 bytes, deflated at worst a little larger, base64 ≈ 130,000 chars.
 */
export const thumbnailLimits: ThumbnailLimits = { maxWidth: 240, maxHeight: 400, maxDataUrlChars: 200_000 };

export type ThumbnailResult = { ok: true; dataUrl: string; width: number; height: number } | { ok: false; error: string };

interface Pixels {
  width: number;
  height: number;
  channels: 1 | 3;
  /** `width × height × channels` bytes, row by row. */
  data: Uint8Array;
}

/** Never throws: a page that is not a PNG this kiosk writes answers `ok: false` with the reason. */
export function pageThumbnail(bytes: Uint8Array, limits: ThumbnailLimits = thumbnailLimits): ThumbnailResult {
  const decoded = decodePng(bytes);
  if (!decoded.ok) return { ok: false, error: decoded.error };
  const small = boxDownscale(decoded.image, limits);
  for (const pixels of small.channels === 3 ? [small, toGray(small)] : [small]) {
    const dataUrl = `data:image/png;base64,${Buffer.from(encodePng(asPng(pixels))).toString('base64')}`;
    if (dataUrl.length <= limits.maxDataUrlChars) return { ok: true, dataUrl, width: pixels.width, height: pixels.height };
  }
  return { ok: false, error: 'the thumbnail does not fit in the size limit' };
}

/** The page's row `y` as one byte per channel (line art's bits spread to 0 and 255). */
function readRow(image: PngImage, y: number, into: Uint8Array): void {
  if (image.bitDepth === 8) {
    const stride = into.length;
    into.set(image.data.subarray(y * stride, (y + 1) * stride));
    return;
  }
  const stride = Math.ceil(image.width / 8);
  for (let x = 0; x < image.width; x++) into[x] = ((image.data[y * stride + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1 ? 255 : 0;
}

function boxDownscale(image: PngImage, limits: Pick<ThumbnailLimits, 'maxWidth' | 'maxHeight'>): Pixels {
  const channels = image.colorType === 2 ? 3 : 1;
  const scale = Math.max(1, image.width / limits.maxWidth, image.height / limits.maxHeight);
  const width = Math.max(1, Math.min(limits.maxWidth, Math.round(image.width / scale)));
  const height = Math.max(1, Math.min(limits.maxHeight, Math.round(image.height / scale)));
  // Which thumbnail column each page column falls in, and how many page columns each thumbnail column covers.
  const columnOf = new Uint32Array(image.width);
  const columnSpan = new Uint32Array(width);
  for (let x = 0; x < image.width; x++) {
    const column = Math.min(width - 1, Math.floor((x * width) / image.width));
    columnOf[x] = column;
    columnSpan[column] = (columnSpan[column] ?? 0) + 1;
  }
  const row = new Uint8Array(image.width * channels);
  const sums = new Uint32Array(width * channels);
  const out = new Uint8Array(width * height * channels);
  for (let oy = 0; oy < height; oy++) {
    const y0 = Math.floor((oy * image.height) / height);
    const y1 = Math.max(y0 + 1, Math.floor(((oy + 1) * image.height) / height));
    sums.fill(0);
    for (let y = y0; y < y1; y++) {
      readRow(image, y, row);
      for (let x = 0; x < image.width; x++) {
        const base = (columnOf[x] ?? 0) * channels;
        for (let c = 0; c < channels; c++) sums[base + c] = (sums[base + c] ?? 0) + (row[x * channels + c] ?? 0);
      }
    }
    for (let ox = 0; ox < width; ox++) {
      const area = (columnSpan[ox] ?? 1) * (y1 - y0);
      for (let c = 0; c < channels; c++) out[(oy * width + ox) * channels + c] = Math.round((sums[ox * channels + c] ?? 0) / area);
    }
  }
  return { width, height, channels, data: out };
}

function toGray(pixels: Pixels): Pixels {
  const gray = new Uint8Array(pixels.width * pixels.height);
  for (let i = 0; i < gray.length; i++) {
    gray[i] = Math.round(((pixels.data[i * 3] ?? 0) * 299 + (pixels.data[i * 3 + 1] ?? 0) * 587 + (pixels.data[i * 3 + 2] ?? 0) * 114) / 1000);
  }
  return { width: pixels.width, height: pixels.height, channels: 1, data: gray };
}

function asPng(pixels: Pixels): PngImage {
  return { width: pixels.width, height: pixels.height, colorType: pixels.channels === 3 ? 2 : 0, bitDepth: 8, data: pixels.data };
}
