// The ops console on the platform's HTTP server, under /ops/: login, fleet, terminal detail, transactions,
// statistics, catalog publishing (the page calls `PUT /v1/ops/catalog`), users and the audit log. Every page goes
// through the same gate as the ops API (ops-auth.ts): a session cookie, the role the page needs, and the session's
// CSRF token on every form post.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findEntry } from '../../contracts/catalog';
import { HeartbeatRequest } from '../../contracts/sync-api';
import type { OpsRole } from '../storage/ops-queries';
import type { SyncDeps } from '../sync/outcome';
import { opsTransactions } from '../sync/reads';
import { consoleAssets } from './console-assets';
import { auditPage, catalogPage, fleetPage, loginPage, messagePage, type PageContext, passwordPage, statsPage, terminalPage, transactionsPage, usersPage } from './console-pages';
import { type ConsoleLocale, translator } from './console-text';
import { type FleetFilter, type HealthThresholds, applyFilter, defaultThresholds, fleetFilters, healthOf, summarize } from './fleet-health';
import { type OpsPrincipal, opsRoles } from './ops-accounts';
import { type OpsAuth, clearedSessionCookieHeader, csrfRefusal, overTls, readCookie, sameSecret, sessionCookie, sessionCookieHeader } from './ops-auth';
import { lastDays, statsDayChoices } from './stats-window';
import { RemoteCommandKind } from '../../contracts/remote-operations';
import { terminalCommands } from '../fleet/remote-commands';
import { registerFleetConsoleRoutes } from './fleet-console-routes';
import { commandsCard } from './fleet-pages';
import { staffActionsCard } from './staff-actions-card';
import { StaffAction } from '../../contracts/staff-audit';

export interface ConsoleDeps {
  sync: SyncDeps;
  ops: OpsAuth;
  thresholds?: HealthThresholds;
  /** The update feed's folder, for the updates page. */
  updatesDir?: string;
}

const FLEET_PAGE = 100;
const TX_PAGE = 50;
const AUDIT_PAGE = 100;
const TOP = 10;
/** Staff actions listed on a terminal's page. */
const STAFF_ACTIONS = 50;
/** Hot searches listed on the statistics page. */
const HOT_SEARCHES = 20;
const langCookie = 'ops_lang';

/** The console's pages allow only their own script and style, and no framing. */
const securityHeaders = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  // Not no-referrer: with it Chromium sends `Origin: null` on the console's own form posts, which the CSRF gate refuses.
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
};

function localeOf(request: FastifyRequest): ConsoleLocale {
  return readCookie(request.headers, langCookie) === 'en' ? 'en' : 'zh-CN';
}

function form(request: FastifyRequest): URLSearchParams {
  return new URLSearchParams(Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '');
}

function sendPage(reply: FastifyReply, page: string, status = 200): FastifyReply {
  return reply.code(status).headers(securityHeaders).type('text/html; charset=utf-8').send(page);
}

function queryOf(request: FastifyRequest): Record<string, string | undefined> {
  return request.query as Record<string, string | undefined>;
}

export function registerConsoleRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  const { sync, ops } = deps;
  const accounts = ops.accounts;
  const thresholds = deps.thresholds ?? defaultThresholds;

  function context(request: FastifyRequest, principal?: OpsPrincipal): PageContext {
    const locale = localeOf(request);
    return { t: translator(locale), locale, principal, path: request.url, now: sync.now() };
  }

  /**
   * Runs `page` for a user with role `needed`: to the login page without a session, to the password page while a
   * one-time password is in use, a refusal page for a role too low or a forged post.
   */
  function guarded(needed: OpsRole, page: (request: FastifyRequest, reply: FastifyReply, principal: OpsPrincipal) => Promise<FastifyReply>) {
    return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      const posted = request.method === 'POST' ? form(request) : undefined;
      const allowed = await ops.authorize({ method: request.method, headers: request.headers, formCsrf: posted?.get('_csrf') ?? undefined }, needed);
      if (allowed.ok) return page(request, reply, allowed.value);
      if (allowed.status === 401) return reply.redirect('/ops/login', 303);
      const principal = await ops.identify(request);
      if (principal?.mustChangePassword && request.method === 'GET') return reply.redirect('/ops/password', 303);
      const ctx = context(request, principal);
      return sendPage(reply, messagePage(ctx, ctx.t(allowed.error.message === csrfRefusal ? 'error.csrf' : 'error.forbidden'), allowed.error.message), 403);
    };
  }

  async function itemNames(): Promise<(code: string) => string | null> {
    const catalog = await sync.catalogs.current();
    return (code) => {
      const entry = catalog ? findEntry(catalog.document, code) : undefined;
      return !entry ? null : entry.kind === 'item' ? entry.item.name : entry.bundle.name;
    };
  }

  // ---- assets, language ----

  for (const [name, asset] of Object.entries(consoleAssets)) {
    app.get(`/ops/assets/${name}`, async (_request, reply) => reply.headers({ 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' }).type(asset.type).send(asset.body));
  }

  app.get('/ops', async (_request, reply) => reply.redirect('/ops/', 301));

  app.get('/ops/lang', async (request, reply) => {
    const { to, back } = queryOf(request);
    const target = back?.startsWith('/ops/') && !back.startsWith('//') ? back : '/ops/';
    reply.header('set-cookie', `${langCookie}=${to === 'en' ? 'en' : 'zh-CN'}; Path=/ops; SameSite=Lax; Max-Age=31536000`);
    return reply.redirect(target, 303);
  });

  // ---- login, logout, password ----

  app.get('/ops/login', async (request, reply) => sendPage(reply, loginPage(context(request))));

  app.post('/ops/login', async (request, reply) => {
    const body = form(request);
    const username = (body.get('username') ?? '').trim().toLowerCase();
    const result = await accounts.login(username, body.get('password') ?? '');
    const ctx = context(request);
    if (!result.ok) {
      const message = result.reason === 'locked' ? ctx.t('login.locked', { until: new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(result.until) }) : ctx.t('login.invalid');
      return sendPage(reply, loginPage(ctx, message, username), result.reason === 'locked' ? 429 : 401);
    }
    reply.header('set-cookie', sessionCookieHeader(result.sessionToken, overTls(request.headers, request.protocol === 'https')));
    return reply.redirect(result.principal.mustChangePassword ? '/ops/password' : '/ops/', 303);
  });

  app.post('/ops/logout', async (request, reply) => {
    const token = readCookie(request.headers, sessionCookie);
    // Also with a one-time password; never for a post without the session's CSRF token (a forged logout).
    const principal = await sessionUser(request, form(request).get('_csrf') ?? '');
    if (!token || !principal) return reply.redirect('/ops/', 303);
    await accounts.logout(token, principal.username);
    reply.header('set-cookie', clearedSessionCookieHeader(overTls(request.headers, request.protocol === 'https')));
    return reply.redirect('/ops/login', 303);
  });

  /** A session's user, also with a one-time password (authorize refuses them everything else); with `csrf`, it must match. */
  async function sessionUser(request: FastifyRequest, csrf?: string): Promise<OpsPrincipal | undefined> {
    const principal = await ops.identify(request);
    if (!principal || principal.via !== 'session') return undefined;
    if (csrf !== undefined && !(principal.csrfToken && sameSecret(csrf, principal.csrfToken))) return undefined;
    return principal;
  }

  app.get('/ops/password', async (request, reply) => {
    const principal = await sessionUser(request);
    if (!principal) return reply.redirect('/ops/login', 303);
    return sendPage(reply, passwordPage(context(request, principal), accounts.policy.minPasswordLength));
  });

  app.post('/ops/password', async (request, reply) => {
    const body = form(request);
    const principal = await sessionUser(request, body.get('_csrf') ?? '');
    if (!principal) return reply.redirect('/ops/login', 303);
    const ctx = context(request, principal);
    const min = accounts.policy.minPasswordLength;
    const next = body.get('next') ?? '';
    if (next !== (body.get('repeat') ?? '')) return sendPage(reply, passwordPage(ctx, min, { kind: 'error', text: ctx.t('password.mismatch') }), 400);
    const changed = await accounts.changePassword(principal, readCookie(request.headers, sessionCookie) ?? '', body.get('current') ?? '', next);
    if (!changed.ok) return sendPage(reply, passwordPage(ctx, min, { kind: 'error', text: ctx.t(changed.reason === 'wrongPassword' ? 'password.wrong' : 'password.weak', { min }) }), 400);
    return reply.redirect('/ops/', 303);
  });

  // ---- fleet and terminals ----

  app.get(
    '/ops/',
    guarded('viewer', async (request, reply, principal) => {
      const query = queryOf(request);
      const filter: FleetFilter = fleetFilters.find((f) => f === query.filter) ?? 'all';
      const now = sync.now();
      const fleet = (await sync.storage.ops.fleet()).map((row) => healthOf(row, now, thresholds));
      const matching = applyFilter(fleet, filter);
      const offset = Math.max(0, Math.min(Number.parseInt(query.offset ?? '0', 10) || 0, Math.max(0, matching.length - 1)));
      return sendPage(
        reply,
        fleetPage(context(request, principal), { summary: summarize(fleet), filter, rows: matching.slice(offset, offset + FLEET_PAGE), matching: matching.length, offset, pageSize: FLEET_PAGE }),
      );
    }),
  );

  app.get(
    '/ops/terminals/:terminalId',
    guarded('viewer', async (request, reply, principal) => {
      const { terminalId } = request.params as { terminalId: string };
      const ctx = context(request, principal);
      const row = await sync.storage.ops.fleetTerminal(terminalId);
      if (!row) return sendPage(reply, messagePage(ctx, ctx.t('terminal.title', { id: terminalId }), ctx.t('terminal.notFound', { id: terminalId })), 404);
      const cursor = queryOf(request).cursor;
      const page = await opsTransactions(sync, terminalId, { limit: 20, ...(cursor && /^[A-Za-z0-9_-]{1,200}$/.test(cursor) ? { cursor } : {}) });
      const recent = await sync.storage.ops.recentHeartbeats(terminalId, 20);
      const parsed = recent.map((h) => ({ receivedAt: h.receivedAt, body: HeartbeatRequest.safeParse(h.body) }));
      const latest = parsed[0]?.body.success ? parsed[0].body.data : null;
      // After the command form: what was queued or why not (fleet-console-routes.ts redirects here).
      const { queued, refused } = queryOf(request);
      const queuedKind = RemoteCommandKind.safeParse(queued);
      const commandNotice = queuedKind.success
        ? { kind: 'ok' as const, text: ctx.t('commands.queued', { kind: ctx.t(`command.${queuedKind.data}`) }) }
        : refused
          ? { kind: 'error' as const, text: ctx.t('commands.refused', { message: refused.slice(0, 200) }) }
          : undefined;
      return sendPage(
        reply,
        terminalPage(ctx, {
          health: healthOf(row, sync.now(), thresholds),
          heartbeat: latest,
          heartbeats: parsed.flatMap(({ receivedAt, body }) =>
            body.success ? [{ receivedAt, appVersion: body.data.versions.app, queueDepth: body.data.queue.depth, conditions: [...new Set(body.data.devices.flatMap((d) => d.conditions))] }] : [],
          ),
          transactions: page.ok ? page.value.items : [],
          nextCursor: page.ok ? page.value.nextCursor : null,
          itemName: await itemNames(),
          commands: commandsCard(ctx, terminalId, await terminalCommands(sync, terminalId), commandNotice),
          staffActions: staffActionsCard(ctx, (await sync.storage.ops.staffActions(terminalId, STAFF_ACTIONS)).flatMap((a) => {
              const parsed = StaffAction.safeParse(a);
              return parsed.success ? [parsed.data] : [];
            })),
        }),
      );
    }),
  );

  registerFleetConsoleRoutes(app, { sync, accounts, updatesDir: deps.updatesDir, guarded, context, sendPage, form });

  app.get(
    '/ops/transactions',
    guarded('viewer', async (request, reply, principal) => {
      const cursor = queryOf(request).cursor;
      const beforeId = cursor ? Buffer.from(cursor, 'base64url').toString('utf8') : undefined;
      const valid = beforeId === undefined || /^[0-9a-f-]{36}$/.test(beforeId);
      const rows = await sync.storage.ops.fleetTransactions({ limit: TX_PAGE + 1, beforeId: valid ? beforeId : undefined });
      const page = rows.slice(0, TX_PAGE);
      const last = page.at(-1);
      const next = rows.length > TX_PAGE && last ? Buffer.from(last.transactionId).toString('base64url') : null;
      return sendPage(reply, transactionsPage(context(request, principal), page, next, await itemNames(), !cursor));
    }),
  );

  app.get(
    '/ops/stats',
    guarded('viewer', async (request, reply, principal) => {
      const asked = Number(queryOf(request).days);
      const days = statsDayChoices.find((n) => n === asked) ?? 30;
      const window = lastDays(sync.now(), days);
      const asTerminal = String(queryOf(request).terminal ?? '').trim().slice(0, 64);
      const searchTerminal = asTerminal === '' ? null : asTerminal;
      const stats = await sync.storage.ops.stats({ from: window.from, to: window.to, top: TOP });
      const hotSearches = await sync.storage.ops.hotSearches({ from: window.from, to: window.to, top: HOT_SEARCHES, ...(searchTerminal ? { terminalId: searchTerminal } : {}) });
      const names = await sync.storage.ops.terminalNames(stats.perTerminal.map((r) => r.terminalId));
      return sendPage(
        reply,
        statsPage(context(request, principal), { days, dayList: window.days, stats, hotSearches, searchTerminal, itemName: await itemNames(), terminalName: (id) => names.get(id) ?? null }),
      );
    }),
  );

  // ---- catalog ----

  app.get(
    '/ops/catalog',
    guarded('viewer', async (request, reply, principal) => {
      const current = await sync.catalogs.current();
      return sendPage(
        reply,
        catalogPage(context(request, principal), {
          current: current
            ? { version: current.version, publishedAt: current.publishedAt, issuer: current.document.issuer, items: current.document.items.length, bundles: current.document.bundles.length, etag: current.etag }
            : null,
          history: await sync.storage.ops.catalogHistory(20),
        }),
      );
    }),
  );

  /** The version in force, pretty-printed, for editing in the catalog page. */
  app.get(
    '/ops/catalog/current.json',
    guarded('viewer', async (_request, reply) => {
      const current = await sync.catalogs.current();
      if (!current) return reply.code(404).type('application/json; charset=utf-8').send('{}');
      return reply.headers({ 'cache-control': 'no-store' }).type('application/json; charset=utf-8').send(JSON.stringify(JSON.parse(current.body), null, 2));
    }),
  );

  // ---- users and audit ----

  app.get(
    '/ops/users',
    guarded('admin', async (request, reply, principal) => sendPage(reply, usersPage(context(request, principal), await accounts.listUsers()))),
  );

  app.post(
    '/ops/users',
    guarded('admin', async (request, reply, principal) => {
      const body = form(request);
      const ctx = context(request, principal);
      const username = (body.get('username') ?? '').trim().toLowerCase();
      const role = opsRoles.find((r) => r === body.get('role'));
      const actor = principal.username;
      let message: { kind: 'ok' | 'error'; text: string; password?: string };
      const failure = (reason: string): { kind: 'error'; text: string } => ({
        kind: 'error',
        text: ctx.t(reason === 'exists' ? 'users.exists' : reason === 'lastAdmin' ? 'users.lastAdmin' : reason === 'invalidUsername' ? 'users.invalidUsername' : 'users.notFound'),
      });
      switch (body.get('op')) {
        case 'create': {
          const created = await accounts.createUser(actor, username, role ?? 'viewer');
          message = created.ok ? { kind: 'ok', text: ctx.t('users.created', { username }), password: created.password } : failure(created.reason);
          break;
        }
        case 'reset': {
          const reset = await accounts.resetPassword(actor, username);
          message = reset.ok ? { kind: 'ok', text: ctx.t('users.resetDone', { username }), password: reset.password } : failure(reset.reason);
          break;
        }
        case 'unlock': {
          const unlocked = await accounts.unlock(actor, username);
          message = unlocked.ok ? { kind: 'ok', text: ctx.t('users.done') } : failure(unlocked.reason);
          break;
        }
        case 'role': {
          const changed = role ? await accounts.setRole(actor, username, role) : ({ ok: false, reason: 'notFound' } as const);
          message = changed.ok ? { kind: 'ok', text: ctx.t('users.done') } : failure(changed.reason);
          break;
        }
        default:
          return reply.code(400).send();
      }
      return sendPage(reply, usersPage(ctx, await accounts.listUsers(), message), message.kind === 'ok' ? 200 : 400);
    }),
  );

  app.get(
    '/ops/audit',
    guarded('admin', async (request, reply, principal) => {
      const before = Number.parseInt(queryOf(request).before ?? '', 10);
      const entries = await sync.storage.ops.listAudit({ limit: AUDIT_PAGE + 1, ...(Number.isSafeInteger(before) ? { beforeId: before } : {}) });
      const page = entries.slice(0, AUDIT_PAGE);
      return sendPage(reply, auditPage(context(request, principal), page, entries.length > AUDIT_PAGE ? (page.at(-1)?.id ?? null) : null));
    }),
  );
}
