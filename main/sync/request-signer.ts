// Signs sync-API requests as contracts/sync-api.ts ("Authentication") prescribes: HMAC-SHA256, keyed with the
// terminal's decoded secret, over canonicalRequest(method, target, terminal, timestamp, nonce, SHA-256 of the body).
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

export class RequestSigner {
  readonly #terminalId: string;
  readonly #key: Buffer;

  constructor(credentials: TerminalCredentials) {
    this.#terminalId = credentials.terminalId;
    this.#key = Buffer.from(credentials.secret, 'base64url');
  }

  get terminalId(): string {
    return this.#terminalId;
  }

  /**
   * The four authentication headers for one attempt; a fresh nonce each call, so a retry is never a replay.
   * `streamed`: a frames request, whose frames are signed one by one with `signFrames`.
   */
  headers(request: { method: string; target: string; body: Uint8Array | 'streamed'; timestampMs: number }): Record<string, string> {
    const timestamp = String(Math.round(request.timestampMs));
    const nonce = randomBytes(18).toString('base64url');
    const signature = createHmac('sha256', this.#key)
      .update(
        canonicalRequest({
          method: request.method,
          target: request.target,
          terminalId: this.#terminalId,
          timestamp,
          nonce,
          bodySha256Hex: request.body === 'streamed' ? streamedBodyHash : createHash('sha256').update(request.body).digest('hex'),
        }),
      )
      .digest('base64url');
    return {
      [authHeaderNames.terminalId]: this.#terminalId,
      [authHeaderNames.timestamp]: timestamp,
      [authHeaderNames.nonce]: nonce,
      [authHeaderNames.signature]: signature,
    };
  }

  /** The body of a frames request: each frame's signature chained to the one before, the first to the request's. */
  signFrames(requestSignature: string, frames: readonly { header: Omit<FrameHeader, 'signature'>; data: Uint8Array }[]): Uint8Array {
    let previous = requestSignature;
    const encoded = frames.map(({ header, data }) => {
      const signature = createHmac('sha256', this.#key).update(canonicalFrame(previous, header, createHash('sha256').update(data).digest('hex'))).digest('base64url');
      previous = signature;
      return encodeFrame({ ...header, signature }, data);
    });
    return Buffer.concat(encoded);
  }
}
