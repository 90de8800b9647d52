// A browser's part for console tests over plain HTTP: the session cookie, the CSRF token of the last page, form posts.
import { syncApi } from '../../contracts/sync-api';
import type { OpsRole } from '../storage/ops-queries';
import type { RunningPlatform } from '../start-platform';

/** A browser's part: the session cookie and the CSRF token from the last page. */
export class ConsoleSession {
  cookie = '';
  csrf = '';
  readonly #url: string;

  constructor(url: string) {
    this.#url = url;
  }

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(`${this.#url}${path}`, { redirect: 'manual', ...init, headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...init.headers } });
    const set = response.headers.get('set-cookie');
    if (set?.startsWith('ops_session=')) this.cookie = set.split(';')[0] as string;
    return response;
  }

  async page(path: string): Promise<{ status: number; text: string; location: string | null }> {
    const response = await this.fetch(path);
    const text = await response.text();
    this.csrf = /name="csrf-token" content="([^"]+)"/.exec(text)?.[1] ?? this.csrf;
    return { status: response.status, text, location: response.headers.get('location') };
  }

  post(path: string, fields: Record<string, string>, options: { csrf?: boolean } = {}): Promise<Response> {
    const body = new URLSearchParams({ ...(options.csrf === false ? {} : { _csrf: this.csrf }), ...fields });
    return this.fetch(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });
  }

  putCatalog(document: unknown, headers: Record<string, string> = { 'x-csrf-token': this.csrf }): Promise<Response> {
    return this.fetch(syncApi.publishCatalog.path, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(document) });
  }
}

/** A new user of `role` logged in, with a password of their own (the one-time password changed through the console). */
export async function signedInUser(platform: RunningPlatform, username: string, role: OpsRole): Promise<{ session: ConsoleSession; password: string }> {
  const created = await platform.opsAccounts.createUser('test', username, role);
  if (!created.ok) throw new Error(created.reason);
  const session = new ConsoleSession(platform.url);
  const login = await session.post('/ops/login', { username, password: created.password }, { csrf: false });
  if (login.headers.get('location') !== '/ops/password') throw new Error(`login of ${username} went to ${login.headers.get('location')}`);
  await session.page('/ops/password');
  const own = `own password of ${username}`;
  const changed = await session.post('/ops/password', { current: created.password, next: own, repeat: own });
  if (changed.headers.get('location') !== '/ops/') throw new Error(`password change of ${username} went to ${changed.headers.get('location')}`);
  await session.page('/ops/');
  return { session, password: own };
}
