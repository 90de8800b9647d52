import { describe, expect, it } from 'vitest';
import { decodeStatus, deviceState, isStatusReply, notReadyReason, paperState, statusFromFlags } from './printer-status';

const ok = { 1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12 } as const;
const withSensor = { paperLowSensor: true, hasCutter: true };

describe('DLE EOT status bytes', () => {
  it('recognises replies by (b & 0x93) == 0x12', () => {
    for (const byte of [0x12, 0x1e, 0x72, 0x7e, 0x16, 0x1a, 0x32, 0x52]) expect(isStatusReply(byte)).toBe(true);
    for (const byte of [0x00, 0x10, 0x13, 0x92, 0x02, 0xff, 0x0a]) expect(isStatusReply(byte)).toBe(false);
  });

  it('reads the paper sensor bytes of the reference: 12 ok, 1E near end, 72 end, 7E both', () => {
    const paper = (b4: number, sensor = true) => paperState(decodeStatus({ ...ok, 4: b4 }), { ...withSensor, paperLowSensor: sensor });
    expect([paper(0x12), paper(0x1e), paper(0x72), paper(0x7e)]).toEqual(['full', 'low', 'out', 'out']);
    // Without a near-end sensor `low` is never reported.
    expect(paper(0x1e, false)).toBe('full');
  });

  it('maps causes to device states', () => {
    expect(statusFromFlags(decodeStatus(ok), withSensor)).toEqual({
      common: { device: 'online' },
      receiptPrinter: { paper: { roll: 'full' }, cover: 'closed', cutter: 'ok' },
    });
    const cover = decodeStatus({ 1: 0x1a, 2: 0x16, 3: 0x12, 4: 0x12 });
    expect(statusFromFlags(cover, withSensor)).toMatchObject({ common: { device: 'userError' }, receiptPrinter: { cover: 'open' } });
    expect(notReadyReason(cover)).toBe('cover open');
    const paperOut = decodeStatus({ 1: 0x1a, 2: 0x32, 3: 0x12, 4: 0x72 });
    expect(deviceState(paperOut)).toBe('online');
    expect(notReadyReason(paperOut)).toBe('paper out');
    const cutter = decodeStatus({ 1: 0x1a, 2: 0x52, 3: 0x1a, 4: 0x12 });
    expect(statusFromFlags(cutter, withSensor)).toMatchObject({ common: { device: 'hardwareError' }, receiptPrinter: { cutter: 'fault' } });
    expect(deviceState(decodeStatus({ 1: 0x1a, 2: 0x52, 3: 0x32, 4: 0x12 }))).toBe('hardwareError');
    expect(deviceState(decodeStatus({ 1: 0x1a, 2: 0x52, 3: 0x52, 4: 0x12 }))).toBe('deviceBusy');
    expect(deviceState(decodeStatus({ ...ok, 1: 0x1a }))).toBe('offline');
    expect(statusFromFlags(decodeStatus(ok), { paperLowSensor: true, hasCutter: false }).receiptPrinter).not.toHaveProperty('cutter');
  });
});
