import { describe, expect, it } from 'vitest';
import { fullJitterDelay, maxRetryAfterMs, parseRetryAfter } from './backoff';

const policy = { baseMs: 1_000, capMs: 60_000 };

describe('fullJitterDelay', () => {
  it('is uniform below a bound that doubles per failure up to the cap', () => {
    expect(fullJitterDelay(policy, 1, () => 0)).toBe(0);
    expect(fullJitterDelay(policy, 1, () => 0.999_999)).toBe(999);
    expect(fullJitterDelay(policy, 3, () => 0.5)).toBe(2_000);
    expect(fullJitterDelay(policy, 7, () => 0.5)).toBe(30_000);
    expect(fullJitterDelay(policy, 8, () => 0.5)).toBe(30_000);
    expect(fullJitterDelay(policy, 5_000, () => 0.999_999)).toBe(59_999);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-01T08:00:00Z');
  it('reads delay-seconds and HTTP-dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Sun, 01 Nov 2026 08:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 01 Nov 2026 07:59:00 GMT', now)).toBe(0);
  });
  it('ignores what it cannot read and caps what is absurd', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('99999999', now)).toBe(maxRetryAfterMs);
  });
});
