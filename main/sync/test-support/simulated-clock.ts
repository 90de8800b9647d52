// A clock whose time moves only when a test moves it. Timers fire in time order as the test advances past them;
// real I/O (sockets, SQLite) keeps running in real time in between.
import type { Clock, Timer } from '../clock';

interface Pending {
  at: number;
  seq: number;
  callback: () => void;
}

export class SimulatedClock implements Clock {
  #now: number;
  #seq = 0;
  #timers: Pending[] = [];

  constructor(start: number) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimer(delayMs: number, callback: () => void): Timer {
    const pending: Pending = { at: this.#now + Math.max(0, delayMs), seq: this.#seq++, callback };
    this.#timers.push(pending);
    this.#timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    return { cancel: () => (this.#timers = this.#timers.filter((t) => t !== pending)) };
  }

  /** When the earliest timer is due, or undefined when none is set. */
  nextTimerAt(): number | undefined {
    return this.#timers[0]?.at;
  }

  /** Moves time forward by `ms` (or to `until`), firing the timers due on the way, in order. */
  advance(ms: number): void {
    this.advanceTo(this.#now + ms);
  }

  advanceTo(until: number): void {
    for (;;) {
      const next = this.#timers[0];
      if (!next || next.at > until) break;
      this.#timers.shift();
      this.#now = Math.max(this.#now, next.at);
      next.callback();
    }
    this.#now = Math.max(this.#now, until);
  }
}
