// Retry timing: capped exponential backoff with full jitter (a uniform random wait up to the exponential bound, so a
// fleet of kiosks coming back after an outage spreads out instead of arriving together), and `Retry-After`.

export interface BackoffPolicy {
  /** The bound after the first failure; it doubles with each further one. */
  baseMs: number;
  /** The bound never exceeds this. */
  capMs: number;
}

/** The longest `Retry-After` honoured; a larger value (a misconfigured proxy) is treated as this. */
export const maxRetryAfterMs = 60 * 60 * 1000;

/** Wait after the `failures`-th consecutive failure (1 or more): uniform in [0, min(cap, base · 2^(failures-1))]. */
export function fullJitterDelay(policy: BackoffPolicy, failures: number, random: () => number): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 52);
  const bound = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  return Math.floor(random() * bound);
}

/**
 * A `Retry-After` header (RFC 9110: delay-seconds or an HTTP-date) as milliseconds from `nowMs`; undefined when absent
 * or unreadable. Dates are compared with `nowMs`, which should be the platform's time (the skew-corrected clock).
 */
export function parseRetryAfter(header: string | undefined, nowMs: number): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else {
    // An HTTP-date starts with the day's name ("Sun, 06 Nov 1994 08:49:37 GMT"); Date.parse alone takes "-5" too.
    const date = /^[A-Za-z]{3},? /.test(text) ? Date.parse(text) : Number.NaN;
    if (Number.isNaN(date)) return undefined;
    ms = Math.max(0, date - nowMs);
  }
  return Math.min(ms, maxRetryAfterMs);
}
