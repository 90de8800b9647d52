// Minimal PNG (ISO/IEC 15948) writing and checking, with node:zlib: the simulator writes real page images, and tests
// check that what scanimage wrote is a whole, valid PNG of the expected size. Non-interlaced images only, which is
// what scanners write.
import { crc32, deflateSync, inflateSync } from 'node:zlib';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** PNG colour types the kiosk deals with: 0 gray, 2 RGB. */
export type PngColorType = 0 | 2;

export interface PngImage {
  width: number;
  height: number;
  colorType: PngColorType;
  /** 1 (line art) or 8. */
  bitDepth: 1 | 8;
  /** Scanlines without filter bytes, each `rowBytes` long. */
  data: Uint8Array;
}

export function rowBytes(image: Pick<PngImage, 'width' | 'colorType' | 'bitDepth'>): number {
  const channels = image.colorType === 2 ? 3 : 1;
  return Math.ceil((image.width * channels * image.bitDepth) / 8);
}

function chunk(type: string, body: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, 'latin1');
  out.set(body, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
  return out;
}

export function encodePng(image: PngImage): Uint8Array {
  const stride = rowBytes(image);
  if (image.data.length !== stride * image.height) throw new RangeError('PNG data does not match width × height');
  const header = Buffer.alloc(13);
  header.writeUInt32BE(image.width, 0);
  header.writeUInt32BE(image.height, 4);
  header[8] = image.bitDepth;
  header[9] = image.colorType;
  // Compression 0, filter 0, no interlace.
  const raw = Buffer.alloc((stride + 1) * image.height);
  for (let y = 0; y < image.height; y++) raw.set(image.data.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array())]);
}

export type PngDecodeResult = { ok: true; image: PngImage } | { ok: false; error: string };

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Checks signature, chunk CRCs, IHDR and the whole image stream, and undoes the row filters. Never throws. */
export function decodePng(bytes: Uint8Array): PngDecodeResult {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 8 || !buf.subarray(0, 8).equals(SIGNATURE)) return { ok: false, error: 'not a PNG signature' };
  let offset = 8;
  let header: Omit<PngImage, 'data'> | undefined;
  const idat: Buffer[] = [];
  let ended = false;
  while (offset < buf.length && !ended) {
    if (offset + 12 > buf.length) return { ok: false, error: `truncated chunk at byte ${offset}` };
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('latin1', offset + 4, offset + 8);
    if (length > buf.length - offset - 12) return { ok: false, error: `chunk ${type} runs past the end` };
    const body = buf.subarray(offset + 8, offset + 8 + length);
    if (crc32(buf.subarray(offset + 4, offset + 8 + length)) !== buf.readUInt32BE(offset + 8 + length)) return { ok: false, error: `bad CRC in ${type}` };
    offset += 12 + length;
    if (type === 'IHDR') {
      if (length !== 13) return { ok: false, error: 'IHDR is not 13 bytes' };
      const bitDepth = body[8];
      const colorType = body[9];
      if ((colorType !== 0 && colorType !== 2) || (bitDepth !== 8 && !(bitDepth === 1 && colorType === 0))) {
        return { ok: false, error: `unsupported colour type ${colorType} / bit depth ${bitDepth}` };
      }
      if (body[12] !== 0) return { ok: false, error: 'interlaced PNG' };
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), colorType, bitDepth };
      if (header.width === 0 || header.height === 0) return { ok: false, error: 'empty image' };
    } else if (type === 'IDAT') {
      idat.push(body);
    } else if (type === 'IEND') {
      ended = true;
    }
  }
  if (!header) return { ok: false, error: 'no IHDR' };
  if (!ended) return { ok: false, error: 'no IEND: the file is cut short' };
  const stride = rowBytes(header);
  const expected = (stride + 1) * header.height;
  if (expected > 512 * 2 ** 20) return { ok: false, error: 'image too large to check' };
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(idat), { maxOutputLength: expected + 1 });
  } catch (error) {
    return { ok: false, error: `bad image data: ${(error as Error).message}` };
  }
  if (raw.length !== expected) return { ok: false, error: `image data is ${raw.length} bytes, expected ${expected}` };

  const bpp = Math.max(1, (header.colorType === 2 ? 3 : 1) * (header.bitDepth / 8));
  const data = new Uint8Array(stride * header.height);
  for (let y = 0; y < header.height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = data.subarray(y * stride, (y + 1) * stride);
    const up = y > 0 ? data.subarray((y - 1) * stride, y * stride) : undefined;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? (out[x - bpp] ?? 0) : 0;
      const b = up?.[x] ?? 0;
      const c = x >= bpp ? (up?.[x - bpp] ?? 0) : 0;
      const v = line[x] ?? 0;
      switch (filter) {
        case 0: out[x] = v; break;
        case 1: out[x] = v + a; break;
        case 2: out[x] = v + b; break;
        case 3: out[x] = v + ((a + b) >> 1); break;
        case 4: out[x] = v + paeth(a, b, c); break;
        default: return { ok: false, error: `unknown row filter ${filter}` };
      }
    }
  }
  return { ok: true, image: { ...header, data } };
}
