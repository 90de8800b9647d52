// The kiosk's command line, shared by `npm start` (main/start.ts) and the Electron entry (main/electron/electron-main.ts).
import { parseArgs } from 'node:util';
import type { ShellKind } from '../contracts/kiosk-api';

export interface KioskArgs {
  /** Force a shell; otherwise Electron when its binary exists, else the browser host. */
  shell?: ShellKind;
  /** The site layer: `demo`, `branch`, or a JSON file. Defaults to `demo`. */
  config: string;
  /** The terminal layer: a JSON file with what differs on this one terminal. */
  terminal?: string;
  /** Browser host port (0 = any free one); overrides the configuration. */
  port?: number;
  /** Open the system Chromium on the page (browser host only); `--no-browser` just prints the URL. */
  browser: boolean;
  /** The Node side only: browser host without a browser (for tools, load and crash tests). */
  headless: boolean;
  help: boolean;
}

export const kioskUsage = `Usage: npm start -- [options]
  --shell browser|electron   force a shell (default: electron when its binary is installed, else browser)
  --config demo|branch|FILE  site configuration (default: demo, everything simulated)
  --terminal FILE            terminal configuration, layered over the site file
  --port N                   browser host port (default: from the configuration; 0 = any free port)
  --no-browser               do not open Chromium; print the kiosk page's URL instead
  --headless                 the kiosk's Node side only: browser host, no browser (tools connect through
                             <dataDir>/kiosk-api.json)
  --help                     this text`;

export class UsageError extends Error {}

/**
 * `strict` is off for Electron, which passes switches of its own (`--no-sandbox`, `--inspect=…`) that are not ours.
 */
export function parseKioskArgs(argv: string[], options: { strict: boolean } = { strict: true }): KioskArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: options.strict,
      allowPositionals: !options.strict,
      options: {
        shell: { type: 'string' },
        config: { type: 'string', default: 'demo' },
        terminal: { type: 'string' },
        port: { type: 'string' },
        'no-browser': { type: 'boolean', default: false },
        headless: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const headless = values.headless === true;
  const shell = values.shell ?? (headless ? 'browser' : undefined);
  if (shell !== undefined && shell !== 'browser' && shell !== 'electron') {
    throw new UsageError(`--shell must be browser or electron, not "${String(shell)}"`);
  }
  if (headless && shell === 'electron') throw new UsageError('--headless runs without a window: it cannot use --shell electron');
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    throw new UsageError(`--port must be a port number, not "${String(values.port)}"`);
  }
  return {
    shell,
    config: String(values.config),
    terminal: typeof values.terminal === 'string' ? values.terminal : undefined,
    port,
    browser: values['no-browser'] !== true && !headless,
    headless,
    help: values.help === true,
  };
}
