// Runs remote commands (contracts/remote-operations.ts): a heartbeat answer names pending command ids, the runner
// fetches the commands, runs each in order at a safe moment — a disruptive one (reload, restart, reboot, lock) never
// while a citizen's session is open: it waits until the last session has ended — records the result in the journal
// and reports it. A command the journal knows is reported again, never run again (idempotent by command id).
import type { CommandResultAnswer, CommandResultRequest, PendingCommandsAnswer, RemoteCommand, RemoteCommandKind } from '../../contracts/remote-operations';
import type { ServiceLogger } from '../services/service-logger';
import type { SyncResult } from '../sync/sync-client';
import { describeFailure } from '../sync/failures';
import type { CommandJournal } from './command-journal';

/** The platform side: `SyncClient.request('pendingCommands' | 'commandResult', …)`. */
export interface CommandSource {
  pending(): Promise<SyncResult<PendingCommandsAnswer>>;
  report(id: string, result: CommandResultRequest): Promise<SyncResult<CommandResultAnswer>>;
}

/** Open citizen sessions (main/services SessionStore). */
export interface SessionActivity {
  readonly size: number;
  onCountChange(listener: (open: number) => void): () => void;
}

export type CommandRun = Omit<CommandResultRequest, 'finishedAt'> & {
  /** Runs after the result is recorded and reported: a restart must not cut its own report short. */
  after?: () => Promise<void> | void;
};

export type CommandHandlers = Record<RemoteCommandKind, (command: RemoteCommand) => Promise<CommandRun>>;

/** What must wait until no citizen is using the terminal. */
export const disruptiveKinds: ReadonlySet<RemoteCommandKind> = new Set(['reloadUi', 'restartApp', 'reboot', 'lock', 'maintenanceOn']);

export interface CommandRunnerOptions {
  source: CommandSource;
  handlers: CommandHandlers;
  sessions: SessionActivity;
  journal: CommandJournal;
  logger: ServiceLogger;
  now?: () => number;
}

export class CommandRunner {
  readonly #options: CommandRunnerOptions;
  readonly #now: () => number;
  #cycle: Promise<void> | null = null;
  #again = false;
  #stopped = false;
  #wake: (() => void) | null = null;
  #waiting: RemoteCommand | null = null;

  constructor(options: CommandRunnerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** The command waiting for the last session to end, if any (for status and tests). */
  get waitingFor(): RemoteCommand | null {
    return this.#waiting;
  }

  /** From each heartbeat answer: pending ids at the platform. Also reports results whose report was lost. */
  announce(ids: readonly string[]): void {
    if (this.#stopped || (ids.length === 0 && this.#options.journal.unreported().length === 0)) return;
    if (this.#cycle) {
      this.#again = true;
      return;
    }
    this.#cycle = this.#work()
      .catch((error: unknown) => this.#options.logger.error({ err: error }, 'remote commands failed'))
      .finally(() => {
        this.#cycle = null;
      });
  }

  /** Resolves when the current round (if any) is over. */
  async settled(): Promise<void> {
    while (this.#cycle) await this.#cycle;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    await this.settled();
  }

  async #work(): Promise<void> {
    const { source, journal, logger } = this.#options;
    do {
      this.#again = false;
      for (const entry of journal.unreported()) await this.#report(entry.id, entry.result);
      const fetched = await source.pending();
      if (!fetched.ok) {
        logger.warn({ reason: describeFailure(fetched.failure) }, 'remote commands could not be fetched; the next heartbeat tries again');
        return;
      }
      for (const command of fetched.value.commands) {
        if (this.#stopped) return;
        const known = journal.get(command.id);
        if (known) {
          if (!known.reported) await this.#report(command.id, known.result);
          continue;
        }
        if (disruptiveKinds.has(command.kind) && !(await this.#safeMoment(command))) return;
        await this.#runOne(command);
      }
    } while (this.#again && !this.#stopped);
  }

  async #runOne(command: RemoteCommand): Promise<void> {
    const { handlers, journal, logger } = this.#options;
    let run: CommandRun;
    try {
      run = await handlers[command.kind](command);
    } catch (error) {
      run = { outcome: 'failed', detail: error instanceof Error ? error.message.slice(0, 500) : 'the command failed' };
    }
    const { after, ...rest } = run;
    const result: CommandResultRequest = { ...rest, finishedAt: new Date(this.#now()).toISOString() };
    await journal.record(command.id, result);
    logger.info({ command: command.id, kind: command.kind, outcome: result.outcome }, 'remote command run');
    await this.#report(command.id, result);
    await after?.();
  }

  async #report(id: string, result: CommandResultRequest): Promise<void> {
    const { source, journal, logger } = this.#options;
    const answer = await source.report(id, result);
    if (answer.ok) {
      await journal.markReported(id);
      return;
    }
    // Refused for good (the command is gone): nothing to retry. Anything else: the next heartbeat reports it again.
    if (answer.failure.kind === 'refused' && answer.failure.status === 404) {
      await journal.markReported(id);
      logger.warn({ command: id }, 'the platform does not know this command any more; its result is dropped');
      return;
    }
    logger.warn({ command: id, reason: describeFailure(answer.failure) }, 'remote command result not delivered; reported again later');
  }

  /** Waits until no citizen session is open; false when stopped meanwhile. */
  async #safeMoment(command: RemoteCommand): Promise<boolean> {
    const { sessions, logger } = this.#options;
    if (sessions.size === 0) return true;
    this.#waiting = command;
    logger.info({ command: command.id, kind: command.kind, open: sessions.size }, 'remote command waits for the citizen session to end');
    await new Promise<void>((resolve) => {
      const stop = sessions.onCountChange((open) => {
        if (open === 0) done();
      });
      const done = () => {
        stop();
        this.#wake = null;
        resolve();
      };
      this.#wake = done;
    });
    this.#waiting = null;
    return !this.#stopped;
  }
}
