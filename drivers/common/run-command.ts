// Runs one device command under a timeout and an optional AbortSignal, and always settles with a Completion.
//
// Environment-neutral (timers and AbortController exist in Node and in browsers). The command receives a signal that
// aborts when the runner gives up on it, so it can stop its I/O; whatever it does afterwards is ignored.
import { type Completion, failure } from '../../contracts/device-model';

/** setTimeout fires at once for delays above 2^31-1 ms; longer waits are treated as "no timeout" instead. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface RunCommandOptions {
  /** Milliseconds before the command completes with `timeOut`; `Infinity` waits for ever. */
  timeoutMs: number;
  /** Aborting it completes the command with `canceled`. */
  signal?: AbortSignal;
  /** Names the command in failure messages, e.g. `idcard.read`. */
  label?: string;
}

export type CommandBody<T> = (signal: AbortSignal) => Promise<Completion<T>> | Completion<T>;

export function runCommand<T>(body: CommandBody<T>, options: RunCommandOptions): Promise<Completion<T>> {
  const { timeoutMs, signal, label = 'command' } = options;
  if (Number.isNaN(timeoutMs) || timeoutMs < 0) {
    return Promise.resolve(failure('invalidData', `${label}: timeout must be a non-negative number of milliseconds`));
  }
  if (signal?.aborted) return Promise.resolve(failure('canceled', `${label} canceled`));

  return new Promise<Completion<T>>((resolve) => {
    const controller = new AbortController();
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const onAbort = (): void => {
      controller.abort(signal?.reason);
      settle(failure('canceled', `${label} canceled`));
    };

    function settle(completion: Completion<T>): void {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(completion);
    }

    signal?.addEventListener('abort', onAbort, { once: true });
    if (timeoutMs <= MAX_TIMER_MS) {
      timer = setTimeout(() => {
        controller.abort(new Error(`${label} timed out`));
        settle(failure('timeOut', `${label} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
    }

    let pending: Promise<Completion<T>>;
    try {
      pending = Promise.resolve(body(controller.signal));
    } catch (error) {
      pending = Promise.reject(error);
    }
    // Both branches are attached, so a command that fails after the runner gave up is no unhandled rejection.
    pending.then(settle, (error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      settle(failure('hardwareError', `${label} failed: ${reason}`));
    });
  });
}
