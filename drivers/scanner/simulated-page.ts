// Page images for the scanner simulator: a white sheet with a frame, a header bar, lines of "text" and the page number
// in large block digits, at the requested size, resolution and mode, so the demo shows pages that look scanned.
import type { ScanMode } from './scanimage-output';
import { type PngImage, encodePng, rowBytes } from './png';

/** 5 × 7 block glyphs for "PAGE 0123456789". */
const GLYPHS: Record<string, string[]> = {
  P: ['1111.', '1...1', '1...1', '1111.', '1....', '1....', '1....'],
  A: ['.111.', '1...1', '1...1', '11111', '1...1', '1...1', '1...1'],
  G: ['.111.', '1...1', '1....', '1.111', '1...1', '1...1', '.111.'],
  E: ['11111', '1....', '1....', '1111.', '1....', '1....', '11111'],
  ' ': ['.....', '.....', '.....', '.....', '.....', '.....', '.....'],
  '0': ['.111.', '1...1', '1..11', '1.1.1', '11..1', '1...1', '.111.'],
  '1': ['..1..', '.11..', '..1..', '..1..', '..1..', '..1..', '.111.'],
  '2': ['.111.', '1...1', '....1', '...1.', '..1..', '.1...', '11111'],
  '3': ['1111.', '....1', '....1', '.111.', '....1', '....1', '1111.'],
  '4': ['...1.', '..11.', '.1.1.', '1..1.', '11111', '...1.', '...1.'],
  '5': ['11111', '1....', '1111.', '....1', '....1', '1...1', '.111.'],
  '6': ['.111.', '1....', '1....', '1111.', '1...1', '1...1', '.111.'],
  '7': ['11111', '....1', '...1.', '..1..', '.1...', '.1...', '.1...'],
  '8': ['.111.', '1...1', '1...1', '.111.', '1...1', '1...1', '.111.'],
  '9': ['.111.', '1...1', '1...1', '.1111', '....1', '....1', '.111.'],
};

export interface SimulatedPageSpec {
  page: number;
  resolutionDpi: number;
  mode: ScanMode;
  widthMm: number;
  heightMm: number;
}

type Rgb = [number, number, number];

export function renderSimulatedPage(spec: SimulatedPageSpec): Uint8Array {
  const width = Math.max(1, Math.floor((spec.widthMm / 25.4) * spec.resolutionDpi));
  const height = Math.max(1, Math.floor((spec.heightMm / 25.4) * spec.resolutionDpi));
  const mm = (n: number) => Math.round((n / 25.4) * spec.resolutionDpi);
  const rgb = new Uint8Array(width * height * 3).fill(255);
  const fill = (x0: number, y0: number, w: number, h: number, colour: Rgb) => {
    for (let y = Math.max(0, y0); y < Math.min(height, y0 + h); y++) {
      for (let x = Math.max(0, x0); x < Math.min(width, x0 + w); x++) rgb.set(colour, (y * width + x) * 3);
    }
  };
  const ink: Rgb = [20, 20, 20];
  // Frame 5 mm inside the edge, a header bar (blue in colour, like a letterhead), ten lines of "text".
  const inset = mm(5);
  const line = Math.max(1, mm(0.4));
  fill(inset, inset, width - 2 * inset, line, ink);
  fill(inset, height - inset - line, width - 2 * inset, line, ink);
  fill(inset, inset, line, height - 2 * inset, ink);
  fill(width - inset - line, inset, line, height - 2 * inset, ink);
  fill(mm(15), mm(15), width - mm(30), mm(8), spec.mode === 'color' ? [30, 80, 180] : [90, 90, 90]);
  let seed = spec.page * 7919;
  for (let i = 0; i < 10; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const length = (width - mm(30)) * (0.5 + (seed % 500) / 1000);
    fill(mm(15), mm(70) + i * mm(8), Math.round(length), mm(3), ink);
  }
  // "PAGE n" in block digits, each block 3 mm.
  const block = Math.max(1, mm(3));
  const label = `PAGE ${spec.page}`;
  [...label].forEach((ch, i) => {
    (GLYPHS[ch] ?? GLYPHS[' '] ?? []).forEach((row, gy) => {
      [...row].forEach((cell, gx) => {
        if (cell === '1') fill(mm(15) + (i * 6 + gx) * block, mm(30) + gy * block, block, block, ink);
      });
    });
  });
  return encodePng(toImage(rgb, width, height, spec.mode));
}

function toImage(rgb: Uint8Array, width: number, height: number, mode: ScanMode): PngImage {
  if (mode === 'color') return { width, height, colorType: 2, bitDepth: 8, data: rgb };
  const gray = new Uint8Array(width * height);
  for (let i = 0; i < gray.length; i++) gray[i] = Math.round(((rgb[i * 3] ?? 0) * 299 + (rgb[i * 3 + 1] ?? 0) * 587 + (rgb[i * 3 + 2] ?? 0) * 114) / 1000);
  if (mode === 'gray') return { width, height, colorType: 0, bitDepth: 8, data: gray };
  // Line art: one bit a pixel, 1 = white, as scanners write it.
  const stride = rowBytes({ width, colorType: 0, bitDepth: 1 });
  const bits = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if ((gray[y * width + x] ?? 0) >= 128) bits[y * stride + (x >> 3)] = (bits[y * stride + (x >> 3)] ?? 0) | (0x80 >> (x & 7));
    }
  }
  return { width, height, colorType: 0, bitDepth: 1, data: bits };
}
