// What a serial barcode reader sends for one scan: [AIM identifier] payload [suffix]. Used by the simulator and by
// `barcode simulate`; the driver's tests check it against bytes written out by hand, never against this encoder.
import iconv from 'iconv-lite';
import { z } from 'zod';
import type { ScanEncoding } from './scan-text';

export const ScanSuffix = z.enum(['cr', 'lf', 'crlf', 'none']);
export type ScanSuffix = z.infer<typeof ScanSuffix>;

const suffixBytes: Record<ScanSuffix, number[]> = { cr: [0x0d], lf: [0x0a], crlf: [0x0d, 0x0a], none: [] };

export const SimulatedScan = z.strictObject({
  text: z.string().max(4096),
  /** An AIM symbology identifier to send first, e.g. `]Q1`. */
  symbology: z
    .string()
    .regex(/^\][A-Za-z][0-9A-Za-z]$/, 'an AIM identifier such as ]Q1')
    .optional(),
  encoding: z.enum(['utf8', 'gb18030']).optional(),
  suffix: ScanSuffix.optional(),
});
export type SimulatedScan = z.infer<typeof SimulatedScan>;

export function encodeScanFrame(scan: SimulatedScan): Uint8Array {
  const encoding: ScanEncoding = scan.encoding ?? 'utf8';
  const payload = encoding === 'utf8' ? Buffer.from(scan.text, 'utf8') : iconv.encode(scan.text, 'gb18030');
  return Buffer.concat([Buffer.from(scan.symbology ?? '', 'latin1'), payload, Buffer.from(suffixBytes[scan.suffix ?? 'cr'])]);
}
