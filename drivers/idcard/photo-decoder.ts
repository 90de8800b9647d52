// The chip photo is an encrypted WLT image; decoding it needs the vendor's licensed library, so the kiosk takes a
// decoder as a plug-in and ships none. Without one the card still reads; the photo just is not shown.
import type { Completion } from '../../contracts/device-model';

/** The photo as the card holds it. */
export interface WltPhoto {
  format: 'wlt';
  /** 1024 bytes. */
  bytes: Uint8Array;
}

export const WLT_PHOTO_BYTES = 1024;
export const PHOTO_WIDTH = 102;
export const PHOTO_HEIGHT = 126;
/** 102 × 126 × 3. */
export const PHOTO_BGR_BYTES = 38556;
/** A 54-byte header plus rows padded to four bytes (308 × 126). */
export const PHOTO_BMP_BYTES = 38862;

export type DecodedPhoto =
  | { format: 'bmp'; bytes: Uint8Array }
  | { format: 'bgr'; width: typeof PHOTO_WIDTH; height: typeof PHOTO_HEIGHT; bytes: Uint8Array };

export interface PhotoDecoder {
  /** Names the library for diagnostics, e.g. the vendor and version. */
  readonly name: string;
  /** Completes with `invalidData` for a photo it cannot decode; never throws. */
  decode(photo: WltPhoto, signal?: AbortSignal): Promise<Completion<DecodedPhoto>>;
}
