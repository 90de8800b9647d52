import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Ga467DecodeEvent,
  type Ga467FrameKind,
  Ga467FrameDecoder,
  MAX_LEN,
  encodeCommandFrame,
  encodeFrame,
  encodeResponseFrame,
  xorChecksum,
} from './ga467-frame';

const hex = (text: string): Uint8Array => Uint8Array.from(text.trim().split(/\s+/), (byte) => parseInt(byte, 16));
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

// Verbatim from reference/idcard-ga467.md, "Commands (CMD Para) and full frames". Written out by hand, never produced
// by the encoder under test: if the encoder and a simulator built on it shared a mistake, these would still catch it.
const referenceCommandFrames: [cmd: number, para: number, frame: string][] = [
  [0x10, 0xff, 'AA AA AA 96 69 00 03 10 FF EC'],
  [0x11, 0xff, 'AA AA AA 96 69 00 03 11 FF ED'],
  [0x12, 0xff, 'AA AA AA 96 69 00 03 12 FF EE'],
  [0x20, 0x01, 'AA AA AA 96 69 00 03 20 01 22'],
  [0x20, 0x02, 'AA AA AA 96 69 00 03 20 02 21'],
  [0x30, 0x01, 'AA AA AA 96 69 00 03 30 01 32'],
  [0x30, 0x10, 'AA AA AA 96 69 00 03 30 10 23'],
  [0x30, 0x03, 'AA AA AA 96 69 00 03 30 03 30'],
];

// Bare status replies (Len 00 04, as the reference's framing section says). The 0x41 and 0x32 replies are verbatim from
// public vendor notes on the SAM protocol (softs.im, "nfc读取身份证"); the 0x80 one is worked out by hand from the
// reference: CHK = 00 ^ 04 ^ 00 ^ 00 ^ 80 = 84.
const readFailedReply = hex('AA AA AA 96 69 00 04 00 00 41 45');
const samAuthFailedReply = hex('AA AA AA 96 69 00 04 00 00 32 36');
const noCardReply = hex('AA AA AA 96 69 00 04 00 00 80 84');

// The first 14 bytes of a 30 01 reply, from the reference's "Read reply (30 01): 1295 bytes" table (Len 0x0508,
// SW 00 00 90, text length 256, photo length 1024); the same bytes appear in public vendor notes (eastcoms.com).
const readReplyHeader = hex('AA AA AA 96 69 05 08 00 00 90 01 00 04 00');

/** A 1295-byte read reply: the reference header, 1280 bytes of text and photo, the checksum worked out here. */
function referenceReadReply(): Uint8Array {
  const body = Uint8Array.from({ length: 256 + 1024 }, (_, i) => (i * 7 + 3) & 0xff);
  const frame = concat(readReplyHeader, body, new Uint8Array(1));
  frame[frame.length - 1] = xorChecksum(frame, 5, frame.length - 1);
  return frame;
}

type Events<K extends Ga467FrameKind> = Ga467DecodeEvent<K>[];

function feed<K extends Ga467FrameKind>(decoder: Ga467FrameDecoder<K>, chunks: Uint8Array[]): Events<K> {
  return chunks.flatMap((chunk) => decoder.push(chunk));
}

const frames = <K extends Ga467FrameKind>(events: Events<K>) => events.flatMap((e) => (e.type === 'frame' ? [e.frame] : []));
const errors = <K extends Ga467FrameKind>(events: Events<K>) => events.flatMap((e) => (e.type === 'error' ? [e.error.code] : []));

/** A response frame as plain data, for comparisons. */
const plain = (f: { sw1: number; sw2: number; sw3: number; data: Uint8Array }) => ({ sw: [f.sw1, f.sw2, f.sw3], data: Array.from(f.data) });

function decodeResponses(stream: Uint8Array, cuts: number[] = []): Events<'response'> {
  const decoder = new Ga467FrameDecoder({ expect: 'response' });
  const points = [0, ...cuts.filter((c) => c > 0 && c < stream.length).sort((a, b) => a - b), stream.length];
  return feed(
    decoder,
    points.slice(1).map((end, i) => stream.subarray(points[i], end)),
  );
}

describe('encoding', () => {
  it.each(referenceCommandFrames)('command %i/%i gives the reference frame byte for byte', (cmd, para, frame) => {
    expect(Array.from(encodeCommandFrame(cmd, para))).toEqual(Array.from(hex(frame)));
  });

  it('response frames: bare status replies match the published bytes', () => {
    expect(Array.from(encodeResponseFrame({ sw3: 0x41 }))).toEqual(Array.from(readFailedReply));
    expect(Array.from(encodeResponseFrame({ sw3: 0x32 }))).toEqual(Array.from(samAuthFailedReply));
  });

  it('a read reply built from the reference table is 1295 bytes with Len 0x0508', () => {
    const reply = referenceReadReply();
    expect(reply.length).toBe(1295);
    const rebuilt = encodeResponseFrame({ sw3: 0x90, data: reply.subarray(10, 1294) });
    expect(Array.from(rebuilt)).toEqual(Array.from(reply));
  });

  it('refuses values that are not bytes and bodies too long for Len', () => {
    expect(() => encodeCommandFrame(0x100, 0)).toThrow(RangeError);
    expect(() => encodeResponseFrame({ sw3: -1 })).toThrow(RangeError);
    expect(() => encodeFrame(new Uint8Array(0xffff))).toThrow(RangeError);
  });
});

describe('decoding', () => {
  it.each(referenceCommandFrames)('the simulator side decodes reference command %i/%i', (cmd, para, frame) => {
    const events = new Ga467FrameDecoder({ expect: 'command' }).push(hex(frame));
    expect(events).toEqual([{ type: 'frame', frame: { kind: 'command', cmd, para, data: new Uint8Array(0) } }]);
  });

  it('decodes published status replies', () => {
    const events = decodeResponses(concat(readFailedReply, samAuthFailedReply, noCardReply));
    expect(frames(events).map((f) => f.sw3)).toEqual([0x41, 0x32, 0x80]);
    expect(errors(events)).toEqual([]);
  });

  it('decodes the 1295-byte read reply split at every byte boundary', () => {
    const reply = referenceReadReply();
    const stream = concat(noCardReply, reply, readFailedReply);
    const whole = frames(decodeResponses(stream)).map(plain);
    expect(whole).toHaveLength(3);
    expect(whole[1]?.data).toEqual(Array.from(reply.subarray(10, 1294)));
    for (let cut = 1; cut < stream.length; cut++) {
      const events = decodeResponses(stream, [cut]);
      expect(errors(events)).toEqual([]);
      expect(frames(events).map(plain)).toEqual(whole);
    }
  });

  it('decodes a stream fed one byte at a time', () => {
    const stream = concat(referenceReadReply(), noCardReply);
    const decoder = new Ga467FrameDecoder({ expect: 'response' });
    const events = feed(decoder, Array.from(stream, (b) => Uint8Array.of(b)));
    expect(frames(events).map((f) => f.sw3)).toEqual([0x90, 0x80]);
    expect(decoder.pendingBytes).toBe(0);
  });

  it('skips garbage before, between and after frames, including preamble look-alikes', () => {
    const garbage = hex('00 FF AA AA 96 69 AA 13');
    const stream = concat(garbage, noCardReply, hex('AA AA AA 96'), readFailedReply, garbage);
    const decoder = new Ga467FrameDecoder({ expect: 'response' });
    for (let cut = 1; cut < stream.length; cut++) {
      const events = decodeResponses(stream, [cut]);
      expect(frames(events).map((f) => f.sw3)).toEqual([0x80, 0x41]);
    }
    feed(decoder, [stream]);
    expect(decoder.discardedBytes).toBe(garbage.length + 4 + garbage.length);
  });

  it('finds a preamble preceded by an extra AA', () => {
    const events = decodeResponses(concat(hex('AA'), noCardReply));
    expect(frames(events).map((f) => f.sw3)).toEqual([0x80]);
  });

  it('keeps a preamble split across chunks', () => {
    for (let cut = 1; cut < 7; cut++) {
      expect(frames(decodeResponses(concat(hex('01 02'), noCardReply), [2 + cut])).map((f) => f.sw3)).toEqual([0x80]);
    }
  });

  it('rejects a bad checksum with a typed error and keeps the very next frame', () => {
    const bad = noCardReply.slice();
    bad[bad.length - 1] = 0x85; // the right CHK is 0x84
    for (let cut = 0; cut < bad.length + readFailedReply.length; cut++) {
      const events = decodeResponses(concat(bad, readFailedReply), [cut]);
      expect(events[0]).toEqual({ type: 'error', error: { code: 'badChecksum', length: 4, expected: 0x84, received: 0x85 } });
      expect(frames(events).map((f) => f.sw3)).toEqual([0x41]);
    }
  });

  it('rejects impossible lengths with a typed error and keeps the next frame', () => {
    for (const len of ['00 00', '00 03', '09 0B', 'FF FF']) {
      const events = decodeResponses(concat(hex(`AA AA AA 96 69 ${len}`), noCardReply));
      expect(events[0]).toEqual({ type: 'error', error: { code: 'badLength', length: parseInt(len.replace(' ', ''), 16) } });
      expect(frames(events).map((f) => f.sw3)).toEqual([0x80]);
    }
  });

  it('a command frame read by the host side is an impossible response length, not a frame', () => {
    const events = decodeResponses(hex(referenceCommandFrames[3]?.[2] ?? ''));
    expect(errors(events)).toEqual(['badLength']);
  });

  it('abandons a frame cut short when a complete frame starts inside it, at every chunk boundary', () => {
    const cutShort = referenceReadReply().subarray(0, 600);
    const stream = concat(cutShort, noCardReply);
    for (let cut = 1; cut < stream.length; cut++) {
      const events = decodeResponses(stream, [cut]);
      expect(frames(events).map((f) => f.sw3)).toEqual([0x80]);
      expect(errors(events)).toEqual(['truncated']);
    }
  });

  it('recovers from a dropped byte inside a long reply once the next reply arrives', () => {
    const reply = referenceReadReply();
    const dropped = concat(reply.subarray(0, 700), reply.subarray(701));
    const decoder = new Ga467FrameDecoder({ expect: 'response' });
    expect(frames(decoder.push(dropped))).toEqual([]);
    const events = decoder.push(concat(noCardReply, noCardReply));
    expect(frames(events).map((f) => f.sw3)).toEqual([0x80, 0x80]);
  });

  it('honours a smaller maximum length', () => {
    const decoder = new Ga467FrameDecoder({ expect: 'response', maxLength: 100 });
    expect(errors(decoder.push(referenceReadReply()))).toContain('badLength');
  });

  it('reset drops a pending partial frame', () => {
    const decoder = new Ga467FrameDecoder({ expect: 'response' });
    decoder.push(referenceReadReply().subarray(0, 20));
    expect(decoder.pendingBytes).toBe(20);
    decoder.reset();
    expect(decoder.pendingBytes).toBe(0);
    expect(frames(decoder.push(noCardReply)).map((f) => f.sw3)).toEqual([0x80]);
  });

  it('copes with a large chunk of noise and holds only a possible preamble start afterwards', () => {
    const decoder = new Ga467FrameDecoder({ expect: 'response' });
    const noise = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 31) & 0x7f);
    expect(decoder.push(concat(noise, hex('AA AA')))).toEqual([]);
    expect(decoder.pendingBytes).toBe(2);
    expect(frames(decoder.push(noCardReply.subarray(2))).map((f) => f.sw3)).toEqual([0x80]);
  });
});

// ---- Fuzzing ----

const responseFrameArb = fc
  .record({
    sw1: fc.integer({ min: 0, max: 255 }),
    sw2: fc.integer({ min: 0, max: 255 }),
    sw3: fc.integer({ min: 0, max: 255 }),
    data: fc.uint8Array({ maxLength: 300 }),
  })
  .map((f) => ({ ...f, bytes: encodeResponseFrame(f) }));

/** Sorted cut points splitting a stream into chunks. */
const cutsArb = fc.array(fc.integer({ min: 1, max: 5000 }), { maxLength: 40 });

function isPreambleAt(bytes: Uint8Array, i: number): boolean {
  return bytes[i] === 0xaa && bytes[i + 1] === 0xaa && bytes[i + 2] === 0xaa && bytes[i + 3] === 0x96 && bytes[i + 4] === 0x69;
}

function containsAt(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

describe('fuzzing the decoder', () => {
  it('random and mutated streams: never throws, never hangs, and every frame it emits was really in the stream', () => {
    const mutation = fc.oneof(
      fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
      fc.record({ op: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 20 }) }),
      fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 20 }) }),
      fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 400 }) }),
    );
    const mutatedStream = fc
      .tuple(fc.array(responseFrameArb, { maxLength: 6 }), fc.array(mutation, { maxLength: 8 }))
      .map(([fs, mutations]) => {
        let bytes = concat(...fs.map((f) => f.bytes));
        for (const m of mutations) {
          const at = bytes.length === 0 ? 0 : m.at % bytes.length;
          if (m.op === 'flip' && bytes.length > 0) {
            bytes = bytes.slice();
            bytes[at] = (bytes[at] ?? 0) ^ (1 << m.bit);
          } else if (m.op === 'delete') bytes = concat(bytes.subarray(0, at), bytes.subarray(at + m.count));
          else if (m.op === 'insert') bytes = concat(bytes.subarray(0, at), m.bytes, bytes.subarray(at));
          else if (m.op === 'duplicate') bytes = concat(bytes.subarray(0, at + m.count), bytes.subarray(at));
        }
        return bytes;
      });
    const anyStream = fc.oneof(fc.uint8Array({ maxLength: 3000 }), mutatedStream);

    fc.assert(
      fc.property(anyStream, cutsArb, fc.constantFrom<Ga467FrameKind>('response', 'command'), (stream, cuts, kind) => {
        const decoder = new Ga467FrameDecoder({ expect: kind });
        const points = [0, ...cuts.filter((c) => c < stream.length).sort((a, b) => a - b), stream.length];
        const events = points.slice(1).flatMap((end, i) => decoder.push(stream.subarray(points[i], end)));
        for (const event of events) {
          if (event.type !== 'frame') continue;
          const f = event.frame;
          const bytes =
            f.kind === 'response'
              ? encodeResponseFrame(f)
              : encodeCommandFrame(f.cmd, f.para, f.data);
          expect(containsAt(stream, bytes)).toBe(true);
        }
        expect(decoder.pendingBytes).toBeLessThanOrEqual(Math.max(stream.length, 0));
        expect(decoder.pendingBytes).toBeLessThanOrEqual(7 + MAX_LEN + stream.length);
      }),
      { numRuns: 10_000 },
    );
  }, 120_000);

  it('byte soup interleaved with valid frames: every valid frame comes out exactly once, in order', () => {
    // Soup: noise, preamble fragments, preambles with impossible lengths, whole frames with a corrupted byte after Len,
    // and headers with a plausible Len that reaches into the frames after them (a frame cut short).
    const soupPiece = fc.oneof(
      fc
        .tuple(fc.integer({ min: 4, max: MAX_LEN }), fc.uint8Array({ maxLength: 20 }))
        .map(([len, tail]) => ({ bytes: concat(hex('AA AA AA 96 69'), Uint8Array.of(len >> 8, len & 0xff), tail), preambles: [0] })),
      fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => ({ bytes, preambles: [] as number[] })),
      fc.integer({ min: 1, max: 4 }).map((n) => ({ bytes: hex('AA AA AA 96').subarray(0, n), preambles: [] as number[] })),
      fc
        .oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: MAX_LEN + 1, max: 0xffff }))
        .map((len) => ({ bytes: concat(hex('AA AA AA 96 69'), Uint8Array.of(len >> 8, len & 0xff)), preambles: [0] })),
      fc.tuple(responseFrameArb, fc.nat(), fc.integer({ min: 1, max: 255 })).map(([f, at, xor]) => {
        const bytes = f.bytes.slice();
        const i = 7 + (at % (bytes.length - 7));
        bytes[i] = (bytes[i] ?? 0) ^ xor;
        return { bytes, preambles: [0] };
      }),
    );
    const piece = fc.oneof(
      responseFrameArb.map((f) => ({ valid: f, bytes: f.bytes, preambles: [0] })),
      soupPiece.map((s) => ({ valid: undefined, ...s })),
    );

    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), cutsArb, (pieces, cuts) => {
        const stream = concat(...pieces.map((p) => p.bytes));
        // Only the pieces may hold preambles: one formed across two pieces would be a new, unplanned frame start.
        const planned = new Set<number>();
        let offset = 0;
        for (const p of pieces) {
          for (const at of p.preambles) planned.add(offset + at);
          offset += p.bytes.length;
        }
        for (let i = 0; i < stream.length; i++) fc.pre(!isPreambleAt(stream, i) || planned.has(i));
        // A fake header whose Len happens to span a checksum-valid stretch is a valid frame by the protocol's own rules
        // (a one-byte XOR cannot tell): no decoder could refuse it, so such runs (about 1 in 256 fakes) are skipped.
        const validStarts = new Set<number>();
        offset = 0;
        for (const p of pieces) {
          if (p.valid) validStarts.add(offset);
          offset += p.bytes.length;
        }
        for (const at of planned) {
          if (validStarts.has(at) || at + 7 > stream.length) continue;
          const total = 7 + (((stream[at + 5] ?? 0) << 8) | (stream[at + 6] ?? 0));
          if (at + total <= stream.length) fc.pre(xorChecksum(stream, at + 5, at + total - 1) !== stream[at + total - 1]);
        }

        const expected = pieces.flatMap((p) => (p.valid ? [plain(p.valid)] : []));
        const events = decodeResponses(stream, cuts);
        expect(frames(events).map(plain)).toEqual(expected);
      }),
      { numRuns: 5_000 },
    );
  }, 120_000);
});
