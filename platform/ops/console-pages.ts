// The ops console's pages as server-rendered HTML (no framework): each function takes what it shows and returns the
// page. Times are shown in China Standard Time. Form data of transactions never reaches these functions.
import type { OpsTransaction, PushRefusal } from '../../contracts/sync-api';
import type { AuditRecord, FleetTransactionRow, OpsUserRecord, StatsRows } from '../storage/ops-queries';
import type { ConsoleLocale, TextKey, Translate } from './console-text';
import { type FleetFilter, type FleetSummary, type TerminalHealth, fleetFilters } from './fleet-health';
import { type SafeHtml, html } from './html';
import type { OpsPrincipal } from './ops-accounts';
import { statsDayChoices } from './stats-window';

export interface PageContext {
  t: Translate;
  locale: ConsoleLocale;
  /** Absent on the login page. */
  principal?: OpsPrincipal;
  /** The current path and query, for the language switch to come back to. */
  path: string;
  now: Date;
}

const timeFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** `yyyy-mm-dd hh:mm:ss`, China Standard Time. */
export function cst(date: Date | string | null): string {
  return date === null ? '—' : timeFormat.format(typeof date === 'string' ? new Date(date) : date);
}

export function age(t: Translate, seconds: number | null): string {
  if (seconds === null) return t('duration.none');
  if (seconds < 90) return t('age.seconds', { n: Math.round(seconds) });
  if (seconds < 90 * 60) return t('age.minutes', { n: Math.round(seconds / 60) });
  if (seconds < 36 * 3600) return t('age.hours', { n: Math.round(seconds / 3600) });
  return t('age.days', { n: Math.round(seconds / 86_400) });
}

export function layout(ctx: PageContext, title: string, body: SafeHtml, options: { refreshSeconds?: number } = {}): string {
  const { t, principal } = ctx;
  const nav: [string, TextKey, boolean][] = [
    ['/ops/', 'nav.fleet', true],
    ['/ops/transactions', 'nav.transactions', true],
    ['/ops/stats', 'nav.stats', true],
    ['/ops/catalog', 'nav.catalog', true],
    ['/ops/settings', 'nav.settings', true],
    ['/ops/updates', 'nav.updates', true],
    ['/ops/users', 'nav.users', principal?.role === 'admin'],
    ['/ops/audit', 'nav.audit', principal?.role === 'admin'],
  ];
  const current = ctx.path.split('?')[0] ?? '';
  const other = ctx.locale === 'zh-CN' ? 'en' : 'zh-CN';
  return `<!doctype html>${html`<html lang="${ctx.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${options.refreshSeconds ? html`<meta http-equiv="refresh" content="${options.refreshSeconds}">` : ''}
${principal?.csrfToken ? html`<meta name="csrf-token" content="${principal.csrfToken}">` : ''}
<title>${title} · ${t('app.title')}</title>
<link rel="stylesheet" href="/ops/assets/console.css">
<script src="/ops/assets/console.js" defer></script>
</head>
<body>
<header class="top">
  <a class="brand" href="/ops/">${t('app.title')}</a>
  ${
    principal && !principal.mustChangePassword
      ? html`<nav>${nav
          .filter(([, , shown]) => shown)
          .map(([href, key]) => html`<a href="${href}" class="${current === href || (href !== '/ops/' && current.startsWith(href)) ? 'active' : ''}">${t(key)}</a>`)}</nav>`
      : html`<span class="spacer"></span>`
  }
  <div class="who">
    ${principal ? html`<span class="user" data-testid="who">${principal.username} · ${t(`role.${principal.role}`)}</span>` : ''}
    <a class="lang" href="/ops/lang?to=${other}&amp;back=${encodeURIComponent(ctx.path)}">${t('nav.language')}</a>
    ${
      principal?.via === 'session'
        ? html`<form method="post" action="/ops/logout" class="inline"><input type="hidden" name="_csrf" value="${principal.csrfToken}"><button class="link">${t('nav.logout')}</button></form>`
        : ''
    }
  </div>
</header>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>`}`;
}

export function notice(kind: 'ok' | 'error' | 'info', text: string | SafeHtml, testId = 'notice'): SafeHtml {
  return html`<div class="notice ${kind}" role="${kind === 'error' ? 'alert' : 'status'}" data-testid="${testId}">${text}</div>`;
}

export function csrfField(ctx: PageContext): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${ctx.principal?.csrfToken ?? ''}">`;
}

// ---- login and password ----

export function loginPage(ctx: PageContext, error?: string, username = ''): string {
  const { t } = ctx;
  return layout(
    ctx,
    t('login.title'),
    html`${error ? notice('error', error) : ''}
<form method="post" action="/ops/login" class="card narrow" data-testid="login-form">
  <label>${t('login.username')}<input name="username" autocomplete="username" required value="${username}" autofocus></label>
  <label>${t('login.password')}<input name="password" type="password" autocomplete="current-password" required></label>
  <button class="primary">${t('login.submit')}</button>
</form>`,
  );
}

export function passwordPage(ctx: PageContext, minLength: number, message?: { kind: 'ok' | 'error'; text: string }): string {
  const { t } = ctx;
  return layout(
    ctx,
    t('password.title'),
    html`${ctx.principal?.mustChangePassword ? notice('info', t('password.oneTime')) : ''}${message ? notice(message.kind, message.text) : ''}
<form method="post" action="/ops/password" class="card narrow" data-testid="password-form">
  ${csrfField(ctx)}
  <label>${t('password.current')}<input name="current" type="password" autocomplete="current-password" required></label>
  <label>${t('password.new', { min: minLength })}<input name="next" type="password" autocomplete="new-password" minlength="${minLength}" required></label>
  <label>${t('password.repeat')}<input name="repeat" type="password" autocomplete="new-password" minlength="${minLength}" required></label>
  <button class="primary">${t('password.submit')}</button>
</form>`,
  );
}

// ---- fleet ----

function problemBadges(t: Translate, health: TerminalHealth): SafeHtml {
  return html`${health.problems.map((p) => html`<span class="badge ${p === 'offline' || p === 'printerOffline' || p === 'disabled' ? 'bad' : 'warn'}" data-problem="${p}">${t(`problem.${p}`)}</span>`)}`;
}

function statusBadge(t: Translate, health: TerminalHealth): SafeHtml {
  if (health.row.lastHeartbeatAt === null) return html`<span class="badge muted">${t('status.never')}</span>`;
  return health.online ? html`<span class="badge ok">${t('status.online')}</span>` : html`<span class="badge bad">${t('status.offline')}</span>`;
}

function queueCell(t: Translate, health: TerminalHealth): SafeHtml {
  const { queueDepth, oldestPendingAgeSeconds, needsAttention } = health.row;
  if (queueDepth === null) return html`—`;
  return html`${t('queue.value', { depth: queueDepth, age: oldestPendingAgeSeconds === null ? t('duration.none') : age(t, oldestPendingAgeSeconds) })}${
    needsAttention ? html`<br><span class="small warn-text">${t('queue.attention', { n: needsAttention })}</span>` : ''
  }`;
}

export interface FleetView {
  summary: FleetSummary;
  filter: FleetFilter;
  rows: TerminalHealth[];
  /** Matching terminals in all pages. */
  matching: number;
  offset: number;
  pageSize: number;
}

export function fleetPage(ctx: PageContext, view: FleetView): string {
  const { t } = ctx;
  const cards: [TextKey, number, FleetFilter, string][] = [
    ['fleet.total', view.summary.total, 'all', ''],
    ['fleet.online', view.summary.online, 'all', 'ok'],
    ['fleet.offline', view.summary.offline, 'offline', view.summary.offline ? 'bad' : ''],
    ['fleet.paperLow', view.summary.paperLow, 'paperLow', view.summary.paperLow ? 'warn' : ''],
    ['fleet.printerOffline', view.summary.printerOffline, 'printerOffline', view.summary.printerOffline ? 'bad' : ''],
    ['fleet.backlog', view.summary.backlog, 'backlog', view.summary.backlog ? 'warn' : ''],
  ];
  const end = view.offset + view.rows.length;
  return layout(
    ctx,
    t('fleet.title'),
    html`<section class="cards">${cards.map(
      ([key, n, filter, tone]) => html`<a class="stat ${tone}" href="/ops/?filter=${filter}" data-testid="summary-${key.split('.')[1]}"><span class="n">${n}</span><span class="label">${t(key)}</span></a>`,
    )}</section>
<nav class="tabs">${fleetFilters.map((f) => html`<a href="/ops/?filter=${f}" class="${f === view.filter ? 'active' : ''}">${t(`filter.${f}`)}</a>`)}</nav>
${
  view.rows.length === 0
    ? html`<p class="empty">${t('page.empty')}</p>`
    : html`<table class="grid" data-testid="fleet-table">
<thead><tr><th>${t('col.terminal')}</th><th>${t('col.status')}</th><th>${t('col.lastHeartbeat')}</th><th>${t('col.problems')}</th><th>${t('col.queue')}</th><th>${t('col.versions')}</th></tr></thead>
<tbody>${view.rows.map(
        (h) => html`<tr data-terminal="${h.row.terminalId}">
<td><a href="/ops/terminals/${encodeURIComponent(h.row.terminalId)}">${h.row.terminalId}</a><br><span class="small">${h.row.name}</span></td>
<td>${statusBadge(t, h)}</td>
<td>${h.row.lastHeartbeatAt ? html`${age(t, h.heartbeatAgeSeconds)}<br><span class="small">${cst(h.row.lastHeartbeatAt)}</span>` : '—'}</td>
<td class="problems">${problemBadges(t, h)}</td>
<td>${queueCell(t, h)}</td>
<td class="mono small">${h.row.appVersion ?? '—'}<br>${h.row.catalogVersion ?? '—'}</td>
</tr>`,
      )}</tbody></table>
<p class="pager">${t('page.showing', { from: view.offset + 1, to: end, total: view.matching })}
${view.offset > 0 ? html` <a href="/ops/?filter=${view.filter}">${t('page.first')}</a>` : ''}
${end < view.matching ? html` <a href="/ops/?filter=${view.filter}&amp;offset=${end}" rel="next">${t('page.next')}</a>` : ''}</p>`
}`,
    { refreshSeconds: 30 },
  );
}

// ---- terminal ----

export interface TerminalView {
  health: TerminalHealth;
  heartbeat: {
    versions: { app: string; catalog: string | null; config?: string; os?: string; shell?: string };
    devices: { id: string; class: string; state: string; conditions?: string[] }[];
    uptimeSeconds?: number;
    refusals?: { catalog?: PushRefusal; settings?: PushRefusal };
  } | null;
  heartbeats: { receivedAt: Date; appVersion: string; queueDepth: number; conditions: string[] }[];
  transactions: OpsTransaction[];
  nextCursor: string | null;
  itemName: (code: string) => string | null;
  /** Remote commands: the queue form and the terminal's list (fleet-pages.ts). */
  commands: SafeHtml;
  /** Branch staff's actions (staff-actions-card.ts). */
  staffActions: SafeHtml;
}

function outcomeText(t: Translate, status: 'accepted' | 'committed', outcome: string | null): string {
  if (status === 'accepted') return t('outcome.accepted');
  return outcome === 'approved' || outcome === 'needsReview' || outcome === 'rejected' ? t(`outcome.${outcome}`) : t('outcome.none');
}

function kindText(t: Translate, kind: string): string {
  return kind === 'application' || kind === 'rating' ? t(`kind.${kind}`) : kind;
}

function itemCell(code: string, name: string | null): SafeHtml {
  return name ? html`${name}<br><span class="small mono">${code}</span>` : html`<span class="mono">${code}</span>`;
}

/** A pushed catalog or settings document the terminal refuses: what, when and why, from its latest heartbeat. */
function refusalFacts(t: Translate, refusals: { catalog?: PushRefusal; settings?: PushRefusal } | undefined): [TextKey, SafeHtml][] {
  const rows: [TextKey, PushRefusal | undefined][] = [
    ['terminal.refusedCatalog', refusals?.catalog],
    ['terminal.refusedSettings', refusals?.settings],
  ];
  return rows.flatMap(([key, refusal]) =>
    refusal
      ? [[key, html`<span class="warn-text" data-testid="${key}">${t('terminal.refusal', { version: refusal.version ?? '—', at: cst(refusal.at), reason: refusal.reason })}</span>`]]
      : [],
  );
}

export function terminalPage(ctx: PageContext, view: TerminalView): string {
  const { t } = ctx;
  const { row } = view.health;
  const hb = view.heartbeat;
  const facts: [TextKey, string | SafeHtml][] = [
    ['col.status', html`${statusBadge(t, view.health)} ${problemBadges(t, view.health)}`],
    ['col.lastHeartbeat', row.lastHeartbeatAt ? `${cst(row.lastHeartbeatAt)} (${age(t, view.health.heartbeatAgeSeconds)})` : t('status.never')],
    ['col.queue', queueCell(t, view.health)],
    ['terminal.region', row.region],
    ...(hb
      ? ([
          ['terminal.versionApp', hb.versions.app],
          ['terminal.versionCatalog', hb.versions.catalog ?? '—'],
          ['terminal.versionConfig', hb.versions.config ?? '—'],
          ['terminal.versionOs', hb.versions.os ?? '—'],
          ['terminal.versionShell', hb.versions.shell ?? '—'],
          ['terminal.uptime', hb.uptimeSeconds === undefined ? '—' : age(t, hb.uptimeSeconds).replace(/ ?(前|ago)$/, '')],
        ] as [TextKey, string][])
      : []),
    ...refusalFacts(t, hb?.refusals),
  ];
  return layout(
    ctx,
    `${row.name} (${row.terminalId})`,
    html`<section class="card"><h2>${t('terminal.health')}</h2><dl class="facts" data-testid="terminal-facts">${facts.map(([k, v]) => html`<dt>${t(k)}</dt><dd>${v}</dd>`)}</dl></section>
<section class="card"><h2>${t('terminal.devices')}</h2>${
      hb
        ? html`<table class="grid" data-testid="devices"><thead><tr><th>${t('col.device')}</th><th>${t('col.class')}</th><th>${t('col.state')}</th><th>${t('col.conditions')}</th></tr></thead>
<tbody>${hb.devices.map(
            (d) => html`<tr><td class="mono">${d.id}</td><td>${d.class}</td><td><span class="badge ${d.state === 'online' ? 'ok' : 'bad'}">${d.state}</span></td><td>${(d.conditions ?? []).map((c) => html`<span class="badge warn">${c}</span>`)}</td></tr>`,
          )}</tbody></table>`
        : html`<p class="empty">${t('terminal.noHeartbeat')}</p>`
    }</section>
${view.commands}
${view.staffActions}
<section class="card"><h2>${t('terminal.transactions')}</h2>${transactionTable(ctx, view.transactions.map((x) => ({ ...x, terminalId: row.terminalId })), view.itemName, false)}
${view.nextCursor ? html`<p class="pager"><a href="/ops/terminals/${encodeURIComponent(row.terminalId)}?cursor=${view.nextCursor}" rel="next">${t('page.next')}</a></p>` : ''}</section>
<section class="card"><h2>${t('terminal.heartbeats')}</h2>
<table class="grid small-rows" data-testid="heartbeats"><thead><tr><th>${t('col.time')}</th><th>${t('terminal.versionApp')}</th><th>${t('col.queue')}</th><th>${t('col.conditions')}</th></tr></thead>
<tbody>${view.heartbeats.map(
      (h) => html`<tr><td>${cst(h.receivedAt)}</td><td class="mono">${h.appVersion}</td><td>${h.queueDepth}</td><td>${h.conditions.map((c) => html`<span class="badge warn">${c}</span>`)}</td></tr>`,
    )}</tbody></table></section>`,
    { refreshSeconds: 30 },
  );
}

// ---- transactions ----

type ListedTransaction = Pick<OpsTransaction, 'transactionId' | 'itemCode' | 'caseNumber' | 'createdAt' | 'outcome' | 'status'> & { terminalId: string; kind: string };

function transactionTable(ctx: PageContext, rows: ListedTransaction[], itemName: (code: string) => string | null, withTerminal: boolean): SafeHtml {
  const { t } = ctx;
  if (rows.length === 0) return html`<p class="empty">${t('page.empty')}</p>`;
  return html`<table class="grid" data-testid="transactions"><thead><tr><th>${t('col.time')}</th>${withTerminal ? html`<th>${t('col.terminal')}</th>` : ''}<th>${t('col.kind')}</th><th>${t('col.item')}</th><th>${t('col.caseNumber')}</th><th>${t('col.outcome')}</th></tr></thead>
<tbody>${rows.map(
    (r) => html`<tr><td>${cst(r.createdAt)}</td>${withTerminal ? html`<td><a href="/ops/terminals/${encodeURIComponent(r.terminalId)}">${r.terminalId}</a></td>` : ''}<td>${kindText(t, r.kind)}</td><td>${r.kind === 'rating' ? '—' : itemCell(r.itemCode, itemName(r.itemCode))}</td><td class="mono">${r.caseNumber}</td><td>${r.kind === 'rating' ? '—' : outcomeText(t, r.status, r.outcome)}</td></tr>`,
  )}</tbody></table>`;
}

export function transactionsPage(ctx: PageContext, rows: FleetTransactionRow[], nextCursor: string | null, itemName: (code: string) => string | null, first: boolean): string {
  const { t } = ctx;
  const listed: ListedTransaction[] = rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    status: r.committedAt === null ? 'accepted' : 'committed',
    outcome: r.outcome === 'approved' || r.outcome === 'needsReview' || r.outcome === 'rejected' ? r.outcome : null,
  }));
  return layout(
    ctx,
    t('tx.title'),
    html`<p class="hint">${t('tx.note')}</p>${transactionTable(ctx, listed, itemName, true)}
<p class="pager">${first ? '' : html`<a href="/ops/transactions">${t('page.first')}</a> `}${nextCursor ? html`<a href="/ops/transactions?cursor=${nextCursor}" rel="next">${t('page.next')}</a>` : ''}</p>`,
  );
}

// ---- statistics ----

/** Horizontal bars as SVG (attributes, not inline styles: the console's CSP allows no inline style). */
function bars(rows: { label: string | SafeHtml; value: number; tone?: string }[], testId: string): SafeHtml {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return html`<table class="bars" data-testid="${testId}"><tbody>${rows.map(
    (r) => html`<tr><th>${r.label}</th><td class="bar"><svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true"><rect class="${r.tone ?? ''}" x="0" y="0" height="10" width="${((r.value / max) * 100).toFixed(2)}"></rect></svg></td><td class="num">${r.value}</td></tr>`,
  )}</tbody></table>`;
}

export interface StatsView {
  days: number;
  dayList: string[];
  stats: StatsRows;
  /** Most searched first; for `searchTerminal` only when set. */
  hotSearches: { query: string; count: number }[];
  searchTerminal: string | null;
  itemName: (code: string) => string | null;
  terminalName: (id: string) => string | null;
}

export function statsPage(ctx: PageContext, view: StatsView): string {
  const { t } = ctx;
  const { stats } = view;
  const perDay = view.dayList.map((day) => ({
    day,
    applications: stats.perDay.find((d) => d.day === day && d.kind === 'application')?.count ?? 0,
    ratings: stats.perDay.find((d) => d.day === day && d.kind === 'rating')?.count ?? 0,
  }));
  const totals = perDay.reduce((s, d) => ({ applications: s.applications + d.applications, ratings: s.ratings + d.ratings }), { applications: 0, ratings: 0 });
  const ratingCount = stats.ratings.reduce((s, r) => s + r.count, 0);
  const average = ratingCount === 0 ? 0 : stats.ratings.reduce((s, r) => s + r.level * r.count, 0) / ratingCount;
  const top = Math.max(stats.perItem.length, stats.perTerminal.length, 1);
  return layout(
    ctx,
    t('stats.title'),
    html`<nav class="tabs">${statsDayChoices.map((n) => html`<a href="/ops/stats?days=${n}" class="${n === view.days ? 'active' : ''}">${t('stats.window', { n })}</a>`)}</nav>
<p class="hint" data-testid="stats-total">${t('stats.total', totals)}</p>
<div class="two">
<section class="card"><h2>${t('stats.perDay')}</h2>${bars(
      perDay.map((d) => ({ label: d.day.slice(5), value: d.applications })),
      'per-day',
    )}</section>
<section class="card"><h2>${t('stats.ratings')}</h2>${
      ratingCount === 0
        ? html`<p class="empty">${t('stats.noRatings')}</p>`
        : html`<p class="hint">${t('stats.ratingsAverage', { n: ratingCount, avg: average.toFixed(2) })}</p>${bars(
            [5, 4, 3, 2, 1].map((level) => ({
              label: html`${level} · ${t(`stats.level${level}` as TextKey)}`,
              value: stats.ratings.find((r) => r.level === level)?.count ?? 0,
              tone: level <= 2 ? 'bad' : level === 3 ? 'warn' : 'ok',
            })),
            'ratings',
          )}`
    }
${hotSearches(ctx, view)}</section>
<section class="card"><h2>${t('stats.perItem', { n: top })}</h2>${
      stats.perItem.length === 0
        ? html`<p class="empty">${t('page.empty')}</p>`
        : bars(
            stats.perItem.map((r) => ({ label: itemCell(r.itemCode, view.itemName(r.itemCode)), value: r.count })),
            'per-item',
          )
    }</section>
<section class="card"><h2>${t('stats.perTerminal', { n: top })}</h2>${
      stats.perTerminal.length === 0
        ? html`<p class="empty">${t('page.empty')}</p>`
        : bars(
            stats.perTerminal.map((r) => ({ label: html`<a href="/ops/terminals/${encodeURIComponent(r.terminalId)}">${r.terminalId}</a> <span class="small">${view.terminalName(r.terminalId) ?? ''}</span>`, value: r.count })),
            'per-terminal',
          )
    }</section>
</div>`,
  );
}

/** Hot searches with the form that narrows them to one terminal (a GET form: the window stays in `days`). */
function hotSearches(ctx: PageContext, view: StatsView): SafeHtml {
  const { t } = ctx;
  const scope = view.searchTerminal ? t('stats.searchesOf', { id: view.searchTerminal }) : t('stats.searchesAll');
  return html`<h2>${t('stats.hotSearches', { n: Math.max(view.hotSearches.length, 1) })}</h2>
<form method="get" action="/ops/stats" class="inline"><input type="hidden" name="days" value="${view.days}">
<label>${t('stats.searchTerminal')} <input name="terminal" value="${view.searchTerminal ?? ''}" maxlength="64" data-testid="search-terminal"></label>
<button type="submit">${t('stats.searchFilter')}</button></form>
<p class="hint">${scope} · ${t('stats.searchRule')}</p>${
    view.hotSearches.length === 0
      ? html`<p class="empty" data-testid="hot-searches">${t('stats.noSearches')}</p>`
      : bars(
          view.hotSearches.map((s) => ({ label: view.itemName(s.query) ? itemCell(s.query, view.itemName(s.query)) : s.query, value: s.count })),
          'hot-searches',
        )
  }`;
}

// ---- catalog ----

export interface CatalogView {
  current: { version: string; publishedAt: Date; issuer: string; items: number; bundles: number; etag: string } | null;
  history: { version: string; publishedAt: Date }[];
}

export function catalogPage(ctx: PageContext, view: CatalogView): string {
  const { t } = ctx;
  const canPublish = ctx.principal?.role === 'operator' || ctx.principal?.role === 'admin';
  const c = view.current;
  return layout(
    ctx,
    t('catalog.title'),
    html`<div class="two">
<section class="card"><h2>${t('catalog.current')}</h2>${
      c
        ? html`<dl class="facts" data-testid="catalog-current"><dt>${t('col.version')}</dt><dd class="mono" data-testid="catalog-version">${c.version}</dd><dt>${t('col.publishedAt')}</dt><dd>${cst(c.publishedAt)}</dd><dt>${t('catalog.issuer')}</dt><dd>${c.issuer}</dd><dt>${t('nav.catalog')}</dt><dd>${t('catalog.items', { items: c.items, bundles: c.bundles })}</dd><dt>ETag</dt><dd class="mono small">${c.etag}</dd></dl>`
        : html`<p class="empty">${t('catalog.none')}</p>`
    }
<h2>${t('catalog.history')}</h2><table class="grid small-rows" data-testid="catalog-history"><thead><tr><th>${t('col.version')}</th><th>${t('col.publishedAt')}</th></tr></thead>
<tbody>${view.history.map((h) => html`<tr><td class="mono">${h.version}</td><td>${cst(h.publishedAt)}</td></tr>`)}</tbody></table></section>
<section class="card"><h2>${t('catalog.publish')}</h2>${
      canPublish
        ? html`<p class="hint">${t('catalog.publishHelp')}</p>
<form id="catalog-form" data-testid="catalog-form"
  data-text-published="${t('catalog.published')}" data-text-unchanged="${t('catalog.unchanged')}"
  data-text-refused="${t('catalog.refused')}" data-text-issues="${t('catalog.issues')}"
  data-text-held="${t('catalog.held')}" data-text-current="${t('catalog.currentName')}">
  <div class="row"><label class="file">${t('catalog.file')}<input type="file" id="catalog-file" accept="application/json,.json"></label>
  <button type="button" id="catalog-load" class="secondary">${t('catalog.loadCurrent')}</button>
  ${c ? html`<a href="/ops/catalog/current.json" download="catalog-${c.version}.json" data-testid="catalog-download">${t('catalog.download')}</a>` : ''}</div>
  <textarea id="catalog-json" name="catalog" spellcheck="false" rows="18" data-testid="catalog-json"></textarea>
  <button type="submit" class="primary">${t('catalog.submit')}</button>
</form>
<div id="catalog-result" data-testid="catalog-result" aria-live="polite"></div>`
        : notice('info', t('catalog.viewerCannot'), 'catalog-viewer')
    }</section>
</div>`,
  );
}

// ---- users and audit (admin) ----

export function usersPage(ctx: PageContext, users: OpsUserRecord[], message?: { kind: 'ok' | 'error'; text: string; password?: string }): string {
  const { t, now } = ctx;
  const roleSelect = (selected: string): SafeHtml =>
    html`<select name="role">${(['viewer', 'operator', 'admin'] as const).map((r) => html`<option value="${r}" ${r === selected ? html`selected` : ''}>${t(`role.${r}`)}</option>`)}</select>`;
  return layout(
    ctx,
    t('users.title'),
    html`${message ? notice(message.kind, html`${message.text}${message.password ? html` <code class="otp" data-testid="one-time-password">${message.password}</code>` : ''}`) : ''}
<section class="card"><h2>${t('users.create')}</h2>
<form method="post" action="/ops/users" class="row" data-testid="create-user">${csrfField(ctx)}<input type="hidden" name="op" value="create">
<label>${t('login.username')}<input name="username" required pattern="[a-z][a-z0-9._\\-]{1,31}"></label><label>${t('col.role')}${roleSelect('viewer')}</label><button class="primary">${t('users.createSubmit')}</button></form></section>
<table class="grid" data-testid="users"><thead><tr><th>${t('col.user')}</th><th>${t('col.role')}</th><th>${t('col.account')}</th><th>${t('col.action')}</th></tr></thead>
<tbody>${users.map((u) => {
      const locked = u.lockedUntil !== null && u.lockedUntil > now;
      const hidden = html`${csrfField(ctx)}<input type="hidden" name="username" value="${u.username}">`;
      return html`<tr data-user="${u.username}"><td>${u.username}</td>
<td><form method="post" action="/ops/users" class="inline">${hidden}<input type="hidden" name="op" value="role">${roleSelect(u.role)} <button class="secondary">${t('users.setRole')}</button></form></td>
<td>${locked ? html`<span class="badge bad">${t('users.lockedUntil', { until: cst(u.lockedUntil) })}</span>` : u.mustChangePassword ? html`<span class="badge warn">${t('users.mustChange')}</span>` : html`<span class="badge ok">${t('users.active')}</span>`}</td>
<td>${locked ? html`<form method="post" action="/ops/users" class="inline">${hidden}<input type="hidden" name="op" value="unlock"><button class="secondary">${t('users.unlock')}</button></form>` : ''}
<form method="post" action="/ops/users" class="inline">${hidden}<input type="hidden" name="op" value="reset"><button class="secondary">${t('users.reset')}</button></form></td></tr>`;
    })}</tbody></table>`,
  );
}

export function auditPage(ctx: PageContext, entries: AuditRecord[], nextBefore: number | null): string {
  const { t } = ctx;
  return layout(
    ctx,
    t('audit.title'),
    html`<table class="grid small-rows" data-testid="audit"><thead><tr><th>${t('col.time')}</th><th>${t('col.user')}</th><th>${t('col.action')}</th><th>${t('col.target')}</th><th>${t('col.detail')}</th></tr></thead>
<tbody>${entries.map(
      (e) => html`<tr><td>${cst(e.at)}</td><td>${e.actor}</td><td class="mono">${e.action}</td><td class="mono">${e.target ?? ''}</td><td class="mono small">${e.detail === null ? '' : JSON.stringify(e.detail)}</td></tr>`,
    )}</tbody></table>
${nextBefore !== null ? html`<p class="pager"><a href="/ops/audit?before=${nextBefore}" rel="next">${t('page.next')}</a></p>` : ''}`,
  );
}

export function messagePage(ctx: PageContext, title: string, text: string): string {
  return layout(ctx, title, notice('error', text));
}
