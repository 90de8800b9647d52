import { expect, it } from 'vitest';
import { SimulatedClock } from './simulated-clock';

it('fires timers in time order as time is advanced past them, and not cancelled ones', () => {
  const clock = new SimulatedClock(1_000);
  const fired: string[] = [];
  clock.setTimer(300, () => fired.push(`b@${clock.now()}`));
  clock.setTimer(100, () => fired.push(`a@${clock.now()}`));
  const cancelled = clock.setTimer(200, () => fired.push('never'));
  clock.setTimer(300, () => fired.push(`c@${clock.now()}`));
  cancelled.cancel();
  expect(clock.nextTimerAt()).toBe(1_100);
  clock.advance(250);
  expect(fired).toEqual(['a@1100']);
  expect(clock.now()).toBe(1_250);
  clock.advanceTo(10_000);
  expect(fired).toEqual(['a@1100', 'b@1300', 'c@1300']);
  expect(clock.nextTimerAt()).toBeUndefined();
});

it('runs a timer set by a firing timer when it falls within the same advance', () => {
  const clock = new SimulatedClock(0);
  const fired: number[] = [];
  clock.setTimer(10, () => clock.setTimer(10, () => fired.push(clock.now())));
  clock.advance(25);
  expect(fired).toEqual([20]);
});
