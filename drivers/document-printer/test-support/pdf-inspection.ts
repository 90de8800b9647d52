// Looks into printed PDFs with poppler-utils, the way a person would: the text pdftotext finds, and the page as pixels.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function pdfText(file: string): Promise<string> {
  const { stdout } = await run('pdftotext', ['-layout', file, '-'], { timeout: 20_000 });
  return stdout;
}

export interface GrayPage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Page 1 rendered in gray at `dpi` by pdftoppm (PGM, whose header is plain text). */
export async function renderPage(pdf: Uint8Array | string, dpi: number): Promise<GrayPage> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-pdf-'));
  try {
    let input = typeof pdf === 'string' ? pdf : path.join(dir, 'in.pdf');
    if (typeof pdf !== 'string') await writeFile(input, pdf);
    input = path.resolve(input);
    await run('pdftoppm', ['-r', String(dpi), '-gray', '-f', '1', '-l', '1', '-singlefile', input, path.join(dir, 'page')], { timeout: 20_000 });
    const pgm = await readFile(path.join(dir, 'page.pgm'));
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 64).toString('latin1'));
    if (!header) throw new Error('pdftoppm did not write a PGM');
    const width = Number(header[1]);
    const height = Number(header[2]);
    return { width, height, pixels: pgm.subarray(header[0].length, header[0].length + width * height) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Rows from the first to the last with any mark in either page: the part worth comparing. */
function inkedRows(a: GrayPage, b: GrayPage): [number, number] {
  let first = a.height;
  let last = -1;
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      if ((a.pixels[y * a.width + x] ?? 255) < 250 || (b.pixels[y * b.width + x] ?? 255) < 250) {
        first = Math.min(first, y);
        last = y;
        break;
      }
    }
  }
  return [first, last];
}

/** Pearson correlation of darkness between A and B moved by (dx, dy), over rows first..last. */
function correlation(a: GrayPage, b: GrayPage, dx: number, dy: number, first: number, last: number): number {
  let n = 0;
  let sa = 0;
  let sb = 0;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  for (let y = Math.max(first, -dy); y <= Math.min(last, a.height - 1 - dy); y++) {
    for (let x = Math.max(0, -dx); x < Math.min(a.width, a.width - dx); x++) {
      const p = 255 - (a.pixels[y * a.width + x] ?? 255);
      const q = 255 - (b.pixels[(y + dy) * b.width + x + dx] ?? 255);
      n += 1;
      sa += p;
      sb += q;
      saa += p * p;
      sbb += q * q;
      sab += p * q;
    }
  }
  const va = saa / n - (sa / n) ** 2;
  const vb = sbb / n - (sb / n) ** 2;
  return va <= 0 || vb <= 0 ? 0 : (sab / n - (sa / n) * (sb / n)) / Math.sqrt(va * vb);
}

/**
 * How alike two renderings of a page are, -1–1: the correlation of their darkness, at the best of the small shifts a
 * print path may add (pdftopdf and PostScript round the page origin).
 */
export function pageSimilarity(a: GrayPage, b: GrayPage, maxShift = 3): number {
  if (a.width !== b.width || a.height !== b.height) return 0;
  const [first, last] = inkedRows(a, b);
  if (last < 0) return 0;
  let best = -1;
  for (let dy = -maxShift; dy <= maxShift; dy++) {
    for (let dx = -maxShift; dx <= maxShift; dx++) best = Math.max(best, correlation(a, b, dx, dy, first, last));
  }
  return best;
}
