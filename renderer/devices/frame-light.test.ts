import { describe, expect, it } from 'vitest';
import { averageLuma, lightingOf } from './frame-light';

const frame = (r: number, g: number, b: number, pixels = 4) => new Uint8ClampedArray(Array.from({ length: pixels }, () => [r, g, b, 255]).flat());

describe('frame lighting', () => {
  it('weighs the channels like Rec. 601 luma and ignores alpha', () => {
    expect(averageLuma(frame(255, 255, 255))).toBeCloseTo(255);
    expect(averageLuma(frame(0, 255, 0))).toBeCloseTo(149.685);
    expect(averageLuma(new Uint8ClampedArray(0))).toBe(0);
  });

  it('calls a dark room dark, a burnt-out picture bright, and the rest fine', () => {
    expect(lightingOf(averageLuma(frame(20, 20, 30)))).toBe('dark');
    expect(lightingOf(averageLuma(frame(250, 250, 250)))).toBe('bright');
    expect(lightingOf(averageLuma(frame(22, 84, 111)))).toBe('ok');
  });
});
