// The open citizen sessions. A kiosk has one screen, so normally there is one; more exist when a screen reloads
// mid-session or a load tool runs sessions side by side. The Node side does not rely on the screen to end them: a
// session unused for `idleMs` is wiped here, and past `maxSessions` the least recently used one is.
import { mkdir, rm } from 'node:fs/promises';
import type { PersonalValues } from '../logging/personal-values';
import { personalStrings } from './card-summary';
import { CitizenSession } from './citizen-session';
import type { ServiceLogger } from './service-logger';

export interface SessionStoreOptions {
  /**
   * Where each session's files go, one folder per session (the kiosk uses `<dataDir>/sessions`). Emptied when the
   * store opens: whatever a crash or power cut left there is personal data of a session that can never end.
   */
  dir: string;
  logger: ServiceLogger;
  /** Milliseconds since the epoch. */
  now?: () => number;
  /** A session with nothing running and unused this long is wiped. Default 15 minutes (the screen's own idle timeout is shorter). */
  idleMs?: number;
  /** Sessions kept open at most; starting one more ends the least recently used. Default 32. */
  maxSessions?: number;
  /** The logger's list of values to keep out of log lines: the cards of open sessions are kept in it. */
  personalValues?: PersonalValues;
}

const DEFAULT_IDLE_MS = 15 * 60 * 1000;
const DEFAULT_MAX_SESSIONS = 32;

export class SessionStore {
  readonly #sessions = new Map<string, CitizenSession>();
  readonly #dir: string;
  readonly #logger: ServiceLogger;
  readonly #now: () => number;
  readonly #idleMs: number;
  readonly #maxSessions: number;
  readonly #personalValues: PersonalValues | undefined;
  readonly #sweeper: ReturnType<typeof setInterval>;
  readonly #ending = new Set<Promise<unknown>>();
  readonly #countListeners = new Set<(open: number) => void>();

  private constructor(options: SessionStoreOptions) {
    this.#dir = options.dir;
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
    this.#idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.#maxSessions = options.maxSessions ?? DEFAULT_MAX_SESSIONS;
    this.#personalValues = options.personalValues;
    this.#sweeper = setInterval(() => void this.sweep(), Math.min(this.#idleMs, 60_000));
    this.#sweeper.unref();
  }

  /** Empties (or makes) the sessions folder, then opens the store. */
  static async open(options: SessionStoreOptions): Promise<SessionStore> {
    await rm(options.dir, { recursive: true, force: true });
    await mkdir(options.dir, { recursive: true, mode: 0o700 });
    return new SessionStore(options);
  }

  start(): CitizenSession {
    const session = new CitizenSession({ parentDir: this.#dir, now: this.#now, onPersonalDataChange: () => this.#refreshPersonalValues() });
    this.#sessions.set(session.id, session);
    this.#countChanged();
    if (this.#sessions.size > this.#maxSessions) {
      const oldest = [...this.#sessions.values()].reduce((a, b) => (b.lastUsedAt < a.lastUsedAt ? b : a));
      this.#logger.warn({ session: oldest.id, open: this.#sessions.size }, 'too many open sessions: the least recently used is wiped');
      void this.end(oldest.id);
    }
    this.#logger.info({ session: session.id }, 'session started');
    return session;
  }

  /** The open session with this id (and marks it used), or undefined when it never was or has ended. */
  get(id: string): CitizenSession | undefined {
    const session = this.#sessions.get(id);
    session?.touch();
    return session;
  }

  /** Wipes the session; false when there was no such open session. */
  async end(id: string): Promise<boolean> {
    const session = this.#sessions.get(id);
    if (!session) return false;
    this.#sessions.delete(id);
    this.#countChanged();
    const ending = session.end().then(
      () => this.#logger.info({ session: id }, 'session ended and wiped'),
      // The folder will be emptied at the next start; the card is dropped already.
      (error: unknown) => this.#logger.error({ session: id, err: error }, 'session wipe incomplete'),
    );
    this.#ending.add(ending);
    await ending;
    this.#ending.delete(ending);
    return true;
  }

  /** Ends sessions idle for longer than `idleMs`; returns how many. */
  async sweep(): Promise<number> {
    const cutoff = this.#now() - this.#idleMs;
    const idle = [...this.#sessions.values()].filter((s) => !s.busy && s.lastUsedAt < cutoff);
    for (const session of idle) this.#logger.info({ session: session.id }, 'session idle too long');
    await Promise.all(idle.map((session) => this.end(session.id)));
    return idle.length;
  }

  get size(): number {
    return this.#sessions.size;
  }

  /** Called with the number of open sessions whenever one starts or ends (remote commands wait for none). */
  onCountChange(listener: (open: number) => void): () => void {
    this.#countListeners.add(listener);
    return () => this.#countListeners.delete(listener);
  }

  #countChanged(): void {
    for (const listener of this.#countListeners) {
      try {
        listener(this.#sessions.size);
      } catch (error) {
        this.#logger.error({ err: error }, 'session count listener failed');
      }
    }
  }

  /** Ends every session and stops the idle sweep. */
  async close(): Promise<void> {
    clearInterval(this.#sweeper);
    await Promise.all([...this.#sessions.keys()].map((id) => this.end(id)));
    await Promise.allSettled([...this.#ending]);
  }

  #refreshPersonalValues(): void {
    if (!this.#personalValues) return;
    // Values of other open sessions stay; those of the session that changed are recomputed.
    this.#personalValues.clear();
    for (const session of this.#sessions.values()) {
      if (session.card) this.#personalValues.add(personalStrings(session.card));
      if (session.qrIdentity) this.#personalValues.add([session.qrIdentity.name, session.qrIdentity.idNumber]);
    }
  }
}
