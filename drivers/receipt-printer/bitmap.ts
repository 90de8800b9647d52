// A 1-bit image in the layout ESC/POS raster commands use (`GS v 0`): rows top to bottom, each row
// ceil(width / 8) bytes, most significant bit leftmost, 1 = a black dot.

export interface Bitmap {
  readonly width: number;
  readonly height: number;
  /** height × bytesPerRow(width) bytes. */
  readonly data: Uint8Array;
}

export function bytesPerRow(width: number): number {
  return Math.ceil(width / 8);
}

export function createBitmap(width: number, height: number): Bitmap {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new RangeError(`bad bitmap size ${width}×${height}`);
  }
  return { width, height, data: new Uint8Array(bytesPerRow(width) * height) };
}

export function getPixel(bitmap: Bitmap, x: number, y: number): boolean {
  if (x < 0 || y < 0 || x >= bitmap.width || y >= bitmap.height) return false;
  return ((bitmap.data[y * bytesPerRow(bitmap.width) + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
}

export function setPixel(bitmap: Bitmap, x: number, y: number): void {
  if (x < 0 || y < 0 || x >= bitmap.width || y >= bitmap.height) return;
  const i = y * bytesPerRow(bitmap.width) + (x >> 3);
  bitmap.data[i] = (bitmap.data[i] ?? 0) | (0x80 >> (x & 7));
}

export function countInk(bitmap: Bitmap): number {
  let dots = 0;
  for (let y = 0; y < bitmap.height; y++) for (let x = 0; x < bitmap.width; x++) if (getPixel(bitmap, x, y)) dots++;
  return dots;
}

/** The columns [x, x + width) of a bitmap. */
export function cropColumns(bitmap: Bitmap, x: number, width: number): Bitmap {
  const out = createBitmap(width, bitmap.height);
  for (let y = 0; y < bitmap.height; y++) for (let dx = 0; dx < width; dx++) if (getPixel(bitmap, x + dx, y)) setPixel(out, dx, y);
  return out;
}

/** Draws `source` onto `target` with its top-left corner at (x, y); black dots win. */
export function drawBitmap(target: Bitmap, source: Bitmap, x: number, y: number): void {
  for (let sy = 0; sy < source.height; sy++) {
    for (let sx = 0; sx < source.width; sx++) if (getPixel(source, sx, sy)) setPixel(target, x + sx, y + sy);
  }
}

/** Thickens every stroke by one dot to the right: what a printer's emphasized mode does to its own font. */
export function embolden(bitmap: Bitmap): Bitmap {
  const out = createBitmap(bitmap.width, bitmap.height);
  drawBitmap(out, bitmap, 0, 0);
  drawBitmap(out, bitmap, 1, 0);
  return out;
}

export function sameBitmap(a: Bitmap, b: Bitmap): boolean {
  return a.width === b.width && a.height === b.height && a.data.length === b.data.length && a.data.every((byte, i) => byte === b.data[i]);
}

/** Rows of `#` and `.`, for test failure messages. */
export function bitmapToText(bitmap: Bitmap): string {
  const rows: string[] = [];
  for (let y = 0; y < bitmap.height; y++) {
    let row = '';
    for (let x = 0; x < bitmap.width; x++) row += getPixel(bitmap, x, y) ? '#' : '.';
    rows.push(row);
  }
  return rows.join('\n');
}
