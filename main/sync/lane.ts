// A lane runs one kind of sync work (transactions, uploads, heartbeats) one step at a time, so at most one request
// of its kind is in flight. Between steps it parks until the time its step asked for, or until woken (new work,
// syncNow(), the breaker closing).
import type { Clock, Timer } from './clock';

export type LaneStep =
  /** More to do: run again at once. */
  | { next: 'now' }
  /** Run again at this time (or earlier if woken). */
  | { next: 'at'; at: number }
  /** Nothing to do until woken. */
  | { next: 'wake' };

export interface LaneOptions {
  clock: Clock;
  step: () => Promise<LaneStep>;
  /** A step threw: a bug, or storage failing. The lane logs it and runs again after `errorDelayMs`. */
  onError: (error: unknown) => void;
  errorDelayMs: number;
  /** Called whenever the lane parks or unparks (the agent's idle tracking). */
  onParkedChange: () => void;
}

export class Lane {
  readonly #options: LaneOptions;
  #running: Promise<void> | undefined;
  #stopped = false;
  #woken = false;
  #parked = false;
  #resume: (() => void) | undefined;
  #timer: Timer | undefined;

  constructor(options: LaneOptions) {
    this.#options = options;
  }

  /** Parked: waiting for a time or a wake-up, no step running. */
  get parked(): boolean {
    return this.#parked || this.#running === undefined;
  }

  start(): void {
    this.#running ??= this.#run();
  }

  /** Runs a step soon, even if the last one asked to wait. */
  wake(): void {
    this.#woken = true;
    this.#unpark();
  }

  /** No further steps; resolves once the step under way has finished. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#unpark();
    await this.#running;
  }

  async #run(): Promise<void> {
    const { clock } = this.#options;
    while (!this.#stopped) {
      this.#woken = false;
      let step: LaneStep;
      try {
        step = await this.#options.step();
      } catch (error) {
        this.#options.onError(error);
        step = { next: 'at', at: clock.now() + this.#options.errorDelayMs };
      }
      if (this.#stopped) break;
      if (step.next === 'now' || this.#woken) {
        // Let I/O callbacks and other lanes run between steps.
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      await new Promise<void>((resolve) => {
        this.#resume = resolve;
        this.#parked = true;
        if (step.next === 'at') this.#timer = clock.setTimer(step.at - clock.now(), () => this.#unpark());
        this.#options.onParkedChange();
      });
    }
    this.#parked = true;
    this.#options.onParkedChange();
  }

  #unpark(): void {
    this.#timer?.cancel();
    this.#timer = undefined;
    const resume = this.#resume;
    this.#resume = undefined;
    if (!resume) return;
    this.#parked = false;
    this.#options.onParkedChange();
    resume();
  }
}
