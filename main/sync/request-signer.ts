// Signs sync-API requests as contracts/sync-api.ts ("Authentication") prescribes: HMAC-SHA256, keyed with the
// terminal's decoded secret, over canonicalRequest(method, target, terminal, timestamp, nonce, SHA-256 of the body).
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { type TerminalCredentials, authHeaderNames, canonicalRequest } from '../../contracts/sync-api';

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

  /** The four authentication headers for one attempt; a fresh nonce each call, so a retry is never a replay. */
  headers(request: { method: string; target: string; body: Uint8Array; timestampMs: number }): Record<string, string> {
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
          bodySha256Hex: createHash('sha256').update(request.body).digest('hex'),
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
}
