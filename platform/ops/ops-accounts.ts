// Ops console accounts: users with roles, logins with lockout, server-side sessions, and the audit log of what ops
// do. The HTTP side (cookies, CSRF, role checks per request) is ops-auth.ts; this file knows no HTTP.
import { createHash, randomBytes } from 'node:crypto';
import type { OpsRole, OpsUserRecord } from '../storage/ops-queries';
import type { PlatformStorage } from '../storage/platform-storage';
import { type ScryptCost, defaultCost, hashPassword, oneTimePassword, verifyPassword } from './password-hash';

export const opsRoles = ['viewer', 'operator', 'admin'] as const satisfies readonly OpsRole[];

const rank: Record<OpsRole, number> = { viewer: 0, operator: 1, admin: 2 };

/** Whether `role` may do what `needed` may. */
export function roleAllows(role: OpsRole, needed: OpsRole): boolean {
  return rank[role] >= rank[needed];
}

/** Who is acting: a logged-in user, or a holder of the platform's ops API token (scripts, tests). */
export interface OpsPrincipal {
  username: string;
  role: OpsRole;
  via: 'session' | 'token';
  /** Sessions only: what a state-changing request must echo. */
  csrfToken?: string;
  /** A one-time password is in use: nothing but changing it is allowed. */
  mustChangePassword: boolean;
}

export interface AccountPolicy {
  /** Failed logins in a row that lock an account. */
  maxFailures: number;
  lockMs: number;
  /** A session unused this long is over. */
  idleMs: number;
  /** A session is over this long after login, used or not. */
  absoluteMs: number;
  minPasswordLength: number;
  cost: ScryptCost;
}

export const defaultPolicy: AccountPolicy = {
  maxFailures: 5,
  lockMs: 15 * 60_000,
  idleMs: 30 * 60_000,
  absoluteMs: 12 * 60 * 60_000,
  minPasswordLength: 12,
  cost: defaultCost,
};

export const Username = /^[a-z][a-z0-9._-]{1,31}$/;

export type LoginResult =
  | { ok: true; sessionToken: string; principal: OpsPrincipal }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; until: Date };

export type AccountChange = { ok: true } | { ok: false; reason: 'invalidUsername' | 'exists' | 'notFound' | 'weakPassword' | 'wrongPassword' | 'lastAdmin' };

/** Session lookups write last-seen at most this often. */
const TOUCH_EVERY_MS = 60_000;

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class OpsAccounts {
  readonly #storage: PlatformStorage;
  readonly #now: () => Date;
  readonly policy: AccountPolicy;
  /** Checked against when the user does not exist, so a wrong name takes as long as a wrong password. */
  #dummyHash: Promise<string> | undefined;

  constructor(storage: PlatformStorage, now: () => Date, policy: Partial<AccountPolicy> = {}) {
    this.#storage = storage;
    this.#now = now;
    this.policy = { ...defaultPolicy, ...policy };
  }

  async audit(actor: string, action: string, target: string | null = null, detail: unknown = null): Promise<void> {
    await this.#storage.ops.insertAudit({ at: this.#now(), actor, action, target, detail });
  }

  /**
   * On a database without ops users, creates the first admin with a one-time password (changed at first login) and
   * returns it; undefined when users exist.
   */
  async bootstrapAdmin(username: string): Promise<{ username: string; password: string } | undefined> {
    if ((await this.#storage.ops.countUsers()) > 0) return undefined;
    const created = await this.createUser('system', username, 'admin');
    return created.ok ? { username, password: created.password } : undefined;
  }

  /** A new user with a one-time password, which the caller hands over once. */
  async createUser(actor: string, username: string, role: OpsRole): Promise<{ ok: true; password: string } | { ok: false; reason: 'invalidUsername' | 'exists' }> {
    if (!Username.test(username)) return { ok: false, reason: 'invalidUsername' };
    const password = oneTimePassword();
    const inserted = await this.#storage.ops.insertUser({
      username,
      role,
      passwordHash: await hashPassword(password, this.policy.cost),
      mustChangePassword: true,
      createdAt: this.#now(),
    });
    if (!inserted) return { ok: false, reason: 'exists' };
    await this.audit(actor, 'user.create', username, { role });
    return { ok: true, password };
  }

  async login(username: string, password: string): Promise<LoginResult> {
    const now = this.#now();
    const user = Username.test(username) ? await this.#storage.ops.getUser(username) : undefined;
    if (!user) {
      await verifyPassword(password, await this.#dummy());
      await this.audit(username.slice(0, 64) || '-', 'login.failed', null, { reason: 'unknownUser' });
      return { ok: false, reason: 'invalid' };
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      await this.audit(username, 'login.refused', null, { reason: 'locked' });
      return { ok: false, reason: 'locked', until: user.lockedUntil };
    }
    if (!(await verifyPassword(password, user.passwordHash))) {
      const lockedUntil = await this.#storage.ops.recordFailedLogin(username, this.policy.maxFailures, new Date(now.getTime() + this.policy.lockMs));
      await this.audit(username, lockedUntil ? 'login.locked' : 'login.failed', null, lockedUntil ? { until: lockedUntil.toISOString() } : { reason: 'wrongPassword' });
      return lockedUntil ? { ok: false, reason: 'locked', until: lockedUntil } : { ok: false, reason: 'invalid' };
    }
    await this.#storage.ops.recordSuccessfulLogin(username);
    // Sessions nobody used for the idle time are over: sweep them here rather than on a timer.
    await this.#storage.ops.deleteSessionsSeenBefore(new Date(now.getTime() - this.policy.idleMs));
    const sessionToken = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    await this.#storage.ops.insertSession(tokenHash(sessionToken), username, csrfToken, now);
    await this.audit(username, 'login', null, null);
    return { ok: true, sessionToken, principal: { username, role: user.role, via: 'session', csrfToken, mustChangePassword: user.mustChangePassword } };
  }

  /** The session's user, or undefined when the token is unknown or the session expired (it is then removed). */
  async session(sessionToken: string): Promise<OpsPrincipal | undefined> {
    const now = this.#now();
    const hash = tokenHash(sessionToken);
    const session = await this.#storage.ops.getSession(hash);
    if (!session) return undefined;
    if (now.getTime() - session.lastSeenAt.getTime() > this.policy.idleMs || now.getTime() - session.createdAt.getTime() > this.policy.absoluteMs) {
      await this.#storage.ops.deleteSession(hash);
      return undefined;
    }
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await this.#storage.ops.touchSession(hash, now);
    return { username: session.username, role: session.role, via: 'session', csrfToken: session.csrfToken, mustChangePassword: session.mustChangePassword };
  }

  async logout(sessionToken: string, actor: string): Promise<void> {
    await this.#storage.ops.deleteSession(tokenHash(sessionToken));
    await this.audit(actor, 'logout');
  }

  /** Own password; other sessions of the user end. */
  async changePassword(principal: OpsPrincipal, sessionToken: string, current: string, next: string): Promise<AccountChange> {
    const user = await this.#storage.ops.getUser(principal.username);
    if (!user) return { ok: false, reason: 'notFound' };
    if (!(await verifyPassword(current, user.passwordHash))) {
      await this.audit(principal.username, 'password.changeFailed', principal.username, { reason: 'wrongPassword' });
      return { ok: false, reason: 'wrongPassword' };
    }
    if (next.length < this.policy.minPasswordLength || next === current) return { ok: false, reason: 'weakPassword' };
    await this.#storage.ops.setPassword(user.username, await hashPassword(next, this.policy.cost), false);
    await this.#storage.ops.deleteSessionsOf(user.username, tokenHash(sessionToken));
    await this.audit(principal.username, 'password.change', principal.username);
    return { ok: true };
  }

  /** An admin sets a new one-time password; the user's sessions end. */
  async resetPassword(actor: string, username: string): Promise<{ ok: true; password: string } | { ok: false; reason: 'notFound' }> {
    const password = oneTimePassword();
    if (!(await this.#storage.ops.setPassword(username, await hashPassword(password, this.policy.cost), true))) return { ok: false, reason: 'notFound' };
    await this.#storage.ops.deleteSessionsOf(username);
    await this.audit(actor, 'user.resetPassword', username);
    return { ok: true, password };
  }

  async setRole(actor: string, username: string, role: OpsRole): Promise<AccountChange> {
    const users = await this.#storage.ops.listUsers();
    const user = users.find((u) => u.username === username);
    if (!user) return { ok: false, reason: 'notFound' };
    // The console must never be left without anyone who can manage users.
    if (user.role === 'admin' && role !== 'admin' && users.filter((u) => u.role === 'admin').length === 1) return { ok: false, reason: 'lastAdmin' };
    await this.#storage.ops.setRole(username, role);
    await this.#storage.ops.deleteSessionsOf(username);
    await this.audit(actor, 'user.setRole', username, { from: user.role, to: role });
    return { ok: true };
  }

  async unlock(actor: string, username: string): Promise<AccountChange> {
    if (!(await this.#storage.ops.unlockUser(username))) return { ok: false, reason: 'notFound' };
    await this.audit(actor, 'user.unlock', username);
    return { ok: true };
  }

  listUsers(): Promise<OpsUserRecord[]> {
    return this.#storage.ops.listUsers();
  }

  #dummy(): Promise<string> {
    this.#dummyHash ??= hashPassword(randomBytes(16).toString('base64url'), this.policy.cost);
    return this.#dummyHash;
  }
}
