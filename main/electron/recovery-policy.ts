// When to reload a failed renderer and when to give up: a pure class with an injected clock, so every rule is
// testable without timers. renderer-recovery.ts applies its decisions to the window.
//
// Rules: recovery actions are at least `cooldownMs` apart (a crash loop cannot spin), at most `maxAttempts` reloads
// happen within `windowMs`, and the next failure after that shows the fallback page. reset() starts over, e.g. when
// staff or the platform ask for a reload, or a later retry from the fallback page.

export interface RecoveryPolicyOptions {
  /** Minimum time between two recovery actions. */
  cooldownMs: number;
  /** Reloads allowed within `windowMs` before the fallback page is shown. */
  maxAttempts: number;
  /** How far back reloads count against `maxAttempts`. */
  windowMs: number;
}

export const defaultRecoveryPolicyOptions: Readonly<RecoveryPolicyOptions> = {
  cooldownMs: 5_000,
  maxAttempts: 3,
  // Three failures in ten minutes is a broken renderer, not bad luck.
  windowMs: 10 * 60_000,
};

export type RecoveryDecision =
  | { action: 'reload'; delayMs: number; attempt: number }
  /** `first` is true when this failure is the one that gives up: the moment to tell someone. */
  | { action: 'fallback'; delayMs: number; attempts: number; first: boolean };

export class RecoveryPolicy {
  readonly options: Readonly<RecoveryPolicyOptions>;
  readonly #now: () => number;
  /** When each reload in the current window was (or is scheduled to be) done. */
  #reloads: number[] = [];
  #lastActionAt = Number.NEGATIVE_INFINITY;
  #givenUp = false;

  constructor(options: Partial<RecoveryPolicyOptions> = {}, now: () => number = Date.now) {
    this.options = { ...defaultRecoveryPolicyOptions, ...options };
    if (!(this.options.cooldownMs >= 0 && this.options.windowMs >= 0 && Number.isInteger(this.options.maxAttempts) && this.options.maxAttempts >= 0)) {
      throw new RangeError('recovery policy: cooldownMs and windowMs must be >= 0, maxAttempts a non-negative integer');
    }
    this.#now = now;
  }

  /** Whether the fallback page is (or is about to be) showing. */
  get givenUp(): boolean {
    return this.#givenUp;
  }

  /** Decides what to do about one failure incident, and records the action as done at `now + delayMs`. */
  decide(): RecoveryDecision {
    const now = this.#now();
    const actionAt = Math.max(now, this.#lastActionAt + this.options.cooldownMs);
    const delayMs = actionAt - now;
    this.#lastActionAt = actionAt;
    this.#reloads = this.#reloads.filter((at) => at > now - this.options.windowMs);

    if (this.#givenUp) return { action: 'fallback', delayMs, attempts: this.#reloads.length, first: false };
    if (this.#reloads.length >= this.options.maxAttempts) {
      this.#givenUp = true;
      return { action: 'fallback', delayMs, attempts: this.#reloads.length, first: true };
    }
    this.#reloads.push(actionAt);
    return { action: 'reload', delayMs, attempt: this.#reloads.length };
  }

  /** Forgets past failures: the next one reloads again. The cooldown still holds. */
  reset(): void {
    this.#reloads = [];
    this.#givenUp = false;
  }
}
