// The ops console through the real HTTP server on both storage backends: logins with one-time passwords and lockout,
// sessions in HttpOnly SameSite=Strict cookies, CSRF, roles on every state-changing route (console and ops API),
// the audit log, and the fleet and statistics reads on a small seeded data set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncApi } from '../../contracts/sync-api';
import demoCatalog from '../catalog/demo-catalog.json' with { type: 'json' };
import { type RunningPlatform, startPlatform } from '../start-platform';
import { SignedClient, uuidv7 } from '../test-support/signed-client';
import { describeEachStorage } from '../test-support/storage-backends';
import { sampleSubmit } from '../test-support/test-platform';
import { provisionTerminal } from '../terminals/provision';
import { healthOf } from './fleet-health';
import type { OpsRole } from '../storage/ops-queries';
import { lastDays } from './stats-window';
import { ConsoleSession as Session, signedInUser } from '../test-support/console-session';

describeEachStorage('ops console', (backend) => {
  let platform: RunningPlatform;
  let clock = new Date('2026-11-06T02:00:00Z');
  const opsToken = 'test-ops-token-0123456789abcdef';
  const passwords = new Map<string, string>();

  /** A user of `role` with a password of their own (the one-time password changed through the console). */
  async function userWith(role: OpsRole): Promise<Session> {
    const username = `${role}-${passwords.size}`;
    const { session, password } = await signedInUser(platform, username, role);
    passwords.set(username, password);
    return session;
  }

  async function audit(): Promise<{ actor: string; action: string; target: string | null; detail: unknown }[]> {
    return backend.storage.ops.listAudit({ limit: 200 });
  }

  beforeAll(async () => {
    platform = await startPlatform({ storage: backend.storage, now: () => clock, opsToken, opsAccountPolicy: { cost: { log2N: 10, r: 8, p: 1 } } });
  });
  afterAll(async () => {
    await platform.close();
  });

  it('makes the first admin once, with a one-time password that must be changed before anything else', async () => {
    const first = await platform.opsAccounts.bootstrapAdmin('root');
    expect(first?.password).toMatch(/^[A-Za-z2-9]{20}$/);
    expect(await platform.opsAccounts.bootstrapAdmin('root')).toBeUndefined();

    const session = new Session(platform.url);
    expect((await session.page('/ops/')).location).toBe('/ops/login');
    const login = await session.post('/ops/login', { username: 'root', password: first?.password ?? '' }, { csrf: false });
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^ops_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    // Until the one-time password is changed: every page leads to the password page, the API refuses.
    expect((await session.page('/ops/')).location).toBe('/ops/password');
    await session.page('/ops/password');
    expect((await session.putCatalog(demoCatalog)).status).toBe(403);
    const weak = await session.post('/ops/password', { current: first?.password ?? '', next: 'short', repeat: 'short' });
    expect(weak.status).toBe(400);
    const good = 'a long admin password';
    expect((await session.post('/ops/password', { current: first?.password ?? '', next: good, repeat: good })).headers.get('location')).toBe('/ops/');
    const fleet = await session.page('/ops/');
    expect(fleet.status).toBe(200);
    expect(fleet.text).toContain('终端总览');
    expect((await audit()).map((e) => e.action)).toEqual(expect.arrayContaining(['user.create', 'login', 'password.change']));
  });

  it('locks an account after five failed logins in a row, also against the right password, until the lock ends', async () => {
    const viewer = await userWith('viewer');
    const username = [...passwords.keys()].at(-1) as string;
    const browser = new Session(platform.url);
    for (let i = 0; i < 4; i++) expect((await browser.post('/ops/login', { username, password: 'wrong' }, { csrf: false })).status).toBe(401);
    const fifth = await browser.post('/ops/login', { username, password: 'wrong' }, { csrf: false });
    expect(fifth.status).toBe(429);
    expect(await fifth.text()).toContain('账户已锁定');
    const right = await browser.post('/ops/login', { username, password: passwords.get(username) ?? '' }, { csrf: false });
    expect(right.status).toBe(429);
    expect(browser.cookie).toBe('');
    const actions = (await audit()).filter((e) => e.actor === username).map((e) => e.action);
    expect(actions.filter((a) => a === 'login.failed')).toHaveLength(4);
    expect(actions).toContain('login.locked');
    expect(actions).toContain('login.refused');
    // An unknown user is refused the same way, and no user appears for them.
    expect((await browser.post('/ops/login', { username: 'nobody', password: 'x' }, { csrf: false })).status).toBe(401);

    clock = new Date(clock.getTime() + platform.opsAccounts.policy.lockMs + 1000);
    expect((await browser.post('/ops/login', { username, password: passwords.get(username) ?? '' }, { csrf: false })).headers.get('location')).toBe('/ops/');
    expect((await viewer.page('/ops/')).status).toBe(200);
  });

  it('enforces roles on every state-changing route, console and ops API alike', async () => {
    const viewer = await userWith('viewer');
    const operator = await userWith('operator');
    const admin = await userWith('admin');
    const anonymous = new Session(platform.url);
    const version = (n: number): unknown => ({ ...demoCatalog, version: `2026.11.06-r${n}` });

    // Publishing a catalog: operators and admins.
    expect((await anonymous.putCatalog(version(1))).status).toBe(401);
    expect((await viewer.putCatalog(version(1))).status).toBe(403);
    expect((await operator.putCatalog(version(1))).status).toBe(200);
    expect((await admin.putCatalog(version(2))).status).toBe(200);
    // The ops API token acts as an operator.
    const byToken = await fetch(`${platform.url}${syncApi.publishCatalog.path}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${opsToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(version(3)),
    });
    expect(byToken.status).toBe(200);
    expect((await fetch(`${platform.url}${syncApi.publishCatalog.path}`, { method: 'PUT', headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);

    // Managing users: admins only.
    for (const session of [viewer, operator]) {
      const refused = await session.post('/ops/users', { op: 'create', username: 'intruder', role: 'admin' });
      expect(refused.status).toBe(403);
    }
    expect((await anonymous.post('/ops/users', { op: 'create', username: 'intruder', role: 'admin' })).headers.get('location')).toBe('/ops/login');
    expect(await backend.storage.ops.getUser('intruder')).toBeUndefined();
    const created = await admin.post('/ops/users', { op: 'create', username: 'newcomer', role: 'operator' });
    expect(created.status).toBe(200);
    expect(await created.text()).toMatch(/data-testid="one-time-password">[A-Za-z2-9]{20}</);
    expect((await viewer.page('/ops/users')).status).toBe(403);
    expect((await viewer.page('/ops/audit')).status).toBe(403);

    const log = await audit();
    expect(log.filter((e) => e.action === 'catalog.publish').map((e) => [e.actor, e.target])).toEqual(
      expect.arrayContaining([
        [expect.stringMatching(/^operator-/), '2026.11.06-r1'],
        [expect.stringMatching(/^admin-/), '2026.11.06-r2'],
        ['api-token', '2026.11.06-r3'],
      ]),
    );
    expect(log.filter((e) => e.action === 'request.refused' && (e.detail as { reason: string }).reason === 'role').length).toBeGreaterThanOrEqual(3);
    expect(log.find((e) => e.action === 'user.create' && e.target === 'newcomer')?.actor).toMatch(/^admin-/);
  });

  it('refuses state-changing requests without the session’s CSRF token or from another origin', async () => {
    const admin = await userWith('admin');
    const before = (await platform.catalogs.current())?.version;
    expect((await admin.putCatalog({ ...demoCatalog, version: 'csrf-1' }, {})).status).toBe(403);
    expect((await admin.putCatalog({ ...demoCatalog, version: 'csrf-2' }, { 'x-csrf-token': 'forged' })).status).toBe(403);
    expect((await admin.putCatalog({ ...demoCatalog, version: 'csrf-3' }, { 'x-csrf-token': admin.csrf, origin: 'https://evil.example' })).status).toBe(403);
    expect((await platform.catalogs.current())?.version).toBe(before);
    expect((await admin.post('/ops/users', { op: 'create', username: 'forged', role: 'admin' }, { csrf: false })).status).toBe(403);
    expect(await backend.storage.ops.getUser('forged')).toBeUndefined();
    // A forged logout does not end the session.
    await admin.post('/ops/logout', {}, { csrf: false });
    expect((await admin.page('/ops/')).status).toBe(200);
    expect((await audit()).filter((e) => e.action === 'request.refused' && (e.detail as { reason: string }).reason === 'csrf').length).toBeGreaterThanOrEqual(4);
    // The real logout ends it on the server, not only in the browser.
    const cookie = admin.cookie;
    await admin.post('/ops/logout', {});
    admin.cookie = cookie;
    expect((await admin.page('/ops/')).location).toBe('/ops/login');
  });

  it('shows an invalid catalog’s issues by path and publishes nothing', async () => {
    const operator = await userWith('operator');
    const before = (await platform.catalogs.current())?.version;
    const broken = { ...demoCatalog, version: 'broken-1', items: [{ ...demoCatalog.items[0], name: '' }] };
    const refused = await operator.putCatalog(broken);
    expect(refused.status).toBe(400);
    const answer = (await refused.json()) as { issues: { path: string; message: string }[] };
    expect(answer.issues.map((i) => i.path)).toContain('body.items.0.name');
    expect((await platform.catalogs.current())?.version).toBe(before);
    expect((await audit()).some((e) => e.target === 'broken-1')).toBe(false);
  });

  describe('fleet and statistics', () => {
    it('derive health from the latest heartbeat and count volumes per day, item, terminal and rating level', async () => {
      const viewer = await userWith('viewer');
      const a = new SignedClient(platform.url, await provisionTerminal(backend.storage, { terminalId: 'STAT-A', name: '甲', region: '370202' }), () => clock.getTime());
      const b = new SignedClient(platform.url, await provisionTerminal(backend.storage, { terminalId: 'STAT-B', name: '乙', region: '370202' }), () => clock.getTime());
      const window = lastDays(clock, 7);
      const day = (n: number, hour = 3): string => new Date(window.from.getTime() + n * 86_400_000 + hour * 3_600_000).toISOString();
      const submit = async (client: SignedClient, createdAt: string, overrides: Record<string, unknown> = {}): Promise<void> => {
        const sent = await client.send('POST', syncApi.submitTransaction.path, { json: sampleSubmit(client.terminalId, { createdAt, ...overrides }) });
        expect(sent.status).toBe(200);
      };
      // Day 0: A ×2; day 6 (today): A ×1, B ×1 of another item; two ratings (5 and 2); one before the window.
      await submit(a, day(0));
      await submit(a, day(0, 23)); // 23:00 after the window's start is still day 0 in China time
      await submit(a, day(6));
      await submit(b, day(6), { itemCode: 'other-item' });
      await submit(b, day(6), { kind: 'rating', itemCode: 'rating', payload: { reference: uuidv7(), level: 5, reasons: [] } });
      await submit(b, day(6), { kind: 'rating', itemCode: 'rating', payload: { reference: uuidv7(), level: 2, reasons: ['tooSlow'] } });
      await submit(a, new Date(window.from.getTime() - 1000).toISOString());

      const stats = await backend.storage.ops.stats({ from: window.from, to: window.to, top: 10 });
      const dayOf = (n: number): string => window.days[n] as string;
      expect(stats.perDay).toEqual([
        { day: dayOf(0), kind: 'application', count: 2 },
        { day: dayOf(6), kind: 'application', count: 2 },
        { day: dayOf(6), kind: 'rating', count: 2 },
      ]);
      expect(stats.perItem).toEqual([
        { itemCode: '370200-000112013000', count: 3 },
        { itemCode: 'other-item', count: 1 },
      ]);
      expect(stats.perTerminal).toEqual([
        { terminalId: 'STAT-A', count: 3 },
        { terminalId: 'STAT-B', count: 1 },
      ]);
      expect(stats.ratings).toEqual([
        { level: 2, count: 1 },
        { level: 5, count: 1 },
      ]);
      const page = await viewer.page('/ops/stats?days=7');
      expect(page.text).toContain('合计：办件 4 笔，评价 2 条');
      expect(page.text).toContain('此期间没有上报的搜索词');

      // Fleet: B reports a paper-low receipt printer and an offline document printer; A has never sent a heartbeat.
      const heartbeat = {
        sentAt: clock.toISOString(),
        versions: { app: '0.1.0', catalog: '2026.11.01-1' },
        queue: { depth: 3, oldestPendingAgeSeconds: 4000, needsAttention: 0 },
        devices: [
          { id: 'receipt-1', class: 'receiptPrinter', state: 'online', conditions: ['paperLow'] },
          { id: 'a4-1', class: 'documentPrinter', state: 'offline', conditions: [] },
        ],
        refusals: { catalog: { version: '2026.12.01-1', at: clock.toISOString(), reason: 'the catalog signature does not verify with the platform key in the credentials' } },
      };
      expect((await b.send('POST', syncApi.heartbeat.path, { json: heartbeat })).status).toBe(200);
      const rows = await backend.storage.ops.fleet();
      const healthB = healthOf(rows.find((r) => r.terminalId === 'STAT-B') as never, clock);
      expect(healthB).toMatchObject({ online: true, problems: ['paperLow', 'printerOffline', 'backlog', 'pushRefused'] });
      expect(healthB.row).toMatchObject({ appVersion: '0.1.0', catalogVersion: '2026.11.01-1', queueDepth: 3, conditions: ['paperLow'] });
      expect(healthOf(rows.find((r) => r.terminalId === 'STAT-A') as never, clock)).toMatchObject({ online: false, problems: ['offline'] });
      // Four minutes later without a heartbeat, B is offline.
      expect(healthOf(rows.find((r) => r.terminalId === 'STAT-B') as never, new Date(clock.getTime() + 4 * 60_000)).online).toBe(false);

      const detail = await viewer.page('/ops/terminals/STAT-B');
      expect(detail.text).toContain('receipt-1');
      expect(detail.text).toContain('拒收推送');
      expect(detail.text).toMatch(/拒收的事项目录<\/dt><dd><span [^>]*>版本 2026\.12\.01-1，[^<]*：the catalog signature does not verify with the platform key in the credentials（沿用上一版）</);
      // No form data on the console: the sample's name and ID number never appear.
      const list = await viewer.page('/ops/transactions');
      expect(list.text).toContain('STAT-A');
      for (const text of [detail.text, list.text]) {
        expect(text).not.toContain('张三');
        expect(text).not.toContain('11010519491231002X');
      }
    });

    it('keep hot searches from heartbeats: the highest day total stands, a repeat counts nothing, item codes only from the catalog', async () => {
      const viewer = await userWith('viewer');
      const a = new SignedClient(platform.url, await provisionTerminal(backend.storage, { terminalId: 'HOT-A', name: '热甲', region: '370202' }), () => clock.getTime());
      const b = new SignedClient(platform.url, await provisionTerminal(backend.storage, { terminalId: 'HOT-B', name: '热乙', region: '370202' }), () => clock.getTime());
      const window = lastDays(clock, 7);
      const [yesterday, today] = window.days.slice(-2) as [string, string];
      const itemCode = demoCatalog.items[0]?.implementationCode as string;
      const heartbeat = (searchCounts: unknown[]) => ({
        sentAt: clock.toISOString(),
        versions: { app: '0.1.0', catalog: null },
        queue: { depth: 0, oldestPendingAgeSeconds: null, needsAttention: 0 },
        devices: [],
        searchCounts,
      });
      const send = async (client: SignedClient, counts: unknown[]): Promise<number> => (await client.send('POST', syncApi.heartbeat.path, { json: heartbeat(counts) })).status;
      expect(await send(a, [{ day: yesterday, query: '公积金', count: 2 }, { day: today, query: '公积金', count: 3 }, { day: today, query: itemCode, count: 1 }])).toBe(200);
      // The same heartbeat again (its answer was lost), then a late one with lower totals: nothing changes.
      expect(await send(a, [{ day: yesterday, query: '公积金', count: 2 }, { day: today, query: '公积金', count: 3 }, { day: today, query: itemCode, count: 1 }])).toBe(200);
      expect(await send(a, [{ day: today, query: '公积金', count: 1 }])).toBe(200);
      // B: a higher total of its own, and a long number that is no item code of the catalog (kept out).
      expect(await send(b, [{ day: today, query: '公积金', count: 1 }, { day: today, query: 'shebao', count: 4 }, { day: today, query: '370202199001011234', count: 1 }])).toBe(200);
      expect(await send(b, [{ day: today, query: 'shebao', count: 5 }])).toBe(200);
      // Not normalised: refused as a whole by the contract.
      expect(await send(b, [{ day: today, query: 'SheBao', count: 1 }])).toBe(400);

      const all = await backend.storage.ops.hotSearches({ from: window.from, to: window.to, top: 10 });
      expect(all).toEqual([
        { query: '公积金', count: 6 },
        { query: 'shebao', count: 5 },
        { query: itemCode, count: 1 },
      ]);
      expect(await backend.storage.ops.hotSearches({ from: window.from, to: window.to, top: 10, terminalId: 'HOT-B' })).toEqual([
        { query: 'shebao', count: 5 },
        { query: '公积金', count: 1 },
      ]);
      // The heartbeat bodies keep no search terms: they live in their own table only.
      expect(JSON.stringify(await backend.storage.ops.recentHeartbeats('HOT-B', 10))).not.toContain('370202199001011234');

      const table = (text: string): string => text.slice(text.indexOf('data-testid="hot-searches"'), text.indexOf('</table>', text.indexOf('data-testid="hot-searches"')));
      const page = await viewer.page('/ops/stats?days=7');
      expect(page.text).toContain('热门搜索（前 3）');
      expect(table(page.text)).toContain('公积金');
      // A search by item code shows as the item.
      expect(table(page.text)).toContain(demoCatalog.items[0]?.name as string);
      expect(page.text).not.toContain('370202199001011234');
      const ofB = await viewer.page('/ops/stats?days=7&terminal=HOT-B');
      expect(ofB.text).toContain('终端 HOT-B');
      expect(table(ofB.text)).toContain('shebao');
      expect(table(ofB.text)).not.toContain(demoCatalog.items[0]?.name as string);
    });

    it('shows a terminal’s staff actions from its heartbeats, newest first, a repeated entry once', async () => {
      const viewer = await userWith('viewer');
      const kiosk = new SignedClient(platform.url, await provisionTerminal(backend.storage, { terminalId: 'STAFF-A', name: '网点', region: '370202' }), () => clock.getTime());
      const action = (seq: number, action: string, staffId: string | null, detail?: string) => ({ seq, at: new Date(clock.getTime() + seq * 60_000).toISOString(), staffId, action, ...(detail ? { detail } : {}) });
      const send = async (staffActions: unknown[]) =>
        (await kiosk.send('POST', syncApi.heartbeat.path, { json: { sentAt: clock.toISOString(), versions: { app: '0.1.0', catalog: null }, queue: { depth: 0, oldestPendingAgeSeconds: null, needsAttention: 0 }, devices: [], staffActions } })).status;
      const first = [action(1, 'enterFailed', null), action(2, 'enter', 'S-0042'), action(3, 'restock', 'S-0042', 'receipt-1 paper')];
      expect(await send(first)).toBe(200);
      expect(await send(first)).toBe(200); // the answer was lost: the same entries again
      expect(await send([action(4, 'leave', 'S-0042')])).toBe(200);
      const page = await viewer.page('/ops/terminals/STAFF-A');
      const rows = page.text.slice(page.text.indexOf('data-testid="staff-actions"')).split('</tbody>')[0]?.split('<tr>').slice(2) ?? [];
      expect(rows).toHaveLength(4);
      expect(rows.map((r) => /<td>([^<]*)<\/td><td class="small">/.exec(r)?.[1])).toEqual(['退出维护模式', '补充耗材', '进入维护模式', 'PIN 错误']);
      expect(rows[1]).toContain('receipt-1 paper');
      expect(rows[3]).toContain('（未识别）');
    });
  });
});
