import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePng, encodePng } from './png';

// A 1 × 1 white gray PNG: signature, IHDR, IDAT (zlib of filter byte 0 and pixel 0xff), IEND, laid out by hand as
// ISO/IEC 15948 §5 describes, with CRCs and the zlib stream from Python's zlib, not from the encoder under test.
const ONE_PIXEL_WHITE = Buffer.from(
  '89504e470d0a1a0a' +
    '0000000d' + '49484452' + '00000001' + '00000001' + '08' + '00' + '00' + '00' + '00' + '3a7e9b55' +
    '0000000a' + '49444154' + '789c63f80f0001010100' + 'b138f614' +
    '00000000' + '49454e44' + 'ae426082',
  'hex',
);

describe('PNG', () => {
  it('reads a reference 1 × 1 gray PNG', () => {
    expect(decodePng(ONE_PIXEL_WHITE)).toEqual({ ok: true, image: { width: 1, height: 1, colorType: 0, bitDepth: 8, data: Uint8Array.of(0xff) } });
  });

  it('round-trips gray, RGB and 1-bit images', () => {
    const gray = { width: 3, height: 2, colorType: 0 as const, bitDepth: 8 as const, data: Uint8Array.of(0, 128, 255, 10, 20, 30) };
    const rgb = { width: 2, height: 1, colorType: 2 as const, bitDepth: 8 as const, data: Uint8Array.of(255, 0, 0, 0, 0, 255) };
    const bits = { width: 10, height: 1, colorType: 0 as const, bitDepth: 1 as const, data: Uint8Array.of(0b10101010, 0b11000000) };
    for (const image of [gray, rgb, bits]) expect(decodePng(encodePng(image))).toEqual({ ok: true, image });
  });

  it('undoes all five row filters', () => {
    // A 2 × 5 gray image whose rows use filters 0–4 (ISO/IEC 15948 §9.2), filtered by hand.
    const raw = Buffer.from([0, 10, 20, 1, 10, 10, 2, 5, 5, 3, 5, 5, 4, 1, 1]);
    const template = encodePng({ width: 2, height: 5, colorType: 0, bitDepth: 8, data: new Uint8Array(10) });
    const decoded = decodePng(withIdat(template, deflateSync(raw)));
    expect(decoded.ok && Array.from(decoded.image.data)).toEqual([
      10, 20, // None
      10, 20, // Sub: 10, 10 + 10
      15, 25, // Up: 5 + 10, 5 + 20
      12, 23, // Average: 5 + ⌊(0 + 15) / 2⌋, 5 + ⌊(12 + 25) / 2⌋
      13, 24, // Paeth: 1 + paeth(0, 12, 0) = 1 + 12, 1 + paeth(13, 23, 12) = 1 + 23
    ]);
  });

  it('refuses truncated and corrupted files', () => {
    const png = encodePng({ width: 4, height: 4, colorType: 0, bitDepth: 8, data: new Uint8Array(16) });
    expect(decodePng(png.subarray(0, png.length - 12))).toMatchObject({ ok: false, error: expect.stringMatching(/IEND|cut short/) });
    const flipped = Uint8Array.from(png);
    flipped[40] = (flipped[40] ?? 0) ^ 0xff;
    expect(decodePng(flipped).ok).toBe(false);
    expect(decodePng(new TextEncoder().encode('GIF89a'))).toEqual({ ok: false, error: 'not a PNG signature' });
  });

  it('survives 10,000 random and mutated files without a throw', () => {
    const seed = encodePng({ width: 8, height: 3, colorType: 2, bitDepth: 8, data: new Uint8Array(72).map((_, i) => i * 3) });
    const mutated = fc.tuple(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }), fc.nat()).map(([flips, cut]) => {
      const bytes = Uint8Array.from(seed);
      for (const [at, value] of flips) bytes[at % bytes.length] = value;
      return bytes.subarray(0, bytes.length - (cut % 4 === 0 ? cut % bytes.length : 0));
    });
    fc.assert(
      fc.property(fc.oneof(mutated, fc.uint8Array({ maxLength: 200 })), (bytes) => {
        expect(typeof decodePng(bytes).ok).toBe('boolean');
      }),
      { numRuns: 10_000 },
    );
  });
});

/** The PNG with its IDAT chunk's body replaced (CRC recomputed). */
function withIdat(png: Uint8Array, body: Uint8Array): Uint8Array {
  const buf = Buffer.from(png);
  const start = buf.indexOf('IDAT') - 4;
  const length = buf.readUInt32BE(start);
  const chunk = Buffer.alloc(12 + body.length);
  chunk.writeUInt32BE(body.length, 0);
  chunk.write('IDAT', 4, 'latin1');
  chunk.set(body, 8);
  chunk.writeUInt32BE(crc(chunk.subarray(4, 8 + body.length)), 8 + body.length);
  return Buffer.concat([buf.subarray(0, start), chunk, buf.subarray(start + 12 + length)]);
}

function crc(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}
