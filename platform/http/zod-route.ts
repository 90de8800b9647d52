// Serves one sync-API endpoint (contracts/sync-api.ts) on Fastify: authenticates it, validates path parameters,
// query and body with the endpoint's zod schemas, runs the handler, and validates the answer against the endpoint's
// response schema before sending it, so nothing the contract does not allow leaves the platform.
//
// Bodies reach the handler as raw bytes (every content type is parsed as a Buffer) because the terminal signature
// covers the exact bytes sent; JSON is parsed here, after authentication.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { type BodySpec, type Endpoint, type ErrorAnswer, ErrorAnswer as ErrorAnswerSchema, maxJsonBodyBytes } from '../../contracts/sync-api';
import type { TerminalRecord } from '../storage/platform-storage';
import { StorageUnavailableError } from '../storage/sql-client';
import type { OpsPrincipal } from '../ops/ops-accounts';
import type { OpsAuth } from '../ops/ops-auth';
import type { TerminalAuth } from './terminal-auth';

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
type BodyOf<E extends Endpoint> = E['body'] extends { json: infer S } ? Parsed<S> : E['body'] extends { binary: unknown } ? Buffer : undefined;

/** Endpoints served here: all but streamed frames (platform/http/upload-frames-route.ts). */
type PlainEndpoint = Endpoint & { body?: { json: z.ZodType } | { binary: unknown } };

export interface RouteInput<E extends Endpoint> {
  params: Parsed<E['params']>;
  query: Parsed<E['query']>;
  body: BodyOf<E>;
  /** The authenticated terminal, for terminal endpoints. */
  terminal: E['auth'] extends 'terminal' ? TerminalRecord : undefined;
  /** Who called an ops endpoint (a console user or the ops API token), for the audit log. */
  principal: E['auth'] extends 'ops' ? OpsPrincipal : undefined;
  headers: FastifyRequest['headers'];
}

export type RouteReply =
  /** A value, validated against the endpoint's schema for `status`. */
  | { status: number; body: unknown; headers?: Record<string, string> }
  /** JSON text sent exactly as given (a stored answer), validated too. */
  | { status: number; raw: string; headers?: Record<string, string> }
  /** No body (304). */
  | { status: number; empty: true; headers?: Record<string, string> }
  | { status: number; error: ErrorAnswer };

export interface RouteDeps {
  auth: TerminalAuth;
  /** Ops endpoints: a console session or the ops API token; reading needs a viewer, anything else an operator. */
  ops: OpsAuth;
}

/** Seconds a client should wait before retrying when storage is down. */
const RETRY_AFTER_SECONDS = 5;

const JSON_TYPE = 'application/json; charset=utf-8';

function fastifyPath(path: string): string {
  return path.replace(/\{([A-Za-z]+)\}/g, ':$1');
}

function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

type Check<T> = { ok: true; value: T } | { ok: false; reply: RouteReply };

function invalid(where: string, error: z.ZodError): RouteReply {
  const issues = error.issues.map((issue) => ({ path: [where, ...issue.path.map(String)].join('.'), message: issue.message }));
  const shown = issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join('; ');
  return {
    status: 400,
    error: { code: 'invalidRequest', message: `${shown}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''}`, issues },
  };
}

function check<S extends z.ZodType>(schema: S | undefined, value: unknown, where: string): Check<z.output<S> | undefined> {
  if (!schema) return { ok: true, value: undefined };
  const result = schema.safeParse(value);
  return result.success ? { ok: true, value: result.data } : { ok: false, reply: invalid(where, result.error) };
}

function readBody(endpoint: Endpoint, request: FastifyRequest, raw: Buffer): Check<unknown> {
  const spec = endpoint.body;
  if (!spec) return { ok: true, value: undefined };
  const type = mediaType(request.headers['content-type']);
  if ('binary' in spec) {
    if (type !== spec.binary.contentType) {
      return { ok: false, reply: { status: 415, error: { code: 'unsupportedMediaType', message: `send the chunk as ${spec.binary.contentType}` } } };
    }
    return { ok: true, value: raw };
  }
  if ('frames' in spec) throw new Error('a frames endpoint is served by upload-frames-route.ts, not registerRoute');
  if (raw.length === 0) return { ok: false, reply: { status: 400, error: { code: 'invalidRequest', message: 'a JSON body is required' } } };
  if (type !== 'application/json') {
    return { ok: false, reply: { status: 415, error: { code: 'unsupportedMediaType', message: 'send the body as application/json' } } };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    return { ok: false, reply: { status: 400, error: { code: 'invalidRequest', message: `the body is not valid JSON: ${(error as Error).message}` } } };
  }
  // PostgreSQL's text and jsonb cannot hold U+0000: refuse it here with a clear message rather than fail on the insert.
  if (containsNul(json)) return { ok: false, reply: { status: 400, error: { code: 'invalidRequest', message: 'body: strings must not contain U+0000 (NUL)' } } };
  return check(spec.json, json, 'body');
}

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\0');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value !== null && typeof value === 'object') return Object.entries(value).some(([key, v]) => key.includes('\0') || containsNul(v));
  return false;
}

/** Sends a reply, validating it first; a reply that fails its schema is a platform bug and becomes a 500. */
export function send(endpoint: Endpoint, request: FastifyRequest, reply: FastifyReply, result: RouteReply): FastifyReply {
  if ('error' in result) {
    if (result.status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    return reply.code(result.status).type(JSON_TYPE).send(JSON.stringify(ErrorAnswerSchema.parse(result.error)));
  }
  for (const [name, value] of Object.entries(result.headers ?? {})) reply.header(name, value);
  const schema = endpoint.responses[result.status];
  if (schema === undefined) return fail(`status ${result.status} is not declared for ${endpoint.method} ${endpoint.path}`);
  if ('empty' in result || schema === null) {
    if (!('empty' in result) || schema !== null) return fail(`status ${result.status} of ${endpoint.method} ${endpoint.path} must ${schema === null ? '' : 'not '}be empty`);
    return reply.code(result.status).send();
  }
  let value: unknown;
  let text: string;
  try {
    value = 'raw' in result ? JSON.parse(result.raw) : result.body;
    text = 'raw' in result ? result.raw : JSON.stringify(result.body);
  } catch (error) {
    return fail(`answer is not JSON: ${(error as Error).message}`);
  }
  const validated = schema.safeParse(value);
  if (!validated.success) return fail(`answer fails the contract: ${validated.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return reply.code(result.status).type(JSON_TYPE).send(text);

  function fail(why: string): FastifyReply {
    request.log.error({ endpoint: endpoint.path }, `invalid answer: ${why}`);
    for (const name of Object.keys(('headers' in result && result.headers) || {})) reply.removeHeader(name);
    return reply.code(500).type(JSON_TYPE).send(JSON.stringify({ code: 'internal', message: 'the platform produced an invalid answer' }));
  }
}

/** A handler that threw: 503 while storage is down (the kiosk retries after Retry-After), else a bare 500. */
export function sendFailure(endpoint: Endpoint, request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof StorageUnavailableError) {
    request.log.warn({ endpoint: endpoint.path }, error.message);
    return send(endpoint, request, reply, { status: 503, error: { code: 'unavailable', message: 'storage is unavailable; retry later' } });
  }
  request.log.error({ endpoint: endpoint.path, err: { name: (error as Error).name, message: (error as Error).message } }, 'request failed');
  return send(endpoint, request, reply, { status: 500, error: { code: 'internal', message: 'the platform failed on this request' } });
}

function bodyLimit(body: BodySpec | undefined): number {
  if (body && 'binary' in body) return body.binary.maxBytes;
  if (body && 'json' in body && 'maxBytes' in body && typeof body.maxBytes === 'number') return body.maxBytes;
  return maxJsonBodyBytes;
}

export function registerRoute<E extends PlainEndpoint>(app: FastifyInstance, endpoint: E, deps: RouteDeps, handler: (input: RouteInput<E>) => Promise<RouteReply>): void {
  app.route({
    method: endpoint.method,
    url: fastifyPath(endpoint.path),
    bodyLimit: bodyLimit(endpoint.body),
    handler: async (request, reply) => {
      try {
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        let terminal: TerminalRecord | undefined;
        let principal: OpsPrincipal | undefined;
        if (endpoint.auth === 'terminal') {
          const verified = await deps.auth.verify({ method: request.method, target: request.url, headers: request.headers, body: raw });
          if (!verified.ok) return send(endpoint, request, reply, { status: verified.status, error: verified.error });
          terminal = verified.value;
        } else if (endpoint.auth === 'ops') {
          const allowed = await deps.ops.authorize(request, endpoint.method === 'GET' || endpoint.method === 'HEAD' ? 'viewer' : 'operator');
          if (!allowed.ok) return send(endpoint, request, reply, { status: allowed.status, error: allowed.error });
          principal = allowed.value;
        }
        const params = check(endpoint.params, request.params, 'params');
        if (!params.ok) return send(endpoint, request, reply, params.reply);
        const query = check(endpoint.query, request.query, 'query');
        if (!query.ok) return send(endpoint, request, reply, query.reply);
        const body = readBody(endpoint, request, raw);
        if (!body.ok) return send(endpoint, request, reply, body.reply);
        const input = { params: params.value, query: query.value, body: body.value, terminal, principal, headers: request.headers } as RouteInput<E>;
        return send(endpoint, request, reply, await handler(input));
      } catch (error) {
        return sendFailure(endpoint, request, reply, error);
      }
    },
  });
}

/** Every body arrives as bytes; Fastify's own errors and unknown routes answer in the contract's error format. */
export function prepareApp(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    const code = status === 413 ? 'tooLarge' : status === 415 ? 'unsupportedMediaType' : status >= 400 && status < 500 ? 'invalidRequest' : 'internal';
    if (status >= 500) request.log.error({ err: { message: error.message } }, 'request failed');
    const body: ErrorAnswer = { code, message: status >= 500 ? 'the platform failed on this request' : error.message };
    return reply.code(status).type(JSON_TYPE).send(JSON.stringify(body));
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorAnswer = { code: 'notFound', message: `no endpoint ${request.method} ${request.url.split('?')[0]}` };
    return reply.code(404).type(JSON_TYPE).send(JSON.stringify(body));
  });
}
