// The idle rule of a citizen's session, without React or real time (WCAG 2.2.1, kiosk-practice.md "Sessions"):
// no touch for `warnAfterSeconds` → a warning that counts down `countdownSeconds` → expiry. One simple action
// ("I need more time") extends, as often as wanted; while a device works or the printer prints it never fires.

export interface IdleClock {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export type IdleState =
  /** Counting quietly towards the warning (or paused while busy). */
  | { phase: 'active'; busy: boolean }
  | { phase: 'warning'; remainingSeconds: number }
  | { phase: 'expired' };

export interface IdleTimerOptions {
  clock: IdleClock;
  warnAfterSeconds: number;
  countdownSeconds: number;
  onChange(state: IdleState): void;
}

export class IdleTimer {
  readonly #clock: IdleClock;
  #countdownSeconds: number;
  readonly #onChange: (state: IdleState) => void;
  #warnAfterSeconds: number;
  #state: IdleState = { phase: 'active', busy: false };
  #busy = 0;
  #timer: unknown;
  #extensions = 0;

  constructor(options: IdleTimerOptions) {
    this.#clock = options.clock;
    this.#warnAfterSeconds = options.warnAfterSeconds;
    this.#countdownSeconds = options.countdownSeconds;
    this.#onChange = options.onChange;
    this.#arm();
  }

  get state(): IdleState {
    return this.#state;
  }

  /** How often the citizen asked for more time. */
  get extensions(): number {
    return this.#extensions;
  }

  /** A touch: while counting quietly it starts the wait again; a warning needs the explicit "more time". */
  touch(): void {
    if (this.#state.phase === 'active') this.#arm();
  }

  /** "I need more time": back to the quiet wait, with the whole warn time again. */
  extend(): void {
    if (this.#state.phase !== 'warning') return;
    this.#extensions += 1;
    this.#set({ phase: 'active', busy: false });
    this.#arm();
  }

  /** A device operation or printing started; returns the function that ends it. Nested marks count. */
  markBusy(): () => void {
    this.#busy += 1;
    if (this.#state.phase !== 'expired') {
      this.#clear();
      this.#set({ phase: 'active', busy: true });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#busy -= 1;
      if (this.#busy === 0 && this.#state.phase !== 'expired') {
        this.#set({ phase: 'active', busy: false });
        this.#arm();
      }
    };
  }

  /** New times (a screen's own warn time, a settings push); they apply from a fresh quiet wait. */
  configure(times: { warnAfterSeconds: number; countdownSeconds: number }): void {
    this.#warnAfterSeconds = times.warnAfterSeconds;
    this.#countdownSeconds = times.countdownSeconds;
    if (this.#state.phase === 'active') this.#arm();
  }

  /** After an expiry, for the next citizen: a fresh quiet wait (none while something is still marked busy). */
  restart(): void {
    if (this.#state.phase !== 'expired') return;
    this.#extensions = 0;
    this.#set({ phase: 'active', busy: this.#busy > 0 });
    this.#arm();
  }

  stop(): void {
    this.#clear();
  }

  #arm(): void {
    this.#clear();
    if (this.#busy > 0) return;
    this.#timer = this.#clock.setTimeout(() => this.#tick(this.#countdownSeconds), this.#warnAfterSeconds * 1000);
  }

  #tick(remainingSeconds: number): void {
    if (remainingSeconds <= 0) {
      this.#timer = undefined;
      this.#set({ phase: 'expired' });
      return;
    }
    this.#set({ phase: 'warning', remainingSeconds });
    this.#timer = this.#clock.setTimeout(() => this.#tick(remainingSeconds - 1), 1000);
  }

  #clear(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #set(state: IdleState): void {
    this.#state = state;
    this.#onChange(state);
  }
}
