import { describe, expect, it } from 'vitest';
import { RecoveryPolicy, defaultRecoveryPolicyOptions } from './recovery-policy';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('RecoveryPolicy', () => {
  it('defaults to 5 s cooldown and 3 reloads', () => {
    expect(defaultRecoveryPolicyOptions).toMatchObject({ cooldownMs: 5_000, maxAttempts: 3 });
  });

  it('reloads at once after the first failure', () => {
    const policy = new RecoveryPolicy({}, clock().now);
    expect(policy.decide()).toEqual({ action: 'reload', delayMs: 0, attempt: 1 });
  });

  it('keeps reloads at least the cooldown apart', () => {
    const c = clock();
    const policy = new RecoveryPolicy({ cooldownMs: 5_000 }, c.now);
    policy.decide();
    c.advance(1_000);
    expect(policy.decide()).toEqual({ action: 'reload', delayMs: 4_000, attempt: 2 });
    c.advance(10_000);
    expect(policy.decide()).toEqual({ action: 'reload', delayMs: 0, attempt: 3 });
  });

  it('shows the fallback on the failure after the cap, and reports it once', () => {
    const c = clock();
    const policy = new RecoveryPolicy({ cooldownMs: 5_000, maxAttempts: 3, windowMs: 60_000 }, c.now);
    for (let i = 0; i < 3; i++) {
      expect(policy.decide().action).toBe('reload');
      c.advance(6_000);
    }
    expect(policy.decide()).toEqual({ action: 'fallback', delayMs: 0, attempts: 3, first: true });
    expect(policy.givenUp).toBe(true);
    // The fallback page's own renderer may die too; it is shown again, but the give-up is not reported twice.
    c.advance(1_000);
    expect(policy.decide()).toMatchObject({ action: 'fallback', delayMs: 4_000, first: false });
  });

  it('forgets reloads older than the window', () => {
    const c = clock();
    const policy = new RecoveryPolicy({ cooldownMs: 0, maxAttempts: 2, windowMs: 60_000 }, c.now);
    policy.decide();
    c.advance(30_000);
    policy.decide();
    c.advance(31_000);
    // The first reload is 61 s old now: only one counts.
    expect(policy.decide()).toEqual({ action: 'reload', delayMs: 0, attempt: 2 });
    c.advance(1_000);
    expect(policy.decide().action).toBe('fallback');
  });

  it('counts a scheduled reload from when it will happen, not when it was decided', () => {
    const c = clock();
    const policy = new RecoveryPolicy({ cooldownMs: 10_000, maxAttempts: 2, windowMs: 15_000 }, c.now);
    policy.decide(); // at t=0
    policy.decide(); // scheduled for t=10 s
    c.advance(20_000);
    // At t=20 s the t=0 reload is out of the window but the t=10 s one is not.
    expect(policy.decide()).toEqual({ action: 'reload', delayMs: 0, attempt: 2 });
  });

  it('starts over after reset, still honouring the cooldown', () => {
    const c = clock();
    const policy = new RecoveryPolicy({ cooldownMs: 5_000, maxAttempts: 1 }, c.now);
    policy.decide();
    c.advance(6_000);
    expect(policy.decide().action).toBe('fallback');
    policy.reset();
    expect(policy.givenUp).toBe(false);
    expect(policy.decide()).toEqual({ action: 'reload', delayMs: 5_000, attempt: 1 });
  });

  it('with maxAttempts 0 goes straight to the fallback', () => {
    expect(new RecoveryPolicy({ maxAttempts: 0 }, clock().now).decide()).toMatchObject({ action: 'fallback', first: true });
  });

  it('refuses nonsense options', () => {
    expect(() => new RecoveryPolicy({ cooldownMs: -1 })).toThrow(RangeError);
    expect(() => new RecoveryPolicy({ maxAttempts: 1.5 })).toThrow(RangeError);
    expect(() => new RecoveryPolicy({ windowMs: Number.NaN })).toThrow(RangeError);
  });
});
