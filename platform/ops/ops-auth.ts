// Who an ops request comes from and whether they may do it: one gate for the ops console's pages and for the
// `/v1/ops/*` endpoints of the sync API. A request carries either the session cookie of a logged-in user (then a
// state-changing request must also carry the session's CSRF token and, when the browser sends one, a same-origin
// Origin) or `Authorization: Bearer <ops API token>` (scripts and tests; the token acts as an operator).
import { timingSafeEqual } from 'node:crypto';
import type { OpsRole } from '../storage/ops-queries';
import { type Outcome, fail } from '../sync/outcome';
import { type OpsAccounts, type OpsPrincipal, roleAllows } from './ops-accounts';

export const sessionCookie = 'ops_session';
export const csrfHeader = 'x-csrf-token';

/** The API token's principal in the audit log. */
export const apiTokenActor = 'api-token';

export const csrfRefusal = 'this request lacks the session’s CSRF token or comes from another site';

export interface OpsRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  /** The CSRF token a form sent in its body (`_csrf`); a header is read from `headers`. */
  formCsrf?: string;
}

function header(headers: OpsRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Constant-time comparison of two secrets. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function readCookie(headers: OpsRequest['headers'], name: string): string | undefined {
  for (const part of (header(headers, 'cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** Whether the request reached us over TLS (directly or, as a proxy says, before the proxy): then cookies are Secure. */
export function overTls(headers: OpsRequest['headers'], encrypted: boolean): boolean {
  return encrypted || header(headers, 'x-forwarded-proto') === 'https';
}

export function sessionCookieHeader(token: string, secure: boolean): string {
  return `${sessionCookie}=${token}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookieHeader(secure: boolean): string {
  return `${sessionCookie}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}

/** The host of an Origin header; undefined for `null` or anything unparsable (never equal to a Host). */
function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export class OpsAuth {
  readonly accounts: OpsAccounts;
  readonly #apiToken: string | undefined;

  constructor(accounts: OpsAccounts, apiToken: string | undefined) {
    this.accounts = accounts;
    this.#apiToken = apiToken;
  }

  /** The requester, or undefined (no or unknown credentials); no role or CSRF check. */
  async identify(request: OpsRequest): Promise<OpsPrincipal | undefined> {
    const authorization = header(request.headers, 'authorization');
    if (authorization !== undefined) {
      if (!this.#apiToken || !authorization.startsWith('Bearer ') || !sameSecret(authorization.slice('Bearer '.length), this.#apiToken)) return undefined;
      return { username: apiTokenActor, role: 'operator', via: 'token', mustChangePassword: false };
    }
    const token = readCookie(request.headers, sessionCookie);
    return token ? this.accounts.session(token) : undefined;
  }

  /**
   * The requester when they may do this with role `needed`: 401 without valid credentials, 403 for a forged
   * (cross-site) request, a role too low, or a one-time password not yet changed. Refusals of state-changing requests
   * are audited.
   */
  async authorize(request: OpsRequest, needed: OpsRole): Promise<Outcome<OpsPrincipal>> {
    const principal = await this.identify(request);
    if (!principal) return fail(401, 'forbidden', 'log in to the ops console, or send Authorization: Bearer <ops token>');
    const changing = !safeMethods.has(request.method.toUpperCase());
    if (principal.via === 'session' && changing) {
      const given = header(request.headers, csrfHeader) ?? request.formCsrf;
      const origin = header(request.headers, 'origin');
      const host = header(request.headers, 'host');
      if (!given || !principal.csrfToken || !sameSecret(given, principal.csrfToken) || (origin !== undefined && originHost(origin) !== host)) {
        await this.accounts.audit(principal.username, 'request.refused', null, { reason: 'csrf', method: request.method });
        return fail(403, 'forbidden', csrfRefusal);
      }
    }
    if (principal.mustChangePassword) return fail(403, 'forbidden', 'change your one-time password first');
    if (!roleAllows(principal.role, needed)) {
      if (changing) await this.accounts.audit(principal.username, 'request.refused', null, { reason: 'role', role: principal.role, needed, method: request.method });
      return fail(403, 'forbidden', `this needs the ${needed} role; you are ${principal.role}`);
    }
    return { ok: true, value: principal };
  }
}
