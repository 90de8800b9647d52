import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker';

const breaker = () => new CircuitBreaker({ failureThreshold: 3, backoff: { baseMs: 1_000, capMs: 10_000 }, random: () => 0.5 });

describe('CircuitBreaker', () => {
  it('after a failure holds every request until the backoff has passed, then lets all go', () => {
    const b = breaker();
    expect(b.permit(0)).toEqual({ ok: true, probe: false });
    expect(b.failure(0)).toBe(500);
    expect(b.state()).toBe('closed');
    expect(b.permit(499)).toEqual({ ok: false, until: 500 });
    expect(b.permit(500)).toEqual({ ok: true, probe: false });
    expect(b.permit(500)).toEqual({ ok: true, probe: false });
  });

  it('honours a Retry-After longer than its own backoff', () => {
    const b = breaker();
    expect(b.failure(1_000, 120_000)).toBe(121_000);
    expect(b.permit(120_999)).toEqual({ ok: false, until: 121_000 });
  });

  it('opens after the threshold; half-open lets exactly one probe through; its success closes it', () => {
    const b = breaker();
    let now = 0;
    for (let i = 0; i < 3; i++) now = b.failure(now);
    expect(b.state()).toBe('open');
    expect(b.permit(now - 1).ok).toBe(false);
    expect(b.permit(now)).toEqual({ ok: true, probe: true });
    expect(b.state()).toBe('halfOpen');
    expect(b.permit(now)).toEqual({ ok: false, until: null });
    b.success();
    expect(b.state()).toBe('closed');
    expect(b.consecutiveFailures).toBe(0);
    expect(b.permit(now)).toEqual({ ok: true, probe: false });
  });

  it('re-opens on a failed probe with a longer backoff, and a released probe lets another lane try', () => {
    const b = breaker();
    let now = 0;
    for (let i = 0; i < 3; i++) now = b.failure(now);
    const probe = b.permit(now);
    b.release(probe);
    expect(b.permit(now)).toEqual({ ok: true, probe: true });
    const next = b.failure(now);
    expect(b.state()).toBe('open');
    // The 4th failure: half of min(cap, 1 s · 2³).
    expect(next - now).toBe(4_000);
  });
});
