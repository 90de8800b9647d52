import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeScan } from './scan';
import { SerialFramer, type SerialFramerEvent } from './serial-framer';
import { concat, hex, vectors } from './test-support/test-vectors';

const frames = (events: SerialFramerEvent[]): string[] => events.flatMap((e) => (e.type === 'frame' ? [Buffer.from(e.bytes).toString('hex')] : []));

describe('serial framing', () => {
  it('ends frames at CR, LF or CR LF, and drops the empty frame between CR and LF', () => {
    const framer = new SerialFramer();
    const events = framer.push(concat(hex('41 0d'), hex('42 0a'), hex('43 0d 0a'), hex('0d 0a')));
    expect(frames(events)).toEqual(['41', '42', '43']);
    expect(framer.pending).toBe(false);
  });

  it('keeps a frame across chunks, CR and LF split between them included', () => {
    const framer = new SerialFramer();
    const bytes = concat(vectors.aimQ1, vectors.wangzhengUtf8, hex('0d 0a'), vectors.wangzhengGb18030, hex('0d 0a'));
    const events = [...bytes].flatMap((byte) => framer.push(Uint8Array.of(byte)));
    expect(frames(events)).toEqual([Buffer.from(concat(vectors.aimQ1, vectors.wangzhengUtf8)).toString('hex'), 'cdf8d6a4']);
  });

  it('ends a frame without a suffix when the line goes quiet', () => {
    const framer = new SerialFramer();
    expect(framer.push(vectors.urlGb18030)).toEqual([]);
    expect(framer.pending).toBe(true);
    expect(frames(framer.idle())).toEqual([Buffer.from(vectors.urlGb18030).toString('hex')]);
    expect(framer.idle()).toEqual([]);
  });

  it('reports an overlong frame with its length once it ends, and reads the next one', () => {
    const framer = new SerialFramer({ maxFrameBytes: 8 });
    const events = framer.push(concat(new Uint8Array(20).fill(0x41), hex('0d'), hex('42 43 0d')));
    expect(events).toEqual([
      { type: 'error', error: { code: 'overlong', length: 20, limit: 8 } },
      { type: 'frame', bytes: hex('42 43') },
    ]);
    expect(framer.push(new Uint8Array(9).fill(0x41))).toEqual([]);
    expect(framer.idle()).toEqual([{ type: 'error', error: { code: 'overlong', length: 9, limit: 8 } }]);
    expect(frames(framer.push(hex('44 0d')))).toEqual(['44']);
  });

  it('keeps line breaks inside a frame when told only the idle gap ends frames', () => {
    const framer = new SerialFramer({ lineBreakEndsFrame: false });
    expect(framer.push(hex('41 0d 0a 42'))).toEqual([]);
    expect(frames(framer.idle())).toEqual(['410d0a42']);
  });

  it('forgets a half frame on reset (port lost mid-scan)', () => {
    const framer = new SerialFramer();
    framer.push(hex('41 42'));
    framer.reset();
    expect(frames(framer.push(hex('43 0d')))).toEqual(['43']);
  });
});

describe('serial framing under fuzz', () => {
  const chunkings = (bytes: Uint8Array) =>
    fc.array(fc.nat({ max: bytes.length }), { maxLength: 8 }).map((cuts) => {
      const points = [0, ...cuts.sort((a, b) => a - b), bytes.length];
      return points.slice(1).map((end, i) => bytes.subarray(points[i], end));
    });

  it('never throws, never returns a frame with a line break or over the limit, and every frame decodes to a scan or a typed error (10,000 inputs)', () => {
    const limit = 32;
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.uint8Array({ maxLength: 48 }), fc.constantFrom(hex('0d'), hex('0a'), hex('0d 0a'))), { maxLength: 12 }),
        fc.array(fc.boolean(), { maxLength: 12 }),
        (chunks, idles) => {
          const framer = new SerialFramer({ maxFrameBytes: limit });
          const events = chunks.flatMap((chunk, i) => [...framer.push(chunk), ...(idles[i] ? framer.idle() : [])]);
          for (const event of events) {
            if (event.type === 'frame') {
              expect(event.bytes.length).toBeGreaterThan(0);
              expect(event.bytes.length).toBeLessThanOrEqual(limit);
              expect(event.bytes.includes(0x0d) || event.bytes.includes(0x0a)).toBe(false);
              const scan = decodeScan(event.bytes);
              if (!scan.ok) expect(scan.error).toEqual({ code: 'undecodable', length: event.bytes.length });
            } else expect(event.error.length).toBeGreaterThan(limit);
          }
        },
      ),
      { numRuns: 10_000 },
    );
  });

  it('frames the same however the stream is chunked (mutated streams of real scans)', () => {
    const scan = fc.constantFrom(vectors.wangzhengUtf8, vectors.wangzhengGb18030, vectors.urlUtf8, vectors.urlGb18030, concat(vectors.aimQ1, vectors.jiUtf8));
    const stream = fc
      .array(fc.tuple(scan, fc.constantFrom(hex('0d'), hex('0a'), hex('0d 0a'))), { minLength: 1, maxLength: 5 })
      .map((parts) => concat(...parts.flat()));
    fc.assert(
      fc.property(
        stream.chain((bytes) => fc.tuple(fc.constant(bytes), chunkings(bytes))),
        ([bytes, chunks]) => {
          const whole = new SerialFramer().push(bytes);
          const framer = new SerialFramer();
          expect(chunks.flatMap((chunk) => framer.push(chunk))).toEqual(whole);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
