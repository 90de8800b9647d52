// How `npm run simulate` reaches a kiosk's KioskApi: a kiosk built in this process (its server called directly), or
// a running headless kiosk over the browser host's WebSocket, exactly as the screen reaches it.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { wsBridgePath } from '../../contracts/kiosk-api';
import { type KioskApiClient, createKioskApiClient } from '../../contracts/kiosk-api-client';
import { type WebSocketLike, createWsTransport } from '../../contracts/kiosk-api-ws-transport';
import { ApiFile } from '../browser-host/api-file';
import { type Kiosk, createKiosk } from '../composition/create-kiosk';

export interface KioskConnection {
  client: KioskApiClient;
  close(): Promise<void>;
}

export interface InProcessKiosk extends KioskConnection {
  kiosk: Kiosk;
}

export type OpenResult<T> = { ok: true; connection: T } | { ok: false; error: string };

/**
 * Builds the kiosk with createKiosk from `config`, with its data in `dataDir` (layered over the configuration as a
 * terminal file). close() closes the kiosk.
 */
export async function openInProcessKiosk(options: { config: string; dataDir: string; projectRoot: string; cwd: string }): Promise<OpenResult<InProcessKiosk>> {
  const layerDir = await mkdtemp(path.join(tmpdir(), 'simulate-layer-'));
  const layer = path.join(layerDir, 'data-dir.json');
  try {
    await writeFile(layer, JSON.stringify({ dataDir: path.resolve(options.cwd, options.dataDir) }));
    const { version } = JSON.parse(await readFile(path.join(options.projectRoot, 'package.json'), 'utf8')) as { version: string };
    const created = await createKiosk({
      shell: 'browser',
      args: { config: options.config, terminal: layer, browser: false, headless: true, help: false },
      projectRoot: options.projectRoot,
      cwd: options.cwd,
      version,
    });
    if (!created.ok) return { ok: false, error: created.error };
    const { kiosk } = created;
    // The same validating client the screen uses, over a direct call instead of a transport.
    const client = createKioskApiClient({
      invoke: (command, input) => kiosk.server.invoke(command, input),
      subscribe: (listener) => kiosk.server.subscribe(listener),
    });
    return { ok: true, connection: { kiosk, client, close: () => kiosk.close() } };
  } finally {
    await rm(layerDir, { recursive: true, force: true });
  }
}

/** Long enough for the slowest command: a card wait of up to 120 s. */
const REQUEST_TIMEOUT_MS = 150_000;

/**
 * Connects to a running kiosk. `credentials` is asked again at every (re)connect, so a kiosk that restarted with a
 * new port and token (a crash test) is found again.
 */
export async function connectToKiosk(credentials: () => Promise<ApiFile>): Promise<OpenResult<KioskConnection>> {
  let first: ApiFile;
  try {
    first = await credentials();
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const refused = await probe(first);
  if (refused) return { ok: false, error: `kiosk at ${first.origin}: ${refused}` };
  let latest = first;
  const transport = createWsTransport({
    origin: first.origin,
    token: first.token,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    reconnectDelayMs: 500,
    // The transport's own URL holds the first port and token; each connection uses the latest instead.
    connect: () => {
      const socket = new WebSocket(socketUrl(latest), { headers: { origin: latest.origin } });
      socket.addEventListener('close', () => {
        credentials().then(
          (fresh) => (latest = fresh),
          () => undefined,
        );
      });
      return socket as WebSocketLike;
    },
  });
  return {
    ok: true,
    connection: {
      client: createKioskApiClient(transport),
      close: async () => transport.close(),
    },
  };
}

function socketUrl(credentials: ApiFile): string {
  return `${credentials.origin.replace(/^http/, 'ws')}${wsBridgePath}?token=${encodeURIComponent(credentials.token)}`;
}

/** One connection attempt, so a wrong file or a kiosk that is not running is reported at once, not after a request times out. */
function probe(credentials: ApiFile): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = new WebSocket(socketUrl(credentials), { headers: { origin: credentials.origin } });
    const done = (problem: string | undefined): void => {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => {});
      socket.terminate();
      resolve(problem);
    };
    const timer = setTimeout(() => done('no answer within 10 s'), 10_000);
    socket.once('open', () => done(undefined));
    socket.once('unexpected-response', (_request, response) => done(`connection refused with HTTP ${response.statusCode ?? '?'}`));
    socket.once('error', (error) => done(error.message));
  });
}

/** Reads `<dataDir>/kiosk-api.json` as `npm run kiosk -- --headless` writes it. */
export function apiFileCredentials(file: string): () => Promise<ApiFile> {
  return async () => {
    const parsed = ApiFile.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file}: not a kiosk API file (${parsed.error.issues[0]?.message ?? 'invalid'})`);
    return parsed.data;
  };
}

/** A page URL (or origin) and a token file; without a file the token is taken from the URL's `#token=`. */
export function urlCredentials(url: string, tokenFile: string | undefined): () => Promise<ApiFile> {
  return async () => {
    const parsed = new URL(url);
    const token = tokenFile ? (await readFile(tokenFile, 'utf8')).trim() : new URLSearchParams(parsed.hash.slice(1)).get('token');
    if (!token) throw new Error('no token: give --token-file, or a page URL with #token=');
    return { url, origin: parsed.origin, token };
  };
}
