// The command line of `npm run simulate`.
import { parseArgs } from 'node:util';

export const simulateUsage = `Usage: npm run simulate -- --sessions N [options]
Runs N scripted citizen sessions through KioskApi against simulated devices: start, present a test card, read it,
scan 1-2 pages, submit a demo item, end. The ids of accepted transactions are appended to the out file (fsync'd).

  --sessions N          how many sessions (required)
  --parallel K          sessions at once (default 1, at most 16); the card step is taken one at a time, as
                        people queue at the one reader, and the kiosk queues scans itself
  --out FILE            where accepted ids go, one a line, appended (default accepted-ids.txt)
  --catalog FILE        the item catalog to take items from (default platform/catalog/demo-catalog.json)

In-process (the default): the kiosk is built here with createKiosk.
  --config demo|branch|FILE   site configuration (default demo)
  --data-dir DIR              the kiosk's data directory (default: a fresh temporary one, removed afterwards)

Against a running kiosk (npm run kiosk -- --headless):
  --api-file PATH             its <dataDir>/kiosk-api.json (re-read at every reconnect: a restarted kiosk has a new
                              port and token)
  --url URL --token-file F    or the page URL and a file holding the token

Exit status: 0 when every session ended in an accepted transaction, 1 when any failed, 2 for a usage error or a kiosk
that could not be started or reached.`;

export type SimulateTarget =
  | { kind: 'inProcess'; config: string; dataDir?: string }
  | { kind: 'apiFile'; file: string }
  | { kind: 'url'; url: string; tokenFile?: string };

export interface SimulateArgs {
  sessions: number;
  parallel: number;
  out: string;
  catalog?: string;
  target: SimulateTarget;
}

export class SimulateUsageError extends Error {}

export const MAX_PARALLEL = 16;

/** The options, or 'help' for --help. */
export function parseSimulateArgs(argv: string[]): SimulateArgs | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        sessions: { type: 'string' },
        parallel: { type: 'string', default: '1' },
        out: { type: 'string', default: 'accepted-ids.txt' },
        catalog: { type: 'string' },
        config: { type: 'string' },
        'data-dir': { type: 'string' },
        'api-file': { type: 'string' },
        url: { type: 'string' },
        'token-file': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new SimulateUsageError(error instanceof Error ? error.message : String(error));
  }
  const text = (name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  if (values.help === true) return 'help';

  const sessions = count('--sessions', text('sessions'), 1, 1_000_000);
  const parallel = count('--parallel', text('parallel'), 1, MAX_PARALLEL);
  const apiFile = text('api-file');
  const url = text('url');
  const inProcessOnly = ['config', 'data-dir'].filter((name) => text(name) !== undefined);
  if (apiFile !== undefined && url !== undefined) throw new SimulateUsageError('give --api-file or --url, not both');
  if ((apiFile !== undefined || url !== undefined) && inProcessOnly.length > 0) {
    throw new SimulateUsageError(`--${inProcessOnly[0]} is for the in-process kiosk; a running kiosk has its own`);
  }
  if (text('token-file') !== undefined && url === undefined) throw new SimulateUsageError('--token-file goes with --url');
  let target: SimulateTarget;
  if (apiFile !== undefined) target = { kind: 'apiFile', file: apiFile };
  else if (url !== undefined) target = { kind: 'url', url, tokenFile: text('token-file') };
  else target = { kind: 'inProcess', config: text('config') ?? 'demo', dataDir: text('data-dir') };
  return { sessions, parallel, out: String(values.out), catalog: text('catalog'), target };
}

function count(flag: string, value: string | undefined, min: number, max: number): number {
  if (value === undefined) throw new SimulateUsageError(`${flag} is required`);
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new SimulateUsageError(`${flag} must be a whole number from ${min} to ${max}, not "${value}"`);
  return n;
}
