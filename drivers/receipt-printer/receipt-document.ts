// What a receipt is made of, before it becomes ESC/POS bytes: a list of blocks printed top to bottom. Services build
// documents; only the encoder knows bytes. The schema checks a document at the driver's edge (print() answers
// invalidData when it fails).
import { z } from 'zod';
import type { Bitmap } from './bitmap';

export const Align = z.enum(['left', 'center', 'right']);
export type Align = z.infer<typeof Align>;

/** Character size multiplier (ESC/POS GS !: 1–8 times the normal 12×24 / 24×24 dots). */
const Magnification = z.number().int().min(1).max(8);

const BitmapSchema = z.custom<Bitmap>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    Number.isInteger((value as Bitmap).width) &&
    Number.isInteger((value as Bitmap).height) &&
    (value as Bitmap).width > 0 &&
    (value as Bitmap).height > 0 &&
    (value as Bitmap).data instanceof Uint8Array &&
    (value as Bitmap).data.length === Math.ceil((value as Bitmap).width / 8) * (value as Bitmap).height,
  'a bitmap whose data is height × ceil(width / 8) bytes',
);

export const ReceiptBlock = z.discriminatedUnion('type', [
  /** One paragraph; `\n` starts a new line. The printer wraps lines longer than the paper. */
  z.strictObject({
    type: z.literal('text'),
    text: z.string().max(4096),
    align: Align.optional(),
    bold: z.boolean().optional(),
    width: Magnification.optional(),
    height: Magnification.optional(),
  }),
  /** A full-width line of one repeated character, e.g. `-` or `=`. */
  z.strictObject({ type: z.literal('separator'), char: z.string().regex(/^[\x21-\x7e]$/).optional() }),
  z.strictObject({
    type: z.literal('qr'),
    data: z.string().min(1).max(2000),
    /** Dots per module, 1–16 (GS ( k function 167). */
    moduleSize: z.number().int().min(1).max(16).optional(),
    errorLevel: z.enum(['L', 'M', 'Q', 'H']).optional(),
    align: Align.optional(),
  }),
  z.strictObject({ type: z.literal('image'), image: BitmapSchema, align: Align.optional() }),
  z.strictObject({ type: z.literal('feed'), lines: z.number().int().min(1).max(255) }),
  /** Feeds the paper past the cutter, then cuts; `partial` leaves a hinge. */
  z.strictObject({ type: z.literal('cut'), partial: z.boolean().optional() }),
]);
export type ReceiptBlock = z.infer<typeof ReceiptBlock>;

export const ReceiptDocument = z.strictObject({ blocks: z.array(ReceiptBlock).min(1).max(500) });
export type ReceiptDocument = z.infer<typeof ReceiptDocument>;
