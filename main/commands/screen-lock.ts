// The screen lock that remote commands set (lock / unlock, maintenance on / off): kept in a file so a restart or a
// power cut does not unlock a terminal ops locked, and told to the screen as the `screen.lockChanged` event.
import path from 'node:path';
import { ScreenLock } from '../../contracts/remote-screen';
import { readStateFile, writeStateFile } from '../maintenance/state-file';
import type { ServiceLogger } from '../services/service-logger';

const unlocked: ScreenLock = { locked: false };

export class ScreenLockState {
  readonly #file: string;
  readonly #listeners = new Set<(lock: ScreenLock) => void>();
  #lock: ScreenLock;

  private constructor(file: string, lock: ScreenLock) {
    this.#file = file;
    this.#lock = lock;
  }

  /** Reads `<dir>/screen-lock.json`; a damaged file reads as locked, so a terminal ops locked stays locked. */
  static async open(dir: string, logger: ServiceLogger): Promise<ScreenLockState> {
    const file = path.join(dir, 'screen-lock.json');
    const read = await readStateFile(file, ScreenLock, unlocked);
    if (read.problem) logger.error({ file }, 'screen lock file damaged: the screen stays locked until ops unlock it');
    return new ScreenLockState(file, read.problem ? { locked: true, reason: 'remote', message: null } : read.state);
  }

  get current(): ScreenLock {
    return this.#lock;
  }

  /** Stores the lock durably, then tells listeners. */
  async set(lock: ScreenLock): Promise<void> {
    await writeStateFile(this.#file, lock);
    this.#lock = lock;
    for (const listener of this.#listeners) listener(lock);
  }

  onChange(listener: (lock: ScreenLock) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
