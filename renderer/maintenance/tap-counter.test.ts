import { describe, expect, it } from 'vitest';
import { TapCounter } from './tap-counter';

describe('the hidden entry gesture', () => {
  it('completes on the fifth tap within three seconds', () => {
    const counter = new TapCounter(5, 3000);
    expect([0, 400, 800, 1200].map((t) => counter.tap(t))).toEqual([false, false, false, false]);
    expect(counter.tap(1600)).toBe(true);
    // And starts again after that.
    expect(counter.tap(1700)).toBe(false);
  });

  it('forgets taps older than the window', () => {
    const counter = new TapCounter(5, 3000);
    for (const t of [0, 1000, 2000, 2900]) counter.tap(t);
    // The tap at 0 is now 3 s old: four taps in the window, not five.
    expect(counter.tap(3000)).toBe(false);
    expect(counter.tap(3100)).toBe(true);
  });
});
