// A minimal sync-API client for tests and benchmarks: signs each request as a kiosk must (contracts/sync-api.ts,
// "Authentication"), over real HTTP. Overrides let a test send what a kiosk must not (stale clock, reused nonce, bad
// signature).
import { createHash, createHmac, randomBytes } from 'node:crypto';
import {
  type FrameHeader,
  type TerminalCredentials,
  authHeaderNames,
  canonicalFrame,
  canonicalRequest,
  encodeFrame,
  streamedBodyHash,
} from '../../contracts/sync-api';

export interface SendOptions {
  json?: unknown;
  /** Raw body bytes (upload chunks). */
  bytes?: Uint8Array;
  contentType?: string;
  headers?: Record<string, string>;
  /** Sign with this timestamp (ms) instead of the client's clock. */
  timestamp?: number;
  nonce?: string;
  /** Send this signature instead of the right one. */
  signature?: string;
  /** Send no authentication headers. */
  unsigned?: boolean;
}

export interface SendResult {
  status: number;
  headers: Headers;
  text: string;
  json(): unknown;
}

export class SignedClient {
  readonly #baseUrl: string;
  readonly #credentials: TerminalCredentials;
  readonly #clock: () => number;

  constructor(baseUrl: string, credentials: TerminalCredentials, clock: () => number = Date.now) {
    this.#baseUrl = baseUrl;
    this.#credentials = credentials;
    this.#clock = clock;
  }

  get terminalId(): string {
    return this.#credentials.terminalId;
  }

  signatureHeaders(method: string, target: string, body: Uint8Array | 'streamed', options: Pick<SendOptions, 'timestamp' | 'nonce'> = {}): Record<string, string> {
    const timestamp = String(options.timestamp ?? this.#clock());
    const nonce = options.nonce ?? randomBytes(16).toString('base64url');
    const signature = createHmac('sha256', Buffer.from(this.#credentials.secret, 'base64url'))
      .update(
        canonicalRequest({
          method,
          target,
          terminalId: this.#credentials.terminalId,
          timestamp,
          nonce,
          bodySha256Hex: body === 'streamed' ? streamedBodyHash : createHash('sha256').update(body).digest('hex'),
        }),
      )
      .digest('base64url');
    return {
      [authHeaderNames.terminalId]: this.#credentials.terminalId,
      [authHeaderNames.timestamp]: timestamp,
      [authHeaderNames.nonce]: nonce,
      [authHeaderNames.signature]: signature,
    };
  }

  /** The head's signature for a frames request (the body hash replaced by `streamedBodyHash`). */
  streamedHeaders(target: string): Record<string, string> {
    return this.signatureHeaders('POST', target, 'streamed');
  }

  /** The body of a frames request: frames chained from `previousSignature` (the head's signature), as a kiosk signs them. */
  frames(previousSignature: string, frames: readonly { header: Omit<FrameHeader, 'signature'>; data: Uint8Array }[]): Buffer {
    const key = Buffer.from(this.#credentials.secret, 'base64url');
    let previous = previousSignature;
    return Buffer.concat(
      frames.map(({ header, data }) => {
        const signature = createHmac('sha256', key).update(canonicalFrame(previous, header, createHash('sha256').update(data).digest('hex'))).digest('base64url');
        previous = signature;
        return encodeFrame({ ...header, signature }, data);
      }),
    );
  }

  async send(method: string, target: string, options: SendOptions = {}): Promise<SendResult> {
    const body = options.bytes ?? (options.json === undefined ? new Uint8Array() : Buffer.from(JSON.stringify(options.json)));
    const contentType = options.contentType ?? (options.bytes ? 'application/octet-stream' : options.json === undefined ? undefined : 'application/json');
    const auth = options.unsigned ? {} : this.signatureHeaders(method, target, body, options);
    if (options.signature && !options.unsigned) auth[authHeaderNames.signature] = options.signature;
    const response = await fetch(`${this.#baseUrl}${target}`, {
      method,
      headers: { ...auth, ...(contentType ? { 'content-type': contentType } : {}), ...options.headers },
      // Typed for the DOM's fetch too (test/e2e compiles this with the DOM library), which wants an ArrayBuffer-backed view.
      ...(body.byteLength > 0 || method === 'POST' || method === 'PUT' || method === 'PATCH' ? { body: body as Uint8Array<ArrayBuffer> } : {}),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
  }
}

/** A UUIDv7 (RFC 9562) for `ms`, random elsewhere. */
export function uuidv7(ms: number = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | ((bytes[6] as number) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
