import { describe, expect, it } from 'vitest';
import { Lane, type LaneStep } from './lane';
import { SimulatedClock } from './test-support/simulated-clock';

function lane(clock: SimulatedClock, steps: (() => LaneStep | Promise<LaneStep>)[], errors: unknown[] = []) {
  let count = 0;
  const l = new Lane({
    clock,
    step: async () => (steps[count++] ?? (() => ({ next: 'wake' }) as LaneStep))(),
    onError: (error) => errors.push(error),
    errorDelayMs: 1_000,
    onParkedChange: () => {},
  });
  return { lane: l, count: () => count };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('Lane', () => {
  it('runs again at once, at the time asked, or when woken', async () => {
    const clock = new SimulatedClock(0);
    const { lane: l, count } = lane(clock, [() => ({ next: 'now' }), () => ({ next: 'at', at: 500 }), () => ({ next: 'wake' })]);
    l.start();
    await settle();
    expect(count()).toBe(2);
    expect(l.parked).toBe(true);
    clock.advance(499);
    await settle();
    expect(count()).toBe(2);
    clock.advance(1);
    await settle();
    expect(count()).toBe(3);
    l.wake();
    await settle();
    expect(count()).toBe(4);
    await l.stop();
  });

  it('a wake-up during a step makes the next one run at once', async () => {
    const clock = new SimulatedClock(0);
    let wakeDuringStep: () => void = () => {};
    const { lane: l, count } = lane(clock, [
      () => {
        wakeDuringStep();
        return { next: 'at', at: 60_000 };
      },
    ]);
    wakeDuringStep = () => l.wake();
    l.start();
    await settle();
    expect(count()).toBe(2);
    await l.stop();
  });

  it('survives a step that throws: reports it and tries again after the error delay', async () => {
    const clock = new SimulatedClock(0);
    const errors: unknown[] = [];
    const { lane: l, count } = lane(
      clock,
      [
        () => {
          throw new Error('disk gone');
        },
      ],
      errors,
    );
    l.start();
    await settle();
    expect(errors).toHaveLength(1);
    expect(count()).toBe(1);
    clock.advance(1_000);
    await settle();
    expect(count()).toBe(2);
    await l.stop();
  });

  it('stop() waits for the step under way and runs no other', async () => {
    const clock = new SimulatedClock(0);
    let finish: () => void = () => {};
    const { lane: l, count } = lane(clock, [() => new Promise<LaneStep>((resolve) => (finish = () => resolve({ next: 'now' })))]);
    l.start();
    await settle();
    let stopped = false;
    const stopping = l.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(count()).toBe(1);
  });
});
