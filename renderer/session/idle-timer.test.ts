import { describe, expect, it } from 'vitest';
import { type IdleClock, type IdleState, IdleTimer } from './idle-timer';

/** A clock that moves only when the test says so. */
class ManualClock implements IdleClock {
  #now = 0;
  #next = 1;
  #timers = new Map<number, { at: number; run: () => void }>();

  setTimeout(run: () => void, ms: number): unknown {
    const id = this.#next++;
    this.#timers.set(id, { at: this.#now + ms, run });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  advance(seconds: number): void {
    const until = this.#now + seconds * 1000;
    for (;;) {
      const due = [...this.#timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.#timers.delete(due[0]);
      this.#now = due[1].at;
      due[1].run();
    }
    this.#now = until;
  }

  get pending(): number {
    return this.#timers.size;
  }
}

function setup(warnAfterSeconds = 60, countdownSeconds = 20) {
  const clock = new ManualClock();
  const states: IdleState[] = [];
  const timer = new IdleTimer({ clock, warnAfterSeconds, countdownSeconds, onChange: (s) => states.push(s) });
  return { clock, states, timer };
}

describe('IdleTimer', () => {
  it('warns after the quiet time, counts down every second, then expires', () => {
    const { clock, states, timer } = setup(60, 20);
    clock.advance(59);
    expect(timer.state).toEqual({ phase: 'active', busy: false });
    clock.advance(1);
    expect(timer.state).toEqual({ phase: 'warning', remainingSeconds: 20 });
    clock.advance(19);
    expect(timer.state).toEqual({ phase: 'warning', remainingSeconds: 1 });
    clock.advance(1);
    expect(timer.state).toEqual({ phase: 'expired' });
    expect(states.filter((s) => s.phase === 'warning')).toHaveLength(20);
    expect(clock.pending).toBe(0);
  });

  it('a touch while counting quietly starts the wait again; a touch during the warning does not dismiss it', () => {
    const { clock, timer } = setup(60, 20);
    clock.advance(50);
    timer.touch();
    clock.advance(50);
    expect(timer.state.phase).toBe('active');
    clock.advance(10);
    expect(timer.state.phase).toBe('warning');
    timer.touch();
    clock.advance(20);
    expect(timer.state.phase).toBe('expired');
  });

  it('"more time" works at least 10 times, each giving the whole wait again', () => {
    const { clock, timer } = setup(30, 20);
    for (let i = 0; i < 12; i++) {
      clock.advance(30 + 19);
      expect(timer.state).toEqual({ phase: 'warning', remainingSeconds: 1 });
      timer.extend();
      expect(timer.state).toEqual({ phase: 'active', busy: false });
    }
    expect(timer.extensions).toBe(12);
    clock.advance(30 + 20);
    expect(timer.state.phase).toBe('expired');
    timer.extend();
    expect(timer.state.phase).toBe('expired');
  });

  it('never fires while busy, even for far longer than the wait; the wait restarts when the work ends', () => {
    const { clock, timer } = setup(60, 20);
    clock.advance(55);
    const release = timer.markBusy();
    const releaseNested = timer.markBusy();
    clock.advance(3600);
    expect(timer.state).toEqual({ phase: 'active', busy: true });
    release();
    release();
    clock.advance(3600);
    expect(timer.state.phase).toBe('active');
    releaseNested();
    expect(timer.state).toEqual({ phase: 'active', busy: false });
    clock.advance(59);
    expect(timer.state.phase).toBe('active');
    clock.advance(1);
    expect(timer.state.phase).toBe('warning');
  });

  it('work starting during the warning takes the warning away', () => {
    const { clock, timer } = setup(60, 20);
    clock.advance(65);
    expect(timer.state.phase).toBe('warning');
    const release = timer.markBusy();
    expect(timer.state).toEqual({ phase: 'active', busy: true });
    clock.advance(100);
    release();
    clock.advance(60 + 20);
    expect(timer.state.phase).toBe('expired');
  });

  it('a screen may set its own warn time', () => {
    const { clock, timer } = setup(90, 20);
    timer.configure({ warnAfterSeconds: 15, countdownSeconds: 25 });
    clock.advance(15);
    expect(timer.state).toEqual({ phase: 'warning', remainingSeconds: 25 });
  });

  it('restarts after an expiry for the next citizen, with the extensions counted afresh', () => {
    const { clock, timer } = setup(10, 20);
    clock.advance(10);
    timer.extend();
    clock.advance(30);
    expect(timer.state.phase).toBe('expired');
    timer.restart();
    expect([timer.state, timer.extensions]).toEqual([{ phase: 'active', busy: false }, 0]);
    clock.advance(10);
    expect(timer.state.phase).toBe('warning');
  });

  it('stop() leaves no timer behind', () => {
    const { clock, timer } = setup();
    timer.stop();
    expect(clock.pending).toBe(0);
    clock.advance(1000);
    expect(timer.state.phase).toBe('active');
  });
});
