import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HidPosAssembler, type HidPosEvent } from './hid-pos-report';
import { decodeScan } from './scan';

// A Honeywell Voyager 1602g in USB HID POS mode answering REVINF, as read from hidraw (published in
// github.com/HenkVanAsselt/python_hon_usbhid, README). Five full reports carry the "more" bit (byte 63 = 1), the sixth
// ends the message with 9 bytes; the seventh is a separate message with AIM id ]Z6. Copied byte for byte.
const honeywellReports: number[][] = [
  [2, 56, 93, 88, 48, 80, 114, 111, 100, 117, 99, 116, 32, 78, 97, 109, 101, 58, 32, 86, 111, 121, 97, 103, 101, 114, 32, 49, 54, 48, 50, 103, 13, 10, 66, 111, 111, 116, 32, 82, 101, 118, 105, 115, 105, 111, 110, 58, 32, 58, 32, 56, 57, 57, 50, 13, 10, 83, 111, 102, 116, 63, 0, 1],
  [2, 56, 93, 88, 48, 119, 97, 114, 101, 32, 80, 97, 114, 116, 32, 78, 117, 109, 98, 101, 114, 58, 32, 67, 87, 48, 48, 48, 48, 56, 50, 66, 66, 65, 13, 10, 83, 111, 102, 116, 119, 97, 114, 101, 32, 82, 101, 118, 105, 115, 105, 111, 110, 58, 32, 36, 80, 114, 111, 106, 101, 63, 0, 1],
  [2, 56, 93, 88, 48, 99, 116, 82, 101, 118, 105, 115, 105, 111, 110, 58, 32, 49, 54, 51, 52, 53, 32, 13, 10, 83, 101, 114, 105, 97, 108, 32, 78, 117, 109, 98, 101, 114, 58, 32, 49, 53, 50, 51, 50, 66, 49, 70, 48, 67, 13, 10, 83, 117, 112, 112, 111, 114, 116, 101, 100, 63, 0, 1],
  [2, 56, 93, 88, 48, 32, 73, 70, 58, 32, 66, 108, 117, 101, 116, 111, 111, 116, 104, 13, 10, 80, 67, 66, 32, 65, 115, 115, 101, 109, 98, 108, 121, 32, 73, 68, 58, 32, 48, 48, 48, 48, 48, 48, 13, 10, 69, 110, 103, 105, 110, 101, 32, 70, 105, 114, 109, 119, 97, 114, 101, 63, 0, 1],
  [2, 56, 93, 88, 48, 32, 84, 121, 112, 101, 58, 32, 78, 47, 65, 32, 32, 32, 82, 101, 118, 105, 115, 105, 111, 110, 58, 32, 78, 47, 65, 32, 32, 32, 83, 101, 114, 105, 97, 108, 32, 78, 117, 109, 98, 101, 114, 58, 32, 78, 47, 65, 32, 32, 32, 67, 104, 101, 99, 107, 115, 63, 0, 1],
  [2, 9, 93, 88, 48, 117, 109, 58, 32, 78, 47, 65, 13, 10, ...new Array(47).fill(0), 63, 0, 0],
  [2, 8, 93, 90, 54, 82, 69, 86, 73, 78, 70, 6, 46, ...new Array(48).fill(0), 54, 0, 0],
];

const revinfText =
  'Product Name: Voyager 1602g\r\nBoot Revision: : 8992\r\nSoftware Part Number: CW000082BBA\r\nSoftware Revision: $ProjectRevision: 16345 \r\n' +
  'Serial Number: 15232B1F0C\r\nSupported IF: Bluetooth\r\nPCB Assembly ID: 000000\r\nEngine Firmware Type: N/A   Revision: N/A   ' +
  'Serial Number: N/A   Checksum: N/A\r\n';

/** A 64-byte scanned-data report in the same layout, for scans the dump does not contain. */
function report(data: number[], options: { aim?: string; more?: boolean } = {}): Uint8Array {
  const bytes = new Uint8Array(64);
  bytes[0] = 0x02;
  bytes[1] = data.length;
  if (options.aim) bytes.set(Buffer.from(options.aim, 'latin1'), 2);
  bytes.set(data, 5);
  bytes[63] = options.more ? 1 : 0;
  return bytes;
}

const feed = (assembler: HidPosAssembler, reports: (number[] | Uint8Array)[]): HidPosEvent[] =>
  reports.flatMap((r) => assembler.push(Uint8Array.from(r)));

describe('HID POS input reports', () => {
  it('assembles the reports of a real Honeywell reader into its messages, with their AIM ids', () => {
    const events = feed(new HidPosAssembler(), honeywellReports);
    expect(events).toHaveLength(2);
    const [first, second] = events;
    if (first?.type !== 'frame' || second?.type !== 'frame') throw new Error('expected two frames');
    expect(first.aimId).toBe(']X0');
    expect(first.bytes).toHaveLength(5 * 56 + 9);
    expect(Buffer.from(first.bytes).toString('latin1')).toBe(revinfText);
    expect(second.aimId).toBe(']Z6');
    expect(Buffer.from(second.bytes).toString('latin1')).toBe('REVINF\x06.');
  });

  it('carries a GB18030 网证 code split over two reports', () => {
    const gb = [0xcd, 0xf8, 0xd6, 0xa4];
    const events = feed(new HidPosAssembler(), [report(gb.slice(0, 3), { aim: ']Q1', more: true }), report(gb.slice(3), { aim: ']Q1' })]);
    expect(events).toEqual([{ type: 'frame', bytes: Uint8Array.from(gb), aimId: ']Q1' }]);
    const frame = events[0];
    if (frame?.type !== 'frame') throw new Error('expected a frame');
    expect(decodeScan(frame.bytes, { aimId: frame.aimId })).toEqual({
      ok: true,
      scan: { text: '网证', encoding: 'gb18030', symbology: { aimId: ']Q1', name: 'qrCode' } },
    });
  });

  it('has no AIM id when the field is empty, and skips reports that are not scanned data', () => {
    const assembler = new HidPosAssembler();
    expect(assembler.push(Uint8Array.of(0x04, 1, 2, 3))).toEqual([]);
    expect(feed(assembler, [report([0x31, 0x32])])).toEqual([{ type: 'frame', bytes: Uint8Array.of(0x31, 0x32) }]);
  });

  it('drops a scan whose report contradicts its length, once, and reads the next scan', () => {
    const assembler = new HidPosAssembler();
    const bad = report([0x41], { more: true });
    bad[1] = 57;
    const events = feed(assembler, [report([0x41], { more: true }), bad, report([0x42], { more: true }), report([0x43]), report([0x44])]);
    expect(events).toEqual([
      { type: 'error', error: { code: 'badReport', reason: 'length field 57 exceeds 56' } },
      { type: 'frame', bytes: Uint8Array.of(0x44) },
    ]);
    expect(assembler.push(Uint8Array.of(0x02, 10, 0x5d, 0x51, 0x31, 0x41))).toEqual([
      { type: 'error', error: { code: 'badReport', reason: 'length field 10 exceeds the 6-byte report' } },
    ]);
  });

  it('drops an overlong scan with a typed error and reads the next one', () => {
    const assembler = new HidPosAssembler({ maxFrameBytes: 100 });
    const full = new Array(56).fill(0x41);
    const events = feed(assembler, [report(full, { more: true }), report(full, { more: true }), report(full), report([0x42])]);
    expect(events).toEqual([
      { type: 'error', error: { code: 'overlong', length: 112, limit: 100 } },
      { type: 'frame', bytes: Uint8Array.of(0x42) },
    ]);
  });

  it('never throws on random or mutated reports and frames stay within the limit (fuzz, 10,000 inputs)', () => {
    const mutated = fc
      .tuple(fc.constantFrom(...honeywellReports), fc.array(fc.tuple(fc.nat({ max: 63 }), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), fc.nat({ max: 64 }))
      .map(([base, edits, cut]) => {
        const bytes = Uint8Array.from(base);
        for (const [at, value] of edits) bytes[at] = value;
        return bytes.subarray(0, cut);
      });
    const anyReport = fc.oneof(fc.uint8Array({ maxLength: 70 }), mutated, fc.uint8Array({ minLength: 64, maxLength: 64 }).map((b) => (b.fill(2, 0, 1), b)));
    fc.assert(
      fc.property(fc.array(anyReport, { maxLength: 10 }), (reports) => {
        const assembler = new HidPosAssembler({ maxFrameBytes: 200 });
        for (const event of feed(assembler, reports)) {
          if (event.type === 'frame') {
            expect(event.bytes.length).toBeLessThanOrEqual(200);
            decodeScan(event.bytes, { aimId: event.aimId });
          }
        }
      }),
      { numRuns: 10_000 },
    );
  });
});
