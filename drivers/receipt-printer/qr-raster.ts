// The QR fallback for printers without GS ( k: the symbol is made here (qrcode) and sent as a raster image.
import QRCode from 'qrcode';
import { type Bitmap, createBitmap, setPixel } from './bitmap';
import type { QrErrorLevel } from './escpos-commands';

/** Modules of light margin around the symbol (ISO/IEC 18004 asks for 4). */
export const QUIET_ZONE_MODULES = 4;

export function qrBitmap(data: Uint8Array, moduleSize: number, errorLevel: QrErrorLevel): Bitmap {
  const { modules } = QRCode.create([{ data, mode: 'byte' }], { errorCorrectionLevel: errorLevel });
  const side = (modules.size + 2 * QUIET_ZONE_MODULES) * moduleSize;
  const bitmap = createBitmap(side, side);
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      const top = (row + QUIET_ZONE_MODULES) * moduleSize;
      const left = (col + QUIET_ZONE_MODULES) * moduleSize;
      for (let dy = 0; dy < moduleSize; dy++) for (let dx = 0; dx < moduleSize; dx++) setPixel(bitmap, left + dx, top + dy);
    }
  }
  return bitmap;
}
