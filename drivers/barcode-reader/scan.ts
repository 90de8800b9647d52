// One read barcode as the driver reports it, and the errors a read can end in. Neither ever carries the payload in a
// message: a 网证 or appointment code can identify a person.
import { type Symbology, parseAimId, splitAimPrefix } from './aim-symbology';
import { type ScanEncoding, decodeScanText } from './scan-text';

export interface Scan {
  text: string;
  encoding: ScanEncoding;
  /** Present when the reader sent an AIM symbology identifier (serial prefix, or the HID POS report field). */
  symbology?: Symbology;
}

export type ScanReadError =
  /** More bytes than `maxFrameBytes` before the frame ended; they were discarded and reading went on. */
  | { code: 'overlong'; length: number; limit: number }
  /** Neither UTF-8 nor GB18030. */
  | { code: 'undecodable'; length: number }
  /** A HID POS input report that contradicts its own length field. */
  | { code: 'badReport'; reason: string };

export function describeReadError(error: ScanReadError): string {
  switch (error.code) {
    case 'overlong':
      return `scan of ${error.length} bytes exceeds the ${error.limit}-byte limit and was dropped`;
    case 'undecodable':
      return `scan of ${error.length} bytes is neither UTF-8 nor GB18030 and was dropped`;
    case 'badReport':
      return `bad HID POS report: ${error.reason}`;
  }
}

export type ScanResult = { ok: true; scan: Scan } | { ok: false; error: ScanReadError };

export interface DecodeScanOptions {
  /** `detect` (default) strips a leading AIM identifier; `off` for readers whose data may itself start with `]`. */
  aim?: 'detect' | 'off';
  /** An identifier the transport carried beside the data (HID POS); it wins over a prefix in the data. */
  aimId?: string;
}

/** A complete frame (suffix already removed) → a scan. */
export function decodeScan(frame: Uint8Array, options: DecodeScanOptions = {}): ScanResult {
  let symbology = options.aimId === undefined ? undefined : parseAimId(options.aimId);
  let data = frame;
  if (symbology === undefined && options.aim !== 'off') ({ symbology, rest: data } = splitAimPrefix(frame));
  const text = decodeScanText(data);
  if (!text.ok) return { ok: false, error: { code: 'undecodable', length: frame.length } };
  return { ok: true, scan: { text: text.text, encoding: text.encoding, ...(symbology ? { symbology } : {}) } };
}
