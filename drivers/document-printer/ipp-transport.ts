// Carries IPP messages to a CUPS server over HTTP (RFC 8010 §4): TCP `host:port` or CUPS's local domain socket.
//
// Every failure comes back as a typed result, never as a throw: the driver turns them into device states.
import http from 'node:http';
import { type IppMessage, type IppRequest, decodeIppMessage, encodeIppRequest } from './ipp-encoding';

export type CupsEndpoint = { kind: 'tcp'; host: string; port: number } | { kind: 'socket'; path: string };

const DEFAULT_PORT = 631;

/**
 * Reads a CUPS server address as `lp -h` and CUPS_SERVER take it: `host`, `host:port`, `[v6]:port`, or the absolute
 * path of a domain socket (`/run/cups/cups.sock`).
 */
export function parseCupsServer(spec: string): { ok: true; endpoint: CupsEndpoint } | { ok: false; error: string } {
  const text = spec.trim();
  if (text.startsWith('/')) return { ok: true, endpoint: { kind: 'socket', path: text } };
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+))(?::(\d{1,5}))?$/.exec(text);
  const host = match?.[1] ?? match?.[2];
  const port = match?.[3] === undefined ? DEFAULT_PORT : Number(match[3]);
  if (!match || !host || port < 1 || port > 65535) {
    return { ok: false, error: `not a CUPS server address: "${spec}" (expected host, host:port or /path/to/cups.sock)` };
  }
  return { ok: true, endpoint: { kind: 'tcp', host, port } };
}

/** The `ipp://` URI of a resource, as CUPS expects in printer-uri. */
export function ippUri(endpoint: CupsEndpoint, resource: string): string {
  if (endpoint.kind === 'socket') return `ipp://localhost${resource}`;
  const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
  return `ipp://${host}:${endpoint.port}${resource}`;
}

export type IppExchange =
  | { ok: true; response: IppMessage }
  | { ok: false; failure: 'unreachable' | 'timeout' | 'aborted' | 'http' | 'malformed'; message: string };

/** A reply larger than this is not a CUPS reply. */
const MAX_RESPONSE_BYTES = 4 * 2 ** 20;

export interface IppPostOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

export function postIpp(endpoint: CupsEndpoint, resource: string, request: IppRequest, options: IppPostOptions): Promise<IppExchange> {
  const body = encodeIppRequest(request);
  return new Promise<IppExchange>((resolve) => {
    let settled = false;
    const finish = (result: IppExchange): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const target =
      endpoint.kind === 'socket'
        ? { socketPath: endpoint.path, headers: { Host: 'localhost' } }
        : { host: endpoint.host, port: endpoint.port, headers: { Host: `${endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host}:${endpoint.port}` } };
    const req = http.request({
      ...target,
      method: 'POST',
      path: resource,
      // A fresh connection per request: no keep-alive socket for CUPS to close under a request.
      agent: false,
      headers: { ...target.headers, 'Content-Type': 'application/ipp', 'Content-Length': String(body.length) },
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      const where = endpoint.kind === 'socket' ? endpoint.path : `${endpoint.host}:${endpoint.port}`;
      finish({ ok: false, failure: 'unreachable', message: `CUPS at ${where} unreachable: ${error.code ?? error.message}` });
    });
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        const hint = res.statusCode === 401 ? ' (CUPS wants authentication)' : res.statusCode === 426 ? ' (CUPS wants TLS, which this driver does not speak)' : '';
        finish({ ok: false, failure: 'http', message: `CUPS answered HTTP ${res.statusCode}${hint}` });
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) {
          req.destroy();
          finish({ ok: false, failure: 'malformed', message: 'IPP reply too large' });
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', (error) => finish({ ok: false, failure: 'unreachable', message: `connection lost: ${error.message}` }));
      res.on('end', () => {
        const decoded = decodeIppMessage(Buffer.concat(chunks));
        if (!decoded.ok) finish({ ok: false, failure: 'malformed', message: `bad IPP reply: ${decoded.error}` });
        else if (decoded.message.requestId !== request.requestId) finish({ ok: false, failure: 'malformed', message: 'IPP reply to another request' });
        else finish({ ok: true, response: decoded.message });
      });
    });
    // Listeners first: destroying the request below emits 'error', which must not go unhandled.
    const timer = setTimeout(() => {
      req.destroy();
      finish({ ok: false, failure: 'timeout', message: `no reply from CUPS within ${options.timeoutMs} ms` });
    }, options.timeoutMs);
    const onAbort = (): void => {
      req.destroy();
      finish({ ok: false, failure: 'aborted', message: 'request aborted' });
    };
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });

    req.end(body);
  });
}
