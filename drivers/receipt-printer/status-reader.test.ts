import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type StatusKind, decodeStatus, isStatusReply, statusFromFlags } from './printer-status';
import { ReplyMatcher, type StatusReply, StatusReader } from './status-reader';

const LATE_MS = 100;

/** A request through the matcher, recording what it settles with. */
function request(matcher: ReplyMatcher, n: StatusKind, now = 0): StatusReply[] {
  const got: StatusReply[] = [];
  matcher.sent(Uint8Array.of(0x10, 0x04, n), now, LATE_MS, { settle: (reply) => got.push(reply) });
  return got;
}

describe('reply matcher', () => {
  it('matches replies to requests in order and ignores bytes that fail the mask', () => {
    const m = new ReplyMatcher();
    const a = request(m, 1);
    const b = request(m, 4);
    m.received(Uint8Array.of(0x00, 0xff, 0x16, 0x0a, 0x13, 0x7e), 0);
    expect(a).toEqual([{ ok: true, byte: 0x16 }]);
    expect(b).toEqual([{ ok: true, byte: 0x7e }]);
  });

  it('swallows the reply to a 10 04 n hidden in job data (reference: it triggers a reply too)', () => {
    const m = new ReplyMatcher();
    m.sent(Uint8Array.of(0x1d, 0x76, 0x30, 0x00, 0x03, 0x00, 0x01, 0x00, 0x10, 0x04, 0x02), 0, LATE_MS);
    const a = request(m, 4);
    m.received(Uint8Array.of(0x12), 0);
    expect(a).toEqual([]);
    m.received(Uint8Array.of(0x72), 0);
    expect(a).toEqual([{ ok: true, byte: 0x72 }]);
  });

  it('finds a hidden sequence split across writes', () => {
    const m = new ReplyMatcher();
    m.sent(Uint8Array.of(0xaa, 0x10), 0, LATE_MS);
    m.sent(Uint8Array.of(0x04), 0, LATE_MS);
    m.sent(Uint8Array.of(0x03, 0x55), 0, LATE_MS);
    expect(m.pendingPhantoms(0)).toBe(1);
    expect(m.pendingPhantoms(LATE_MS)).toBe(0);
  });

  it('keeps the place of a timed-out request, so a late reply does not go to the next one', () => {
    const m = new ReplyMatcher();
    const late: StatusReply[] = [];
    const settle = (reply: StatusReply): void => void late.push(reply);
    m.sent(Uint8Array.of(0x10, 0x04, 0x01), 0, LATE_MS, { settle });
    m.giveUp(settle, 'timeout', 0, LATE_MS);
    expect(late).toEqual([{ ok: false, reason: 'timeout' }]);
    const next = request(m, 2, 10);
    m.received(Uint8Array.of(0x1a), 20); // the late reply to the first request
    expect(next).toEqual([]);
    m.received(Uint8Array.of(0x16), 30);
    expect(next).toEqual([{ ok: true, byte: 0x16 }]);
    expect(late).toHaveLength(1);
  });

  it('fails pending requests when the line goes away', () => {
    const m = new ReplyMatcher();
    const a = request(m, 3);
    m.reset();
    expect(a).toEqual([{ ok: false, reason: 'closed' }]);
  });
});

describe('status reader fuzz', () => {
  const junk = fc.integer({ min: 0, max: 255 }).filter((b) => !isStatusReply(b));
  const reply = fc.integer({ min: 0, max: 255 }).filter(isStatusReply);

  it('answers with the true status whatever noise failing the mask comes between replies (10,000 runs)', () => {
    fc.assert(
      fc.property(fc.tuple(reply, reply, reply, reply), fc.array(fc.array(junk, { maxLength: 6 }), { minLength: 5, maxLength: 5 }), (truth, noise) => {
        const m = new ReplyMatcher();
        const got = ([1, 2, 3, 4] as const).map((n) => request(m, n));
        const stream = [...(noise[0] ?? [])];
        truth.forEach((byte, i) => stream.push(byte, ...(noise[i + 1] ?? [])));
        m.received(Uint8Array.from(stream), 0);
        expect(got).toEqual(truth.map((byte) => [{ ok: true, byte }]));
        const [b1, b2, b3, b4] = got.map((replies) => (replies[0]?.ok ? replies[0].byte : -1)) as [number, number, number, number];
        const mapping = { paperLowSensor: true, hasCutter: true };
        expect(statusFromFlags(decodeStatus({ 1: b1, 2: b2, 3: b3, 4: b4 }), mapping)).toEqual(
          statusFromFlags(decodeStatus({ 1: truth[0], 2: truth[1], 3: truth[2], 4: truth[3] }), mapping),
        );
      }),
      { numRuns: 10_000 },
    );
  });

  it('never crashes, never settles twice and never hands out a byte failing the mask on random and mutated streams (10,000 runs)', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('request' as const), n: fc.constantFrom(1, 2, 3, 4) as fc.Arbitrary<StatusKind> }),
      fc.record({ kind: fc.constant('send' as const), bytes: fc.uint8Array({ maxLength: 20 }) }),
      fc.record({ kind: fc.constant('receive' as const), bytes: fc.uint8Array({ maxLength: 20 }) }),
      fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 200 }) }),
      fc.record({ kind: fc.constant('giveUp' as const), index: fc.nat() }),
      fc.record({ kind: fc.constant('reset' as const) }),
    );
    // Mutations of a realistic exchange: requests, raster data with hidden 10 04 n, replies.
    const realistic = Uint8Array.of(0x10, 0x04, 0x01, 0x12, 0x1d, 0x76, 0x30, 0x00, 0x10, 0x04, 0x04, 0x72, 0x16, 0x7e);
    const mutated = fc.array(fc.tuple(fc.nat(realistic.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 5 }).map((edits) => {
      const bytes = Uint8Array.from(realistic);
      for (const [at, value] of edits) bytes[at] = value;
      return [
        { kind: 'send' as const, bytes: bytes.subarray(0, 11) },
        { kind: 'request' as const, n: 2 as StatusKind },
        { kind: 'receive' as const, bytes: bytes.subarray(3) },
      ];
    });
    fc.assert(
      fc.property(fc.oneof(fc.array(op, { maxLength: 30 }), mutated), (ops) => {
        const m = new ReplyMatcher();
        let now = 0;
        const settles: { settle: (reply: StatusReply) => void; got: StatusReply[] }[] = [];
        for (const o of ops) {
          if (o.kind === 'request') {
            const got: StatusReply[] = [];
            const settle = (r: StatusReply): void => void got.push(r);
            settles.push({ settle, got });
            m.sent(Uint8Array.of(0x10, 0x04, o.n), now, LATE_MS, { settle });
          } else if (o.kind === 'send') m.sent(o.bytes, now, LATE_MS);
          else if (o.kind === 'receive') m.received(o.bytes, now);
          else if (o.kind === 'tick') now += o.ms;
          else if (o.kind === 'giveUp') {
            const s = settles[o.index % Math.max(1, settles.length)];
            if (s) m.giveUp(s.settle, 'timeout', now, LATE_MS);
          } else m.reset();
        }
        m.reset();
        for (const { got } of settles) {
          expect(got).toHaveLength(1);
          const [r] = got;
          if (r?.ok) expect(isStatusReply(r.byte)).toBe(true);
        }
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('status reader over a fake line', () => {
  it('times out a request nobody answers, and cancels on abort', async () => {
    const reader = new StatusReader({ send: async () => {}, replyTimeoutMs: 20 });
    expect(await reader.request(1)).toEqual({ ok: false, reason: 'timeout' });
    const controller = new AbortController();
    const pending = reader.request(2, controller.signal);
    controller.abort();
    expect(await pending).toEqual({ ok: false, reason: 'canceled' });
  });

  it('fails a request whose bytes cannot be written', async () => {
    const reader = new StatusReader({ send: () => Promise.reject(new Error('not connected')), replyTimeoutMs: 1_000 });
    expect(await reader.request(1)).toEqual({ ok: false, reason: 'timeout' });
  });

  it('answers from the bytes the printer sends', async () => {
    let reader: StatusReader | undefined = undefined;
    reader = new StatusReader({
      send: async (bytes) => {
        if (bytes[0] === 0x10) setTimeout(() => reader?.receive(Uint8Array.of(0x00, 0x1e)), 1);
      },
      replyTimeoutMs: 1_000,
    });
    expect(await reader.request(4)).toEqual({ ok: true, byte: 0x1e });
  });
});
