import { expect, it } from 'vitest';
import { singleFlight } from './single-flight';

it('shares a run in progress and starts a new one after it settled, also after a failure', async () => {
  let runs = 0;
  let finish: (value: number) => void = () => {};
  const call = singleFlight(() => {
    runs++;
    return new Promise<number>((resolve) => {
      finish = resolve;
    });
  });
  const first = call();
  const second = call();
  expect(second).toBe(first);
  finish(1);
  expect(await second).toBe(1);
  const third = call();
  expect(third).not.toBe(first);
  expect(runs).toBe(2);
  finish(2);
  await third;

  const failing = singleFlight(() => Promise.reject(new Error('down')));
  await expect(failing()).rejects.toThrow('down');
  await expect(failing()).rejects.toThrow('down');
});
