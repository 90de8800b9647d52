// The kiosk's side of the sync API (contracts/sync-api.ts): each endpoint as a typed call that signs the request,
// sends it with a timeout, and validates the answer with the contract's zod schemas. Every outcome is a value: an
// answer the contract does not allow is a `malformedAnswer` failure, never an exception, so nothing upstream can be
// lost to a platform bug or a captive portal answering HTML.
//
// Clock skew: requests are signed with the kiosk's clock plus an offset learnt from the platform's `serverTime` (in
// heartbeat answers, and in `staleTimestamp` refusals, after which the request is signed again and resent once).
import type { z } from 'zod';
import type { CatalogDocument } from '../../contracts/catalog';
import {
  type AttachmentProgress,
  ErrorAnswer,
  type HeartbeatAnswer,
  type HeartbeatRequest,
  type SubmitAnswer,
  type SubmitBatchAnswer,
  type SubmitTransactionRequest,
  type TerminalCredentials,
  type Endpoint,
  type EndpointName,
  type UploadFramesAnswer,
  authHeaderNames,
  buildPath,
  catalogSignatureHeader,
  catalogVersionHeader,
  syncApi,
  uploadFramesContentType,
} from '../../contracts/sync-api';
import { parseRetryAfter } from './backoff';
import type { Clock } from './clock';
import { HttpTransport } from './http-transport';
import { RequestSigner } from './request-signer';

export type SyncFailure =
  /** No answer: connection refused or reset, closed early, DNS, TLS; or the client was closed. */
  | { kind: 'network' | 'timeout' | 'closed'; message: string }
  /** An answer the contract does not allow (not JSON, wrong shape, undeclared status, too large). */
  | { kind: 'malformedAnswer'; status: number; message: string }
  /** The platform refused in the contract's error format. */
  | { kind: 'refused'; status: number; error: ErrorAnswer; retryAfterMs: number | undefined }
  /** An error status without the contract's body: a gateway or proxy in between (502, 503 from a load balancer...). */
  | { kind: 'unexpectedStatus'; status: number; retryAfterMs: number | undefined };

/** Endpoints answering 200 with a JSON body and taking a JSON body or none (not the chunk upload). */
export type JsonEndpointName = {
  [N in EndpointName]: (typeof syncApi)[N] extends { body: { binary: unknown } } ? never : (typeof syncApi)[N]['responses'] extends { 200: z.ZodType } ? N : never;
}[EndpointName];
export type EndpointAnswer<N extends JsonEndpointName> = (typeof syncApi)[N]['responses'] extends { 200: infer S extends z.ZodType } ? z.output<S> : never;

/** One chunk of a frames request: `bytes` of attachment `attachmentId` from `offset`. */
export interface UploadFrame {
  target: { transactionId: string; attachmentId: string; offset: number };
  bytes: Uint8Array;
}

export type SyncResult<T> = { ok: true; value: T } | { ok: false; failure: SyncFailure };

export type CatalogFetch =
  | { changed: false }
  /** `signature`: the `x-catalog-signature` header, checked by the caller against the platform's key. */
  | { changed: true; etag: string; version: string; document: CatalogDocument; text: string; signature: string | undefined };

export interface SyncClientOptions {
  /** Base URL; a path prefix is kept (and signed). */
  platformUrl: string;
  credentials: TerminalCredentials;
  clock: Clock;
  /** Per request; an upload chunk must get through within it on the slowest link expected. */
  requestTimeoutMs: number;
  /** Default 64 MiB. */
  maxResponseBytes?: number;
}

interface Call<S extends z.ZodType> {
  method: string;
  /** Path and query, relative to the platform URL. */
  target: string;
  body?: { json: unknown } | { frames: readonly UploadFrame[] };
  headers?: Record<string, string>;
  /** Schemas of the success statuses; `null` for an answer without a body. */
  responses: Record<number, S | null>;
}

type CallAnswer<S extends z.ZodType> = { status: number; value: z.output<S> | null; headers: Record<string, string | string[] | undefined>; text: string };

export class SyncClient {
  readonly #base: URL;
  readonly #signer: RequestSigner;
  readonly #clock: Clock;
  readonly #timeoutMs: number;
  readonly #transport: HttpTransport;
  #offsetMs = 0;

  constructor(options: SyncClientOptions) {
    this.#base = new URL(options.platformUrl);
    if (this.#base.protocol !== 'http:' && this.#base.protocol !== 'https:') throw new Error(`platformUrl must be http(s): ${options.platformUrl}`);
    this.#signer = new RequestSigner(options.credentials);
    this.#clock = options.clock;
    this.#timeoutMs = options.requestTimeoutMs;
    this.#transport = new HttpTransport({ clock: options.clock, maxResponseBytes: options.maxResponseBytes ?? 64 * 2 ** 20, maxSockets: 4 });
  }

  get terminalId(): string {
    return this.#signer.terminalId;
  }

  /** Platform time minus kiosk time, as last measured. */
  get clockOffsetMs(): number {
    return this.#offsetMs;
  }

  /** The platform's time as the kiosk estimates it. */
  platformNow(): number {
    return this.#clock.now() + this.#offsetMs;
  }

  submitBatch(transactions: readonly SubmitTransactionRequest[]): Promise<SyncResult<SubmitBatchAnswer>> {
    const endpoint = syncApi.submitBatch;
    return this.#json({ method: endpoint.method, target: endpoint.path, body: { json: { transactions } }, responses: endpoint.responses });
  }

  submit(transaction: SubmitTransactionRequest): Promise<SyncResult<SubmitAnswer>> {
    const endpoint = syncApi.submitTransaction;
    return this.#json({ method: endpoint.method, target: endpoint.path, body: { json: transaction }, responses: endpoint.responses });
  }

  /**
   * Chunks of several attachments in one streamed request (contracts/sync-api.ts, "Attachment frames"): the platform
   * stores each as it arrives and answers one result per frame it took, in order.
   */
  uploadFrames(frames: readonly UploadFrame[]): Promise<SyncResult<UploadFramesAnswer>> {
    const endpoint = syncApi.uploadFrames;
    return this.#json({ method: endpoint.method, target: endpoint.path, body: { frames }, responses: endpoint.responses });
  }

  /** How much of an attachment the platform holds: where to resume after an upload whose answer was lost. */
  attachmentProgress(target: { transactionId: string; attachmentId: string }): Promise<SyncResult<AttachmentProgress>> {
    const endpoint = syncApi.attachmentProgress;
    return this.#json({ method: endpoint.method, target: buildPath(endpoint.path, target), responses: endpoint.responses });
  }

  async heartbeat(heartbeat: HeartbeatRequest): Promise<SyncResult<HeartbeatAnswer>> {
    const endpoint = syncApi.heartbeat;
    const sentAt = this.#clock.now();
    const result = await this.#json({ method: endpoint.method, target: endpoint.path, body: { json: heartbeat }, responses: endpoint.responses });
    if (result.ok) this.#learnOffset(result.value.serverTime, sentAt);
    return result;
  }

  /** The catalog in force; `changed: false` when it still has `etag` (304). */
  async catalog(etag: string | undefined): Promise<SyncResult<CatalogFetch>> {
    const endpoint = syncApi.catalog;
    const result = await this.#call({ method: endpoint.method, target: endpoint.path, headers: etag ? { 'if-none-match': etag } : {}, responses: endpoint.responses });
    if (!result.ok) return result;
    const { status, value, headers, text } = result.value;
    if (status === 304 || value === null) return { ok: true, value: { changed: false } };
    const answerEtag = headers.etag;
    if (typeof answerEtag !== 'string' || answerEtag === '') return malformed(status, 'the catalog came without an ETag');
    const version = headers[catalogVersionHeader];
    const signature = headers[catalogSignatureHeader];
    return {
      ok: true,
      value: { changed: true, etag: answerEtag, version: typeof version === 'string' ? version : value.version, document: value, text, signature: typeof signature === 'string' ? signature : undefined },
    };
  }

  /**
   * Any JSON endpoint of the contract by name, for the citizen's online requests (identity, prefill, progress): the
   * path filled from `params`, the body as given, the 200 answer validated. The drain uses the methods above.
   */
  request<N extends JsonEndpointName>(name: N, call: { params?: Record<string, string>; body?: unknown } = {}): Promise<SyncResult<EndpointAnswer<N>>> {
    const endpoint: Endpoint = syncApi[name];
    const target = buildPath(endpoint.path, call.params ?? {});
    const answer = endpoint.responses[200];
    if (!answer) throw new Error(`${name} has no JSON answer`);
    return this.#json({
      method: endpoint.method,
      target,
      ...(call.body === undefined ? {} : { body: { json: call.body } }),
      responses: { 200: answer },
    }) as Promise<SyncResult<EndpointAnswer<N>>>;
  }

  /** Stops requests in flight (they resolve with a `closed` failure) and closes pooled connections. */
  close(): void {
    this.#transport.close();
  }

  async #json<S extends z.ZodType>(call: Call<S>): Promise<SyncResult<z.output<S>>> {
    const result = await this.#call(call);
    if (!result.ok) return result;
    if (result.value.value === null) return malformed(result.value.status, 'the answer has no body');
    return { ok: true, value: result.value.value };
  }

  async #call<S extends z.ZodType>(call: Call<S>): Promise<SyncResult<CallAnswer<S>>> {
    const first = await this.#attempt(call);
    // A stale timestamp tells the platform's time: sign again with the corrected clock and resend once.
    if (!first.ok && first.failure.kind === 'refused' && first.failure.error.code === 'staleTimestamp') return this.#attempt(call);
    return first;
  }

  async #attempt<S extends z.ZodType>(call: Call<S>): Promise<SyncResult<CallAnswer<S>>> {
    const target = `${this.#base.pathname.replace(/\/+$/, '')}${call.target}`;
    const sentAt = this.#clock.now();
    const timestampMs = sentAt + this.#offsetMs;
    let body: Uint8Array;
    let auth: Record<string, string>;
    let contentType: Record<string, string>;
    if (call.body !== undefined && 'frames' in call.body) {
      auth = this.#signer.headers({ method: call.method, target, body: 'streamed', timestampMs });
      body = this.#signer.signFrames(auth[authHeaderNames.signature] ?? '', call.body.frames.map(toSignable));
      contentType = { 'content-type': uploadFramesContentType };
    } else {
      body = call.body === undefined ? new Uint8Array() : Buffer.from(JSON.stringify(call.body.json));
      auth = this.#signer.headers({ method: call.method, target, body, timestampMs });
      contentType = call.body === undefined ? {} : { 'content-type': 'application/json' };
    }
    const answer = await this.#transport.send({
      method: call.method,
      url: new URL(target, this.#base),
      headers: { accept: 'application/json', ...contentType, ...call.headers, ...auth },
      body,
      timeoutMs: this.#timeoutMs,
    });
    if (!answer.ok) {
      const { kind, message } = answer.error;
      return kind === 'tooLarge' ? malformed(0, message) : { ok: false, failure: { kind, message } };
    }
    const { status, headers } = answer;
    const text = answer.body.toString('utf8');
    const schema = call.responses[status];
    if (schema === undefined) return { ok: false, failure: this.#errorFailure(status, headers, text, sentAt) };
    if (schema === null) return { ok: true, value: { status, value: null, headers, text } };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return malformed(status, `the ${status} answer is not JSON`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) return malformed(status, `the ${status} answer does not fit the contract: ${describeIssues(parsed.error)}`);
    return { ok: true, value: { status, value: parsed.data, headers, text } };
  }

  #errorFailure(status: number, headers: Record<string, string | string[] | undefined>, text: string, sentAt: number): SyncFailure {
    const retryAfter = headers['retry-after'];
    const retryAfterMs = parseRetryAfter(typeof retryAfter === 'string' ? retryAfter : undefined, this.platformNow());
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const error = ErrorAnswer.safeParse(json);
    if (!error.success) {
      if (status >= 400) return { kind: 'unexpectedStatus', status, retryAfterMs };
      return { kind: 'malformedAnswer', status, message: `status ${status} is not an answer of this endpoint` };
    }
    if (error.data.code === 'staleTimestamp' && error.data.serverTime) this.#learnOffset(error.data.serverTime, sentAt);
    return { kind: 'refused', status, error: error.data, retryAfterMs };
  }

  /** The platform's clock read `serverTime` at about the middle of the exchange. */
  #learnOffset(serverTime: string, sentAt: number): void {
    const server = Date.parse(serverTime);
    if (Number.isNaN(server)) return;
    this.#offsetMs = Math.round(server - (sentAt + this.#clock.now()) / 2);
  }
}

function toSignable(frame: UploadFrame): { header: { transactionId: string; attachmentId: string; offset: number; length: number }; data: Uint8Array } {
  return { header: { ...frame.target, length: frame.bytes.byteLength }, data: frame.bytes };
}

function malformed(status: number, message: string): { ok: false; failure: SyncFailure } {
  return { ok: false, failure: { kind: 'malformedAnswer', status, message } };
}

/** Where the answer breaks the contract: paths and zod's messages, never values (an answer may hold personal data). */
function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`);
  return `${shown.join('; ')}${error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : ''}`;
}
