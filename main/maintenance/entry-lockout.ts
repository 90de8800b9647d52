// The lockout of the maintenance entry: after `maxFailures` wrong PINs in a row the entry is locked for `minutes`;
// a right PIN resets the count. Kept in a state file, so restarting the kiosk (pulling the plug) does not reset it.
import { z } from 'zod';
import { readStateFile, writeStateFile } from './state-file';

const LockoutState = z.strictObject({ failures: z.number().int().nonnegative(), lockedUntil: z.number().int().nonnegative().nullable() });
type LockoutState = z.infer<typeof LockoutState>;

export type LockoutCheck = { locked: false; attemptsLeft: number } | { locked: true; until: number };

export class EntryLockout {
  readonly #file: string;
  readonly #policy: { maxFailures: number; minutes: number };
  #state: LockoutState;

  private constructor(file: string, policy: { maxFailures: number; minutes: number }, state: LockoutState) {
    this.#file = file;
    this.#policy = policy;
    this.#state = state;
  }

  /** `onDamaged` is told when the file did not read: the entry then starts locked, as after `maxFailures`. */
  static async open(file: string, policy: { maxFailures: number; minutes: number }, now: number, onDamaged: () => void): Promise<EntryLockout> {
    const read = await readStateFile(file, LockoutState, { failures: 0, lockedUntil: null });
    const lockout = new EntryLockout(file, policy, read.state);
    if (read.problem) {
      // Writes are atomic, so a damaged file was tampered with or the disk is failing: spoiling it must not open the entry.
      onDamaged();
      await lockout.#lock(now);
    }
    return lockout;
  }

  check(now: number): LockoutCheck {
    const until = this.#state.lockedUntil;
    if (until !== null && now < until) return { locked: true, until };
    return { locked: false, attemptsLeft: this.#policy.maxFailures - (until !== null ? 0 : this.#state.failures) };
  }

  /** A wrong PIN: the result says whether that locked the entry. */
  async failed(now: number): Promise<LockoutCheck> {
    const expired = this.#state.lockedUntil !== null && now >= this.#state.lockedUntil;
    const failures = (expired ? 0 : this.#state.failures) + 1;
    if (failures >= this.#policy.maxFailures) await this.#lock(now);
    else await this.#save({ failures, lockedUntil: null });
    return this.check(now);
  }

  async succeeded(): Promise<void> {
    if (this.#state.failures !== 0 || this.#state.lockedUntil !== null) await this.#save({ failures: 0, lockedUntil: null });
  }

  async #lock(now: number): Promise<void> {
    await this.#save({ failures: this.#policy.maxFailures, lockedUntil: now + this.#policy.minutes * 60_000 });
  }

  async #save(state: LockoutState): Promise<void> {
    // Written before the answer: a wrong PIN counts even if the power goes right after.
    await writeStateFile(this.#file, state);
    this.#state = state;
  }
}
