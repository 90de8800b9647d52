// The shape of one diagnostics command (`npm run device -- <class> <action> [options]`). Each device class exports its
// commands from drivers/<class>/cli.ts; drivers/cli/device-cli.ts dispatches to them.
import type { ParseArgsConfig } from 'node:util';

export interface CliContext {
  /** Writes one line to stdout (results, JSON). */
  out(line: string): void;
  /** Writes one line to stderr (progress, warnings). */
  err(line: string): void;
  /** Aborted on Ctrl+C: a listening command stops and exits 0. */
  signal: AbortSignal;
}

/** What a command returns: 0 on success, or a non-zero code with a one-line reason that the CLI prints. */
export type CliResult = { ok: true } | { ok: false; reason: string; exitCode?: number };

/** Option values as node:util parseArgs gives them. */
export type CliValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CliCommand {
  /** One line for `--help`, e.g. `read --port P [--baud B] [--show-pii]  read the card on the reader`. */
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: CliValues, context: CliContext): Promise<CliResult>;
}

export type DeviceCliCommands = Record<string, CliCommand>;
