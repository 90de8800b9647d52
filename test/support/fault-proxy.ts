// A fault-injecting proxy on 127.0.0.1, between a kiosk and its platform, for the sync agent's fault tests and
// benchmarks. It understands just enough HTTP/1.1 (request and response heads, Content-Length bodies, keep-alive) to
// pick a fault per request, by script (connection and request numbers) or at random from a seed:
//
//   pass          forward both ways
//   reset         forward the first `afterBytes` bytes of the request, then reset both connections (mid-request)
//   dropResponse  forward the request, let the platform answer in full, then reset the client without a byte of it:
//                 the platform committed, the kiosk never heard
//   blackhole     swallow the request and never answer; the connection stays open
//   respond       answer this instead of the platform (503 with Retry-After, a malformed answer)
//   slow          forward at `bitsPerSecond`, both ways
//   rewrite       forward the request, then hand the platform's whole answer (headers, body) to a function and send
//                 what it returns, Content-Length set to match: tampering in transit (a flipped byte, a swapped
//                 signature)
//
// Independently of faults, the whole link can be shaped to a bandwidth per direction (a 10 Mbit/s branch line).
// Chunked bodies are not supported (neither side of the sync API sends them); such a connection is closed.
import net, { type Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

export type Fault =
  | { kind: 'pass' }
  | { kind: 'reset'; afterBytes: number }
  | { kind: 'dropResponse' }
  | { kind: 'blackhole' }
  | { kind: 'respond'; status: number; headers?: Record<string, string>; body: string }
  | { kind: 'slow'; bitsPerSecond: number }
  | { kind: 'rewrite'; rewrite: (answer: ProxiedAnswer) => ProxiedAnswer };

/** A platform's answer as `rewrite` sees it: header names in lower case; the status line stays as it was. */
export interface ProxiedAnswer {
  headers: Record<string, string>;
  body: Buffer;
}

export type FaultKind = Fault['kind'];
const faultKinds: readonly FaultKind[] = ['pass', 'reset', 'dropResponse', 'blackhole', 'respond', 'slow', 'rewrite'];

export interface RequestInfo {
  /** 1-based, in the order connections were accepted. */
  connection: number;
  /** 1-based within its connection. */
  requestOnConnection: number;
  /** 1-based over the proxy's life. */
  request: number;
  method: string;
  /** Path and query. */
  target: string;
  /** Names in lower case. */
  headers: Record<string, string>;
  contentLength: number;
}

export type FaultPlan = (request: RequestInfo) => Fault;

export interface FaultProxyOptions {
  /** Where the platform listens. */
  target: { host: string; port: number };
  /** Default: pass everything. */
  plan?: FaultPlan;
  /** Shape all traffic to this many bits per second in each direction (shared by all connections). */
  linkBitsPerSecond?: number;
  /** Default 0: any free port. */
  port?: number;
}

export interface FaultProxyStats {
  connections: number;
  requests: number;
  /** Every byte the clients sent, also those swallowed or cut off. */
  bytesFromClients: number;
  bytesToClients: number;
  faults: Record<FaultKind, number>;
  /** Status codes of the platform's answers that reached a client, in order. */
  statuses: number[];
}

export interface FaultProxy {
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  port: number;
  setPlan(plan: FaultPlan): void;
  setLink(bitsPerSecond: number | undefined): void;
  stats(): FaultProxyStats;
  /** Closes the listener and every connection. */
  close(): Promise<void>;
}

/** mulberry32: a small seeded generator, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The platform's own answer when its storage is down: 503, `Retry-After`, the contract's error body. */
export function serviceUnavailable(retryAfterSeconds: number): Fault {
  return {
    kind: 'respond',
    status: 503,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: JSON.stringify({ code: 'unavailable', message: 'injected by the fault proxy' }),
  };
}

export interface RandomFaultsOptions {
  seed: number;
  /** Relative weights; kinds left out never happen. `respond` draws a 503 with Retry-After. */
  weights: Partial<Record<Exclude<FaultKind, 'respond' | 'rewrite'> | 'unavailable', number>>;
  retryAfterSeconds?: number;
  slowBitsPerSecond?: number;
}

/** A plan drawing each request's fault from a seeded generator (the same seed, the same sequence of faults). */
export function randomFaults(options: RandomFaultsOptions): FaultPlan {
  const random = seededRandom(options.seed);
  const entries = Object.entries(options.weights).filter(([, w]) => (w ?? 0) > 0) as [string, number][];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  return (request) => {
    let pick = random() * total;
    const roll = random();
    const kind = entries.find(([, w]) => (pick -= w) < 0)?.[0] ?? 'pass';
    switch (kind) {
      case 'reset':
        return { kind: 'reset', afterBytes: Math.floor(roll * (request.contentLength + 200)) };
      case 'dropResponse':
        return { kind: 'dropResponse' };
      case 'blackhole':
        return { kind: 'blackhole' };
      case 'unavailable':
        return serviceUnavailable(options.retryAfterSeconds ?? 1);
      case 'slow':
        return { kind: 'slow', bitsPerSecond: options.slowBitsPerSecond ?? 1_000_000 };
      default:
        return { kind: 'pass' };
    }
  };
}

// ---- shaping ----

/** Bytes leave no faster than the rate; reservations queue in order, so connections share the link fairly. */
class Shaper {
  #freeAt = 0;
  constructor(readonly bitsPerSecond: number) {}

  async take(bytes: number): Promise<void> {
    const now = performance.now();
    this.#freeAt = Math.max(now, this.#freeAt) + (bytes * 8 * 1000) / this.bitsPerSecond;
    const wait = this.#freeAt - now;
    if (wait >= 1) await sleep(wait);
  }
}

/** Largest piece written at once through a shaper (small enough for smooth pacing). */
const SLICE = 16 * 1024;

async function send(socket: Socket, data: Buffer, shapers: readonly Shaper[]): Promise<void> {
  for (let offset = 0; offset < data.length; offset += SLICE) {
    const slice = data.subarray(offset, offset + SLICE);
    for (const shaper of shapers) await shaper.take(slice.length);
    if (socket.destroyed) throw new Error('connection gone');
    if (!socket.write(slice)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          socket.off('drain', done);
          socket.off('close', done);
          resolve();
        };
        socket.on('drain', done);
        socket.on('close', done);
      });
    }
  }
}

// ---- reading ----

const HIGH_WATER = 1024 * 1024;
const MAX_HEAD = 64 * 1024;

/** Buffered reads from a socket, with back-pressure. */
class SocketReader {
  readonly #socket: Socket;
  #chunks: Buffer[] = [];
  #length = 0;
  #ended = false;
  #wake: (() => void) | undefined;

  constructor(socket: Socket, onBytes: (count: number) => void) {
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => {
      onBytes(chunk.length);
      this.#chunks.push(chunk);
      this.#length += chunk.length;
      if (this.#length > HIGH_WATER) socket.pause();
      this.#notify();
    });
    const end = () => {
      this.#ended = true;
      this.#notify();
    };
    socket.on('end', end);
    socket.on('close', end);
    socket.on('error', end);
  }

  get ended(): boolean {
    return this.#ended && this.#length === 0;
  }

  /** Up to and including the blank line that ends an HTTP head; undefined when the stream ends first. */
  async readHead(): Promise<Buffer | undefined> {
    for (;;) {
      const all = this.#peek();
      const end = all.indexOf('\r\n\r\n');
      if (end >= 0) return this.#take(end + 4);
      if (all.length > MAX_HEAD) throw new Error('HTTP head too large');
      if (this.#ended) return undefined;
      await this.#wait();
    }
  }

  /** Between 1 and `max` bytes; undefined when the stream ends first. */
  async readSome(max: number): Promise<Buffer | undefined> {
    while (this.#length === 0) {
      if (this.#ended) return undefined;
      await this.#wait();
    }
    return this.#take(Math.min(max, this.#length));
  }

  #peek(): Buffer {
    if (this.#chunks.length > 1) this.#chunks = [Buffer.concat(this.#chunks)];
    return this.#chunks[0] ?? Buffer.alloc(0);
  }

  #take(count: number): Buffer {
    const all = this.#peek();
    const out = all.subarray(0, count);
    const rest = all.subarray(count);
    this.#chunks = rest.length > 0 ? [rest] : [];
    this.#length = rest.length;
    if (this.#length < HIGH_WATER / 2 && this.#socket.isPaused()) this.#socket.resume();
    return out;
  }

  #wait(): Promise<void> {
    return new Promise((resolve) => (this.#wake = resolve));
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}

// ---- HTTP heads ----

interface Head {
  firstLine: string;
  headers: Record<string, string>;
}

function parseHead(raw: Buffer): Head {
  const [firstLine = '', ...lines] = raw.toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { firstLine, headers };
}

function bodyLength(head: Head): number {
  if (head.headers['transfer-encoding']) throw new Error('chunked bodies are not supported by the fault proxy');
  const length = Number(head.headers['content-length'] ?? '0');
  if (!Number.isSafeInteger(length) || length < 0) throw new Error('bad Content-Length');
  return length;
}

/** Body length of an answer; `undefined`: until the connection closes. */
function responseLength(head: Head, method: string): number | undefined {
  const status = Number(head.firstLine.split(' ')[1]);
  if (method === 'HEAD' || status === 204 || status === 304 || (status >= 100 && status < 200)) return 0;
  if (head.headers['transfer-encoding']) throw new Error('chunked bodies are not supported by the fault proxy');
  return head.headers['content-length'] === undefined ? undefined : bodyLength(head);
}

// ---- the proxy ----

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  let plan: FaultPlan = options.plan ?? (() => ({ kind: 'pass' }));
  let link: { up: Shaper; down: Shaper } | undefined;
  const setLink = (bitsPerSecond: number | undefined) => {
    link = bitsPerSecond ? { up: new Shaper(bitsPerSecond), down: new Shaper(bitsPerSecond) } : undefined;
  };
  setLink(options.linkBitsPerSecond);
  const stats: FaultProxyStats = {
    connections: 0,
    requests: 0,
    bytesFromClients: 0,
    bytesToClients: 0,
    faults: Object.fromEntries(faultKinds.map((k) => [k, 0])) as Record<FaultKind, number>,
    statuses: [],
  };
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    // Heads and bodies go out as separate writes: without this, Nagle and delayed ACKs add ~40 ms to each exchange.
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // Errors end the exchange; the reader sees them as the end of the stream.
    socket.on('error', () => {});
    return socket;
  };

  const connectUpstream = () =>
    new Promise<{ socket: Socket; reader: SocketReader }>((resolve, reject) => {
      const socket = track(net.connect(options.target.port, options.target.host));
      socket.once('connect', () => resolve({ socket, reader: new SocketReader(socket, () => {}) }));
      socket.once('error', reject);
    });

  const toClient = (client: Socket, data: Buffer, shapers: Shaper[]) => {
    stats.bytesToClients += data.length;
    return send(client, data, shapers);
  };

  async function serve(client: Socket, connection: number): Promise<void> {
    const reader = new SocketReader(client, (count) => (stats.bytesFromClients += count));
    let upstream: { socket: Socket; reader: SocketReader } | undefined;
    const reset = () => {
      client.resetAndDestroy();
      upstream?.socket.destroy();
    };
    try {
      for (let index = 1; ; index++) {
        const rawHead = await reader.readHead();
        if (!rawHead) break;
        const head = parseHead(rawHead);
        const [method = '', target = ''] = head.firstLine.split(' ');
        const contentLength = bodyLength(head);
        stats.requests++;
        const fault = plan({ connection, requestOnConnection: index, request: stats.requests, method, target, headers: head.headers, contentLength });
        stats.faults[fault.kind]++;

        if (fault.kind === 'blackhole') {
          upstream?.socket.end();
          while (await reader.readSome(HIGH_WATER)) {
            // Swallowed.
          }
          return;
        }
        if (fault.kind === 'respond') {
          for (let left = contentLength; left > 0; ) {
            const piece = await reader.readSome(left);
            if (!piece) return;
            left -= piece.length;
          }
          const body = Buffer.from(fault.body);
          const lines = [`HTTP/1.1 ${fault.status} ${STATUS_CODES[fault.status] ?? 'Status'}`, 'content-type: application/json; charset=utf-8', `content-length: ${body.length}`, 'connection: close'];
          for (const [name, value] of Object.entries(fault.headers ?? {})) lines.push(`${name}: ${value}`);
          await toClient(client, Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), body]), link ? [link.down] : []);
          client.end();
          upstream?.socket.end();
          return;
        }

        if (!upstream || upstream.reader.ended || upstream.socket.destroyed) {
          upstream?.socket.destroy();
          upstream = undefined;
          if (fault.kind !== 'reset' || fault.afterBytes > 0) upstream = await connectUpstream();
        }
        const slow = fault.kind === 'slow' ? new Shaper(fault.bitsPerSecond) : undefined;
        const up = [link?.up, slow].filter((s): s is Shaper => s !== undefined);
        const down = [link?.down, slow].filter((s): s is Shaper => s !== undefined);
        // The request: all of it, or for `reset` its first bytes (never all, so the platform never sees it whole).
        let budget = fault.kind === 'reset' ? Math.min(fault.afterBytes, rawHead.length + contentLength - 1) : Infinity;
        const forward = async (data: Buffer) => {
          const part = data.subarray(0, Math.max(0, Math.min(data.length, budget)));
          budget -= part.length;
          if (part.length > 0 && upstream) await send(upstream.socket, part, up);
        };
        await forward(rawHead);
        for (let left = contentLength; left > 0 && budget > 0; ) {
          const piece = await reader.readSome(left);
          if (!piece) return reset();
          left -= piece.length;
          await forward(piece);
        }
        if (fault.kind === 'reset' || !upstream) return reset();

        const answerHead = await upstream.reader.readHead();
        if (!answerHead) return reset();
        const parsed = parseHead(answerHead);
        const length = responseLength(parsed, method);
        const answerBody = async (each: (piece: Buffer) => Promise<void>) => {
          for (let left = length ?? Infinity; left > 0; ) {
            const piece = await upstream?.reader.readSome(Math.min(left, HIGH_WATER));
            if (!piece) {
              if (length === undefined) return;
              throw new Error('the platform closed mid-answer');
            }
            left -= piece.length;
            await each(piece);
          }
        };
        if (fault.kind === 'dropResponse') {
          // Wait for the whole answer: the platform has finished with the request, then the kiosk loses it.
          await answerBody(async () => {});
          return reset();
        }
        stats.statuses.push(Number(parsed.firstLine.split(' ')[1]));
        if (fault.kind === 'rewrite') {
          const pieces: Buffer[] = [];
          await answerBody(async (piece) => void pieces.push(piece));
          const { headers, body } = fault.rewrite({ headers: parsed.headers, body: Buffer.concat(pieces) });
          const lines = Object.entries({ ...headers, 'content-length': String(body.length) }).map(([name, value]) => `${name}: ${value}`);
          await toClient(client, Buffer.concat([Buffer.from(`${[parsed.firstLine, ...lines].join('\r\n')}\r\n\r\n`, 'latin1'), body]), down);
        } else {
          await toClient(client, answerHead, down);
          await answerBody((piece) => toClient(client, piece, down));
        }
        if (length === undefined || /close/i.test(parsed.headers.connection ?? '')) {
          client.end();
          upstream.socket.end();
          return;
        }
      }
      client.end();
      upstream?.socket.end();
    } catch {
      reset();
    }
  }

  const server = net.createServer((client) => {
    track(client);
    stats.connections++;
    void serve(client, stats.connections);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the fault proxy has no address');

  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    setPlan: (next) => {
      plan = next;
    },
    setLink,
    stats: () => ({ ...stats, faults: { ...stats.faults }, statuses: [...stats.statuses] }),
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
