// One circuit breaker for the platform, shared by every lane of the agent (a kiosk talks to one platform: when it is
// down, it is down for submits, uploads and heartbeats alike).
//
//   closed   ── a failure ──> closed with a backoff: nobody sends before `notBefore` (full-jitter delay, or the
//                            platform's Retry-After if longer), then everybody may
//   closed   ── `failureThreshold` consecutive failures ──> open: nobody sends before `notBefore`, then
//   halfOpen ── one probe request, the others wait ──> success: closed | failure: open again, with a longer backoff
//
// A failure is anything that says the platform cannot serve (no connection, timeout, 5xx, a malformed answer); a
// refusal of one transaction (4xx in the contract's format) is the platform working, so it counts as success.
import { type BackoffPolicy, fullJitterDelay } from './backoff';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the breaker. */
  failureThreshold: number;
  backoff: BackoffPolicy;
  /** Uniform in [0, 1); injected so tests are repeatable. */
  random: () => number;
}

export type BreakerState = 'closed' | 'open' | 'halfOpen';

/** `probe`: the one request of the half-open state. `until: null`: a probe is in flight; wait for its outcome. */
export type Permit = { ok: true; probe: boolean } | { ok: false; until: number | null };

export class CircuitBreaker {
  readonly #options: CircuitBreakerOptions;
  #failures = 0;
  #notBefore = 0;
  #probeInFlight = false;

  constructor(options: CircuitBreakerOptions) {
    if (!(options.failureThreshold >= 1)) throw new RangeError('failureThreshold must be 1 or more');
    this.#options = options;
  }

  get consecutiveFailures(): number {
    return this.#failures;
  }

  /** No request before this time (0 when none is waited for). */
  get notBefore(): number {
    return this.#notBefore;
  }

  state(): BreakerState {
    if (this.#failures < this.#options.failureThreshold) return 'closed';
    return this.#probeInFlight ? 'halfOpen' : 'open';
  }

  /** Asked right before a request is sent; an `ok` permit must be followed by success() or failure(). */
  permit(now: number): Permit {
    if (now < this.#notBefore) return { ok: false, until: this.#notBefore };
    if (this.#failures < this.#options.failureThreshold) return { ok: true, probe: false };
    if (this.#probeInFlight) return { ok: false, until: null };
    this.#probeInFlight = true;
    return { ok: true, probe: true };
  }

  /** Gives back an `ok` permit that was not used for a request. */
  release(permit: Permit): void {
    if (permit.ok && permit.probe) this.#probeInFlight = false;
  }

  success(): void {
    this.#failures = 0;
    this.#notBefore = 0;
    this.#probeInFlight = false;
  }

  /** Records a failure; resolves the time before which nobody sends again. */
  failure(now: number, retryAfterMs?: number): number {
    this.#failures++;
    this.#probeInFlight = false;
    const delay = Math.max(fullJitterDelay(this.#options.backoff, this.#failures, this.#options.random), retryAfterMs ?? 0);
    this.#notBefore = Math.max(this.#notBefore, now + delay);
    return this.#notBefore;
  }
}
