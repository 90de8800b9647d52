// The kiosk's logger: pino writing JSON lines to size-rotated files (dir/kiosk.N.log), with personal data removed on
// every path a value can take into a line.
//
// Where redaction happens, and why each place is needed:
//   hooks.logMethod    the arguments of every call: merge object, message, printf arguments, an Error given first
//                      (pino takes the line's message from it before any formatter runs);
//   formatters.log     the merge object after `mixin`;
//   child/setBindings  child bindings: pino runs formatters.bindings only for the root's base bindings;
//   formatters.bindings  those base bindings;
//   serializers.err    an error under `err`;
//   hooks.streamWrite  the finished line, as a last net: every string in it is scanned again for patterns and known
//                      values, which catches text composed after the other hooks (printf joining two harmless halves
//                      of a number, a child's msgPrefix).
// redact() is idempotent, so values passing two of these places come out the same.
import { fsync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type DestinationStream, type LevelWithSilent, type LogFn, type Logger, pino } from 'pino';
import pinoRoll from 'pino-roll';
import { PersonalValues } from './personal-values';
import { redact, redactString } from './redact';

export interface LoggerOptions {
  /** Directory of the log files; created if missing. */
  dir: string;
  level: LevelWithSilent;
  /** A file is rotated when it reaches this size (fractions allowed). */
  maxFileSizeMb: number;
  /** Files kept, the one being written included (at least 2); the oldest are deleted, also those of earlier runs. */
  maxFiles: number;
  /** Also write every line here, e.g. stdout during development. Not closed by close(). */
  extraDestination?: DestinationStream;
  /** A write or rotation failure. Logging never throws into the kiosk; by default such errors are dropped. */
  onError?: (error: Error) => void;
}

export interface KioskLogger {
  readonly logger: Logger;
  /** Values to remove from every line while they are set (see personal-values.ts). */
  readonly personalValues: PersonalValues;
  /** Resolves when every line logged so far is on disk. */
  flush(): Promise<void>;
  /** Flushes and closes the files; later log calls are dropped. */
  close(): Promise<void>;
}

const FILE_NAME = 'kiosk.log';

/** Redacts the strings of a serialized JSON line, leaving its structure alone. */
function redactJsonLine(line: string, knownValues: readonly string[]): string {
  return line.replace(/"(?:[^"\\]|\\.)*"/g, (literal) => {
    const text = JSON.parse(literal) as string;
    const clean = redactString(text, { knownValues });
    return clean === text ? literal : JSON.stringify(clean);
  });
}

export async function createLogger(options: LoggerOptions): Promise<KioskLogger> {
  if (!Number.isInteger(options.maxFiles) || options.maxFiles < 2) throw new RangeError('maxFiles must be an integer of at least 2');
  if (!(options.maxFileSizeMb > 0)) throw new RangeError('maxFileSizeMb must be positive');
  await mkdir(options.dir, { recursive: true });

  const files = await pinoRoll({
    file: path.join(options.dir, FILE_NAME),
    size: options.maxFileSizeMb,
    // With sync writes pino-roll opens the next file before counting, so `count` is the total kept (one more exists
    // for a moment during a rotation). removeOtherLogFiles: the limit also covers files of earlier runs.
    limit: { count: options.maxFiles, removeOtherLogFiles: true },
    // Synchronous writes: a kiosk logs little, and the lines just before a crash are the ones that matter.
    sync: true,
  });
  files.on('error', (error: Error) => options.onError?.(error));

  let closed = false;
  // A log call must never throw into the kiosk: not after close() (a child with its own level keeps writing), not
  // when the stream has failed.
  const guarded: DestinationStream = {
    write(line: string) {
      if (closed) return;
      try {
        files.write(line);
      } catch (error) {
        options.onError?.(error instanceof Error ? error : new Error(String(error)));
      }
    },
  };
  const destination = options.extraDestination
    ? pino.multistream([
        { stream: guarded, level: 'trace' },
        { stream: options.extraDestination, level: 'trace' },
      ])
    : guarded;

  const personalValues = new PersonalValues();
  const scrub = (value: unknown): unknown => redact(value, { knownValues: personalValues.values });
  const scrubObject = (value: object): Record<string, unknown> => {
    const out = scrub(value);
    return typeof out === 'object' && out !== null ? (out as Record<string, unknown>) : { value: out };
  };

  const logger = pino(
    {
      level: options.level,
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: scrub },
      formatters: { bindings: scrubObject, log: scrubObject },
      hooks: {
        logMethod(args, method) {
          const [first, ...rest] = args as unknown[];
          // An Error given first becomes { err }, so its message is redacted before pino copies it into `msg`. All
          // arguments in one call: a personal field of the object is then also removed from the message.
          const clean = scrub([first instanceof Error ? { err: first } : first, ...rest]);
          method.apply(this, clean as Parameters<LogFn>);
        },
        streamWrite: (line) => redactJsonLine(line, personalValues.values),
      },
    },
    destination,
  );

  // Children are created with Object.create(parent), so these own properties serve every descendant.
  const { child, setBindings } = logger;
  Object.defineProperty(logger, 'child', {
    value: function (this: Logger, bindings: object, childOptions?: object) {
      return child.call(this, scrubObject(bindings), childOptions);
    },
  });
  Object.defineProperty(logger, 'setBindings', {
    value: function (this: Logger, bindings: object) {
      setBindings.call(this, scrubObject(bindings));
    },
  });

  const flush = async (): Promise<void> => {
    if (closed) return;
    await new Promise<void>((resolve, reject) => files.flush((error) => (error ? reject(error) : resolve())));
    // The lines are written; fsync makes them survive a power cut too.
    await new Promise<void>((resolve) => fsync(files.fd, () => resolve()));
  };

  const close = async (): Promise<void> => {
    if (closed) return;
    await flush();
    closed = true;
    logger.level = 'silent';
    await new Promise<void>((resolve) => {
      files.once('close', resolve);
      files.once('error', () => resolve());
      files.end();
    });
  };

  return { logger, personalValues, flush, close };
}
