// Reads receipts the way a person at the printer would: the raw ESC/POS bytes a simulated printer wrote
// (`<dataDir>/simulator/receipts/<n>.bin`, see simulator/printer-simulator.ts) replayed through the simulator's own
// parser and printer model, which were written from the reference, not from the encoder. For tests, unit and end to
// end (they may import it: it needs only Node).
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Bitmap } from '../bitmap';
import { type PrintedItem, SimulatedPrinter } from '../simulator/simulated-printer';

export interface DecodedReceipt {
  /** Everything printed, in order: text lines, images, QR codes, feeds, cuts. */
  items: PrintedItem[];
  /** The non-blank text lines printed in the printer's own font (lines sent as images are not here: see `images`). */
  lines: string[];
  /** The data of every QR code (native `GS ( k`). */
  qrPayloads: string[];
  /** Raster images (`GS v 0`): lines with characters the printer's font lacks, and QR codes printed as raster. */
  images: Bitmap[];
  /** Cuts seen: 1 for one whole receipt. */
  cuts: number;
}

/** Decodes one receipt's bytes (status requests inside are ignored, as the printer answers rather than prints them). */
export function decodeReceipt(bytes: Uint8Array): DecodedReceipt {
  const printer = new SimulatedPrinter();
  printer.connect().receive(bytes);
  const items = [...printer.transcript];
  return {
    items,
    lines: items.flatMap((item) => (item.type === 'text' && item.text.trim() !== '' ? [item.text] : [])),
    qrPayloads: items.flatMap((item) => (item.type === 'qr' ? [item.data] : [])),
    images: items.flatMap((item) => (item.type === 'image' ? [item.image] : [])),
    cuts: items.filter((item) => item.type === 'cut').length,
  };
}

export interface PrintedReceipt {
  /** The file's number: 1 for the first receipt printed into this folder. */
  number: number;
  file: string;
  bytes: Uint8Array;
  decoded: DecodedReceipt;
}

/** Where a kiosk with a simulated receipt printer writes receipts. */
export function receiptsDir(dataDir: string): string {
  return path.join(dataDir, 'simulator', 'receipts');
}

/** Every receipt printed under a kiosk data folder, oldest first; [] when none was. */
export async function readPrintedReceipts(dataDir: string): Promise<PrintedReceipt[]> {
  const dir = receiptsDir(dataDir);
  const names = await readdir(dir).catch(() => [] as string[]);
  const numbered = names.flatMap((name) => {
    const match = /^(\d+)\.bin$/.exec(name);
    return match ? [{ name, number: Number(match[1]) }] : [];
  });
  numbered.sort((a, b) => a.number - b.number);
  return Promise.all(
    numbered.map(async ({ name, number }) => {
      const file = path.join(dir, name);
      const bytes = new Uint8Array(await readFile(file));
      return { number, file, bytes, decoded: decodeReceipt(bytes) };
    }),
  );
}

/** Black dots in a bitmap: > 0 means something was drawn. */
export function inkDots(image: Bitmap): number {
  let dots = 0;
  for (const byte of image.data) for (let bit = byte; bit; bit &= bit - 1) dots++;
  return dots;
}
