// Turns a ReceiptDocument into ESC/POS bytes.
//
// Why the project owns its encoder (reference/printing-scanning.md, "npm landscape"): `escpos` and its USB adapters
// are unmaintained and break with current `usb@3`; `@node-escpos/core` calls itself not ready; `node-thermal-printer`
// does GB2312 one character at a time; `@point-of-sale/receipt-printer-encoder` has no Chinese; none reads status.
// What a kiosk needs — GB18030 Chinese mode, rare name characters as raster, QR with a raster fallback, commands cut
// so that status can be polled between them — is a few hundred lines, and owning them keeps every byte testable.
import type { Bitmap } from './bitmap';
import {
  CHINESE_MODE_OFF,
  CHINESE_MODE_ON,
  INITIALIZE,
  LF,
  characterSize,
  cut,
  emphasize,
  feedLines,
  justify,
  qrCode,
  rasterImage,
} from './escpos-commands';
import { type PrinterFontProfile, printerFontBytes } from './printer-font';
import { qrBitmap } from './qr-raster';
import type { ReceiptBlock, ReceiptDocument } from './receipt-document';
import type { GlyphFonts } from './text-raster';

export interface EncoderOptions {
  /** Which two-byte font the printer holds (printer-font.ts); characters outside it are rendered as raster. */
  fontProfile: PrinterFontProfile;
  /** Printable width: 576 dots on 80 mm paper at 203 dpi (72 mm), 384 on 58 mm. */
  printWidthDots: number;
  /** `raster` for printers without GS ( k. */
  qrCode: 'native' | 'raster';
  /** Largest GS v 0 command (data bytes); bigger images are sent in bands. */
  maxRasterBandBytes: number;
  fonts: GlyphFonts;
}

export const DEFAULT_ENCODER_OPTIONS: Omit<EncoderOptions, 'fonts'> = {
  fontProfile: 'gb2312',
  printWidthDots: 576,
  qrCode: 'native',
  maxRasterBandBytes: 2048,
};

/** Whole ESC/POS commands; the driver may poll status between any two of them. */
export interface EncodedCommand {
  /** Index of the document block the command prints; -1 for the initialization before the first block. */
  block: number;
  bytes: Uint8Array;
}

export interface EncodedReceipt {
  commands: EncodedCommand[];
  /** Text lines printed as raster images because the printer's font lacks some of their characters. */
  rasterLines: number;
  /** Characters no bundled or configured font has (printed as empty boxes), as U+XXXX. */
  missingGlyphs: string[];
}

/** Half-width columns of the normal font (12 dots each). */
function columns(printWidthDots: number): number {
  return Math.floor(printWidthDots / 12);
}

/** C0/C1 controls and DEL would be read as commands: a tab becomes a space, the rest are dropped. */
function printableText(line: string): string {
  let out = '';
  for (const char of line.replaceAll('\t', ' ')) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0x20 && (code < 0x7f || code > 0x9f)) out += char;
  }
  return out;
}

function codePointLabel(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** One line in the printer's font: ASCII runs outside Chinese mode, everything else inside it. */
function textLineBytes(encoded: Uint8Array[]): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let chinese = false;
  for (const bytes of encoded) {
    const wide = bytes.length > 1;
    if (wide !== chinese) parts.push(wide ? CHINESE_MODE_ON : CHINESE_MODE_OFF);
    chinese = wide;
    parts.push(bytes);
  }
  if (chinese) parts.push(CHINESE_MODE_OFF);
  parts.push(LF);
  return [concat(parts)];
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function encodeReceipt(document: ReceiptDocument, options: EncoderOptions): EncodedReceipt {
  const commands: EncodedCommand[] = [{ block: -1, bytes: INITIALIZE }];
  const missing = new Set<string>();
  let rasterLines = 0;

  const image = (block: number, bitmap: Bitmap): void => {
    if (bitmap.width > options.printWidthDots) throw new RangeError(`block ${block + 1}: image ${bitmap.width} dots wide, paper ${options.printWidthDots}`);
    for (const bytes of rasterImage(bitmap, options.maxRasterBandBytes)) commands.push({ block, bytes });
  };

  const encodeBlock = (block: ReceiptBlock, index: number): void => {
    const push = (...list: Uint8Array[]): void => {
      for (const bytes of list) commands.push({ block: index, bytes });
    };
    switch (block.type) {
      case 'text': {
        const width = block.width ?? 1;
        const height = block.height ?? 1;
        const bold = block.bold ?? false;
        push(justify(block.align ?? 'left'), emphasize(bold), characterSize(width, height));
        for (const raw of block.text.split('\n')) {
          const line = printableText(raw);
          const chars = [...line];
          const encoded = chars.map((char) => printerFontBytes(char, options.fontProfile));
          if (encoded.every((bytes) => bytes !== undefined)) {
            push(...textLineBytes(encoded as Uint8Array[]));
            continue;
          }
          // GS v 0 images cannot share a line with text, so the whole line becomes one image: a name keeps its
          // characters together, in reading order, rather than breaking around the rare one.
          rasterLines++;
          const rendered = options.fonts.render(line, { width, height, bold }, options.printWidthDots);
          for (const glyph of rendered.glyphs) if (glyph.missing) missing.add(codePointLabel(glyph.char));
          for (const bitmap of rendered.lines) image(index, bitmap);
        }
        push(characterSize(1, 1), emphasize(false));
        return;
      }
      case 'separator':
        push(justify('left'), characterSize(1, 1), emphasize(false), new TextEncoder().encode((block.char ?? '-').repeat(columns(options.printWidthDots))), LF);
        return;
      case 'qr': {
        const data = new TextEncoder().encode(block.data);
        const moduleSize = block.moduleSize ?? 6;
        const level = block.errorLevel ?? 'M';
        push(justify(block.align ?? 'center'));
        if (options.qrCode === 'native') push(...qrCode(data, moduleSize, level));
        else image(index, qrBitmap(data, moduleSize, level));
        push(LF);
        return;
      }
      case 'image':
        push(justify(block.align ?? 'center'));
        image(index, block.image);
        return;
      case 'feed':
        push(feedLines(block.lines));
        return;
      case 'cut':
        push(cut(block.partial ?? false));
        return;
    }
  };

  document.blocks.forEach(encodeBlock);
  return { commands, rasterLines, missingGlyphs: [...missing] };
}

/** All commands as one byte string (tests, benchmarks, the CLI's dry run). */
export function receiptBytes(encoded: EncodedReceipt): Uint8Array {
  return concat(encoded.commands.map((c) => c.bytes));
}
