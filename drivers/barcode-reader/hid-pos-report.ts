// HID POS barcode scanners (usage page 0x8C, "Bar Code Scanner"): one scan arrives as one or more 64-byte input
// reports. The layout, as Honeywell readers in "USB HID POS" mode send it (and node-hid reads it on Linux and Windows,
// report ID first):
//
//   byte 0      report ID 0x02 (scanned data)
//   byte 1      number of data bytes in this report, 0–56
//   bytes 2–4   AIM symbology identifier, e.g. `]Q1` (zero bytes when the reader sends none)
//   bytes 5–60  data, padded with zeros
//   bytes 61–62 vendor code id, reserved
//   byte 63     bit 0 set: more reports of the same scan follow
//
// Reports with another ID (status, replies to commands) are not scans and are skipped. The data of a multi-report scan
// is concatenated until a report without the "more" bit; a contradictory report drops the scan it belongs to.
import type { ScanReadError } from './scan';
import { DEFAULT_MAX_FRAME_BYTES } from './serial-framer';

export const HID_POS_USAGE_PAGE = 0x8c;
export const SCANNED_DATA_REPORT_ID = 0x02;
const LENGTH_AT = 1;
const AIM_AT = 2;
const DATA_AT = 5;
export const MAX_DATA_PER_REPORT = 56;
const MORE_AT = 63;

export type HidPosEvent = { type: 'frame'; bytes: Uint8Array; aimId?: string } | { type: 'error'; error: ScanReadError };

export class HidPosAssembler {
  readonly #limit: number;
  #parts: Uint8Array[] = [];
  #length = 0;
  #aimId: string | undefined;
  /** Inside a scan that is being dropped (too long, or a bad report): skip to its last report. */
  #discarding = false;

  constructor(options: { maxFrameBytes?: number } = {}) {
    this.#limit = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  }

  push(report: Uint8Array): HidPosEvent[] {
    if (report.length === 0 || report[0] !== SCANNED_DATA_REPORT_ID) return [];
    if (report.length < DATA_AT) return this.#fail(`report of ${report.length} bytes is shorter than its header`, false);
    const length = report[LENGTH_AT] as number;
    const more = report.length > MORE_AT && ((report[MORE_AT] as number) & 0x01) === 1;
    if (length > MAX_DATA_PER_REPORT) return this.#fail(`length field ${length} exceeds ${MAX_DATA_PER_REPORT}`, more);
    if (DATA_AT + length > report.length) return this.#fail(`length field ${length} exceeds the ${report.length}-byte report`, more);

    if (this.#discarding) {
      this.#discarding = more;
      return [];
    }
    if (this.#parts.length === 0 && report[AIM_AT] === 0x5d) {
      this.#aimId = String.fromCharCode(report[AIM_AT] as number, report[AIM_AT + 1] as number, report[AIM_AT + 2] as number);
    }
    this.#length += length;
    if (this.#length > this.#limit) {
      const error: ScanReadError = { code: 'overlong', length: this.#length, limit: this.#limit };
      this.reset();
      this.#discarding = more;
      return [{ type: 'error', error }];
    }
    this.#parts.push(report.slice(DATA_AT, DATA_AT + length));
    if (more) return [];
    const bytes = new Uint8Array(this.#length);
    let at = 0;
    for (const part of this.#parts) {
      bytes.set(part, at);
      at += part.length;
    }
    const aimId = this.#aimId;
    this.reset();
    return [{ type: 'frame', bytes, ...(aimId === undefined ? {} : { aimId }) }];
  }

  /** Forgets a scan in progress (the device was lost). */
  reset(): void {
    this.#parts = [];
    this.#length = 0;
    this.#aimId = undefined;
    this.#discarding = false;
  }

  #fail(reason: string, more: boolean): HidPosEvent[] {
    const wasDiscarding = this.#discarding;
    this.reset();
    this.#discarding = more;
    // One error per dropped scan: the later reports of a scan already reported are skipped quietly.
    return wasDiscarding ? [] : [{ type: 'error', error: { code: 'badReport', reason } }];
  }
}
