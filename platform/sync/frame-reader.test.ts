// Framing only: whatever bytes arrive, in whatever pieces, the reader yields the frames that are whole and then one
// clear verdict (end, malformed, too large), never an exception.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame } from '../../contracts/sync-api';
import { type FrameRead, FrameReader } from './frame-reader';

const header = (offset: number, length: number) => ({
  transactionId: '0190f2a1-0000-7000-8000-000000000001',
  attachmentId: 'scan',
  offset,
  length,
  signature: 'A'.repeat(43),
});

async function readAll(pieces: Buffer[], maxBytes = 1 << 20): Promise<FrameRead[]> {
  const reader = new FrameReader(
    (async function* () {
      yield* pieces;
    })(),
    maxBytes,
  );
  const reads: FrameRead[] = [];
  for (;;) {
    const read = await reader.next();
    reads.push(read);
    if (read.kind !== 'frame') return reads;
  }
}

function split(bytes: Buffer, cuts: number[]): Buffer[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  return [0, ...at].map((start, i) => bytes.subarray(start, at[i] ?? bytes.length)).filter((p) => p.length > 0);
}

describe('FrameReader', () => {
  it('yields every frame whole however the body is split, then end', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ minLength: 1, maxLength: 300 }), { minLength: 0, maxLength: 5 }), fc.array(fc.nat(), { maxLength: 20 }), async (datas, cuts) => {
        const body = Buffer.concat(datas.map((d, i) => encodeFrame(header(i, d.length), d)));
        const reads = await readAll(split(body, cuts));
        expect(reads.at(-1)).toEqual({ kind: 'end' });
        expect(reads.slice(0, -1).map((r) => (r.kind === 'frame' ? [...r.data] : r))).toEqual(datas.map((d) => [...d]));
      }),
    );
  });

  it('gives a verdict, never an exception, on arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), fc.array(fc.nat(), { maxLength: 10 }), async (bytes, cuts) => {
        const reads = await readAll(split(Buffer.from(bytes), cuts), 400);
        const last = reads.at(-1);
        expect(['end', 'malformed', 'tooLarge']).toContain(last?.kind);
      }),
    );
  });

  it('says the body is too large once it passes the limit, and that a cut frame is cut', async () => {
    const data = Buffer.alloc(500, 1);
    const frame = Buffer.from(encodeFrame(header(0, 500), data));
    expect((await readAll([frame], 300)).at(-1)).toMatchObject({ kind: 'tooLarge' });
    expect((await readAll([frame.subarray(0, frame.length - 1)])).at(-1)).toEqual({ kind: 'malformed', message: 'the body ends inside a frame data' });
    expect((await readAll([frame.subarray(0, 2)])).at(-1)).toEqual({ kind: 'malformed', message: 'the body ends inside a frame header length' });
    expect((await readAll([Buffer.from([0, 0, 0, 0])])).at(-1)).toMatchObject({ kind: 'malformed', message: 'a frame header of 0 bytes (1 to 1024)' });
  });
});
