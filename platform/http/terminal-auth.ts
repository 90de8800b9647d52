// Verifies a terminal's signed request (the scheme is in contracts/sync-api.ts, "Authentication"): headers well
// formed, timestamp within the window of the platform's clock, terminal known and enabled, HMAC-SHA256 right, nonce
// never seen. The nonce is recorded only after the signature checks out, so a forger cannot burn a terminal's nonces.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { TerminalAuthHeaders, authHeaderNames, canonicalRequest, streamedBodyHash, timestampWindowMs } from '../../contracts/sync-api';
import type { PlatformStorage, TerminalRecord } from '../storage/platform-storage';
import { type Outcome, fail } from '../sync/outcome';

export interface SignedRequest {
  method: string;
  /** Path and query as received. */
  target: string;
  headers: Record<string, string | string[] | undefined>;
  /** The body's bytes, or `streamed` for a frames request, whose head is signed without them (each frame is signed). */
  body: Uint8Array | 'streamed';
}

/** Expired nonces are swept at most this often. */
const SWEEP_INTERVAL_MS = 60_000;

export class TerminalAuth {
  readonly #storage: PlatformStorage;
  readonly #now: () => Date;
  #lastSweep = 0;

  constructor(storage: PlatformStorage, now: () => Date) {
    this.#storage = storage;
    this.#now = now;
  }

  async verify(request: SignedRequest): Promise<Outcome<TerminalRecord>> {
    const now = this.#now();
    const missing = Object.values(authHeaderNames).filter((name) => request.headers[name] === undefined);
    if (missing.length > 0) return fail(401, 'missingAuth', `missing authentication header${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
    const parsed = TerminalAuthHeaders.safeParse(request.headers);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail(401, 'missingAuth', `authentication header ${String(issue?.path[0] ?? '')}: ${issue?.message ?? 'invalid'}`);
    }
    const headers = parsed.data;
    const terminalId = headers[authHeaderNames.terminalId];
    const timestamp = Number(headers[authHeaderNames.timestamp]);
    if (Math.abs(now.getTime() - timestamp) > timestampWindowMs) {
      return fail(401, 'staleTimestamp', `the request's timestamp is more than ${timestampWindowMs / 1000} s from the platform's clock; correct by serverTime`, {
        serverTime: now.toISOString(),
      });
    }
    const terminal = await this.#storage.q.getTerminal(terminalId);
    if (!terminal) return fail(401, 'unknownTerminal', `terminal ${terminalId} is not registered`);

    const expected = createHmac('sha256', Buffer.from(terminal.secret, 'base64url'))
      .update(
        canonicalRequest({
          method: request.method,
          target: request.target,
          terminalId,
          timestamp: headers[authHeaderNames.timestamp],
          nonce: headers[authHeaderNames.nonce],
          bodySha256Hex: request.body === 'streamed' ? streamedBodyHash : createHash('sha256').update(request.body).digest('hex'),
        }),
      )
      .digest();
    const given = Buffer.from(headers[authHeaderNames.signature], 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return fail(401, 'badSignature', 'the signature does not match this request and terminal');
    }
    if (!terminal.enabled) return fail(403, 'terminalDisabled', `terminal ${terminalId} is disabled`);

    await this.#sweep(now);
    // Kept until the timestamp leaves the window: after that a replay is refused as stale.
    const expiresAt = new Date(timestamp + timestampWindowMs + 1000);
    const fresh = await this.#storage.transaction((q) => q.rememberNonce(terminalId, headers[authHeaderNames.nonce], expiresAt));
    if (!fresh) {
      return fail(401, 'replayedNonce', 'this nonce was used before; every request, also a retry, needs a fresh one');
    }
    return { ok: true, value: terminal };
  }

  async #sweep(now: Date): Promise<void> {
    if (now.getTime() - this.#lastSweep < SWEEP_INTERVAL_MS) return;
    this.#lastSweep = now.getTime();
    await this.#storage.q.forgetNoncesBefore(now);
  }
}
