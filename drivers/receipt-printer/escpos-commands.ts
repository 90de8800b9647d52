// The ESC/POS commands the encoder emits, as bytes (reference/printing-scanning.md; alignment, emphasis, size, feed
// and init are the Epson ESC/POS command set every Chinese receipt printer follows).
import { type Bitmap, bytesPerRow } from './bitmap';
import type { Align } from './receipt-document';

const ESC = 0x1b;
const FS = 0x1c;
const GS = 0x1d;
const DLE = 0x10;
const EOT = 0x04;

export const LF = Uint8Array.of(0x0a);
/** ESC @: back to power-on modes (left, normal size, not bold, not Chinese mode). */
export const INITIALIZE = Uint8Array.of(ESC, 0x40);
/** FS & / FS .: Chinese character mode on and off; in it, bytes ≥ 0x81 start a two-byte GB18030 character. */
export const CHINESE_MODE_ON = Uint8Array.of(FS, 0x26);
export const CHINESE_MODE_OFF = Uint8Array.of(FS, 0x2e);

/** ESC a n. */
export function justify(align: Align): Uint8Array {
  return Uint8Array.of(ESC, 0x61, align === 'left' ? 0 : align === 'center' ? 1 : 2);
}

/** ESC E n. */
export function emphasize(on: boolean): Uint8Array {
  return Uint8Array.of(ESC, 0x45, on ? 1 : 0);
}

/** GS ! n: width multiplier in the high nibble, height in the low one, each stored as (times − 1). */
export function characterSize(width: number, height: number): Uint8Array {
  return Uint8Array.of(GS, 0x21, ((width - 1) << 4) | (height - 1));
}

/** ESC d n: print the buffer and feed n lines. */
export function feedLines(lines: number): Uint8Array {
  return Uint8Array.of(ESC, 0x64, lines);
}

/** GS V 65|66 n: feed to the cutter, then a full (65) or partial (66) cut. */
export function cut(partial: boolean): Uint8Array {
  return Uint8Array.of(GS, 0x56, partial ? 66 : 65, 0);
}

/** DLE EOT n: real-time status, n = 1 printer, 2 offline cause, 3 error cause, 4 paper sensors. */
export function statusRequest(n: 1 | 2 | 3 | 4): Uint8Array {
  return Uint8Array.of(DLE, EOT, n);
}

export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';

/** GS ( k with pL pH = bytes after them: cn = 0x31 (QR), then the function and its parameters. */
function qrFunction(fn: number, ...parameters: number[]): Uint8Array {
  const length = parameters.length + 2;
  return Uint8Array.of(GS, 0x28, 0x6b, length & 0xff, length >> 8, 0x31, fn, ...parameters);
}

/** The five GS ( k commands that print one QR code: model 2, module size, error level, store, print. */
export function qrCode(data: Uint8Array, moduleSize: number, errorLevel: QrErrorLevel): Uint8Array[] {
  const stored = data.length + 3;
  if (stored > 0xffff) throw new RangeError('QR data too long');
  return [
    qrFunction(0x41, 0x32, 0x00),
    qrFunction(0x43, moduleSize),
    qrFunction(0x45, 48 + 'LMQH'.indexOf(errorLevel)),
    Uint8Array.from([GS, 0x28, 0x6b, stored & 0xff, stored >> 8, 0x31, 0x50, 0x30, ...data]),
    qrFunction(0x51, 0x30),
  ];
}

/**
 * GS v 0 m xL xH yL yH data, one per band of at most `maxBandBytes` of data: a status poll may only come between
 * commands (a real-time command inside another command's data is also taken as that data), so big images are cut
 * into bands the printer prints seamlessly one under the other.
 */
export function rasterImage(bitmap: Bitmap, maxBandBytes: number): Uint8Array[] {
  const rowBytes = bytesPerRow(bitmap.width);
  const rowsPerBand = Math.max(1, Math.floor(maxBandBytes / rowBytes));
  const commands: Uint8Array[] = [];
  for (let top = 0; top < bitmap.height; top += rowsPerBand) {
    const rows = Math.min(rowsPerBand, bitmap.height - top);
    const command = new Uint8Array(8 + rows * rowBytes);
    command.set([GS, 0x76, 0x30, 0, rowBytes & 0xff, rowBytes >> 8, rows & 0xff, rows >> 8]);
    command.set(bitmap.data.subarray(top * rowBytes, (top + rows) * rowBytes), 8);
    commands.push(command);
  }
  return commands;
}
