// HTTP/1.1 requests for the sync client, on node:http / node:https.
//
// Why node:http rather than fetch: the timeout runs on the agent's injected clock (simulated in tests), a timed-out
// or stopped request is torn down at once with its socket (no half-read body lingering in a pool), the request body
// goes out with an exact Content-Length (the signature covers those bytes), and keep-alive sockets are pooled per
// platform with a bound, so a kiosk reuses its TLS connections instead of a handshake per chunk.
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { Clock } from './clock';

export interface HttpRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: Uint8Array;
  /** The whole exchange (connect, send, answer) must finish within this. */
  timeoutMs: number;
}

export type HttpFailureKind =
  /** No answer: refused, reset, closed early, DNS, TLS. */
  | 'network'
  | 'timeout'
  /** The answer was larger than the transport takes. */
  | 'tooLarge'
  /** The transport was closed (the agent is stopping). */
  | 'closed';

export type HttpResult =
  | { ok: true; status: number; headers: IncomingHttpHeaders; body: Buffer }
  | { ok: false; error: { kind: HttpFailureKind; message: string } };

export interface HttpTransportOptions {
  clock: Clock;
  /** Answers larger than this are refused (a catalog is the largest expected). */
  maxResponseBytes: number;
  /** Keep-alive sockets kept per platform; one per lane is enough. */
  maxSockets: number;
}

const IDLE_SOCKET_MS = 15_000;

export class HttpTransport {
  readonly #options: HttpTransportOptions;
  readonly #httpAgent: http.Agent;
  readonly #httpsAgent: https.Agent;
  readonly #inFlight = new Set<http.ClientRequest>();
  #closed = false;

  constructor(options: HttpTransportOptions) {
    this.#options = options;
    // Idle sockets close after 15 s (or the server's Keep-Alive hint, if shorter): well before the idle timeouts of
    // load balancers (60 s is common), so a request rarely goes out on a socket the other side is closing.
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets, timeout: IDLE_SOCKET_MS };
    this.#httpAgent = new http.Agent(agentOptions);
    this.#httpsAgent = new https.Agent(agentOptions);
  }

  send(request: HttpRequest): Promise<HttpResult> {
    if (this.#closed) return Promise.resolve({ ok: false, error: { kind: 'closed', message: 'the transport is closed' } });
    return new Promise<HttpResult>((resolve) => {
      const secure = request.url.protocol === 'https:';
      const body = request.body ?? new Uint8Array();
      let settled = false;
      const finish = (result: HttpResult) => {
        if (settled) return;
        settled = true;
        timer.cancel();
        this.#inFlight.delete(outgoing);
        resolve(result);
      };
      const fail = (kind: HttpFailureKind, message: string) => {
        finish({ ok: false, error: { kind, message } });
        outgoing.destroy();
      };

      const outgoing = (secure ? https : http).request(request.url, {
        method: request.method,
        headers: { ...request.headers, 'content-length': String(body.byteLength) },
        agent: secure ? this.#httpsAgent : this.#httpAgent,
      });
      this.#inFlight.add(outgoing);
      const timer = this.#options.clock.setTimer(request.timeoutMs, () => fail('timeout', `no complete answer within ${request.timeoutMs} ms`));
      outgoing.on('error', (error: NodeJS.ErrnoException) => fail(this.#closed ? 'closed' : 'network', error.code ?? error.message));
      outgoing.on('close', () => fail(this.#closed ? 'closed' : 'network', 'the connection closed before the answer was complete'));
      outgoing.on('response', (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > this.#options.maxResponseBytes) return fail('tooLarge', `the answer exceeds ${this.#options.maxResponseBytes} bytes`);
          chunks.push(chunk);
        });
        response.on('error', (error: NodeJS.ErrnoException) => fail('network', error.code ?? error.message));
        response.on('end', () => {
          if (!response.complete) return fail('network', 'the answer was cut short');
          finish({ ok: true, status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) });
        });
      });
      outgoing.end(body);
    });
  }

  /** Tears down requests in flight (they resolve `closed`) and the pooled sockets. */
  close(): void {
    this.#closed = true;
    for (const outgoing of this.#inFlight) outgoing.destroy();
    this.#httpAgent.destroy();
    this.#httpsAgent.destroy();
  }
}
