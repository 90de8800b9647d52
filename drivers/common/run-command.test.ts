import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Completion, failure, success } from '../../contracts/device-model';
import { runCommand } from './run-command';

/** A command that settles only when the test says so, and remembers the signal it was given. */
function controllable<T>() {
  let resolve!: (completion: Completion<T>) => void;
  let reject!: (error: unknown) => void;
  let signal: AbortSignal | undefined;
  const body = vi.fn((s: AbortSignal) => {
    signal = s;
    return new Promise<Completion<T>>((res, rej) => {
      resolve = res;
      reject = rej;
    });
  });
  return { body, resolve: (c: Completion<T>) => resolve(c), reject: (e: unknown) => reject(e), signal: () => signal };
}

describe('runCommand', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('completes with what the command returns, and leaves no timer behind', async () => {
    const command = controllable<number>();
    const result = runCommand(command.body, { timeoutMs: 1000, label: 'idcard.read' });
    command.resolve(success(42));
    await expect(result).resolves.toEqual({ code: 'success', value: 42 });
    expect(vi.getTimerCount()).toBe(0);
    expect(command.signal()?.aborted).toBe(false);
  });

  it('passes a failure through unchanged', async () => {
    const result = runCommand(() => failure('userError', 'card removed too early'), { timeoutMs: 1000 });
    await expect(result).resolves.toEqual({ code: 'userError', message: 'card removed too early' });
  });

  it('times out, aborts the command, and ignores its late answer', async () => {
    const command = controllable<number>();
    const result = runCommand(command.body, { timeoutMs: 5000, label: 'idcard.read' });
    await vi.advanceTimersByTimeAsync(4999);
    expect(command.signal()?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(result).resolves.toEqual({ code: 'timeOut', message: 'idcard.read timed out after 5000 ms' });
    expect(command.signal()?.aborted).toBe(true);
    command.resolve(success(1));
    await expect(result).resolves.toMatchObject({ code: 'timeOut' });
  });

  it('a command rejecting after the timeout is no unhandled rejection', async () => {
    const command = controllable<number>();
    const result = runCommand(command.body, { timeoutMs: 10 });
    await vi.advanceTimersByTimeAsync(10);
    command.reject(new Error('port closed'));
    await vi.advanceTimersByTimeAsync(0);
    await expect(result).resolves.toMatchObject({ code: 'timeOut' });
  });

  it('is canceled by the caller, passing the abort on to the command', async () => {
    const command = controllable<number>();
    const caller = new AbortController();
    const result = runCommand(command.body, { timeoutMs: 5000, signal: caller.signal, label: 'print' });
    caller.abort(new Error('session ended'));
    await expect(result).resolves.toEqual({ code: 'canceled', message: 'print canceled' });
    expect(command.signal()?.aborted).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not start a command whose signal is already aborted', async () => {
    const body = vi.fn(() => success(1));
    const result = runCommand(body, { timeoutMs: 1000, signal: AbortSignal.abort() });
    await expect(result).resolves.toMatchObject({ code: 'canceled' });
    expect(body).not.toHaveBeenCalled();
  });

  it('stops listening to the caller signal once settled', async () => {
    const caller = new AbortController();
    const remove = vi.spyOn(caller.signal, 'removeEventListener');
    await runCommand(() => success(1), { timeoutMs: 1000, signal: caller.signal });
    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
    caller.abort();
  });

  it('turns a thrown or rejected error into hardwareError', async () => {
    const thrown = runCommand(
      () => {
        throw new Error('EIO');
      },
      { timeoutMs: 1000, label: 'scan' },
    );
    await expect(thrown).resolves.toEqual({ code: 'hardwareError', message: 'scan failed: EIO' });
    const rejected = runCommand(() => Promise.reject(new Error('EBUSY')), { timeoutMs: 1000, label: 'scan' });
    await expect(rejected).resolves.toEqual({ code: 'hardwareError', message: 'scan failed: EBUSY' });
  });

  it('waits for ever with Infinity, and treats delays beyond what a timer holds the same way', async () => {
    for (const timeoutMs of [Infinity, 2 ** 31]) {
      const command = controllable<string>();
      const result = runCommand(command.body, { timeoutMs });
      expect(vi.getTimerCount()).toBe(0);
      await vi.advanceTimersByTimeAsync(2 ** 31 - 1);
      command.resolve(success('late but fine'));
      await expect(result).resolves.toEqual({ code: 'success', value: 'late but fine' });
    }
  });

  it('refuses a negative or NaN timeout without running the command', async () => {
    const body = vi.fn(() => success(1));
    await expect(runCommand(body, { timeoutMs: -1 })).resolves.toMatchObject({ code: 'invalidData' });
    await expect(runCommand(body, { timeoutMs: Number.NaN })).resolves.toMatchObject({ code: 'invalidData' });
    expect(body).not.toHaveBeenCalled();
  });
});
