// The ops console's remote-operations parts (issue 6, points 5 and 6): a terminal's remote commands (queue form and
// list, on the terminal page), the settings layers pushed to terminals, and the update channels' rollout. Plain
// forms with the session's CSRF token; the routes (fleet-console-routes.ts) call the same functions as the ops API.
import { type OpsCommand, RemoteCommandKind } from '../../contracts/remote-operations';
import type { FeedChannel } from '../fleet/update-feed';
import type { SettingsLayerRecord, UpdatePinRecord } from '../storage/fleet-queries';
import { type PageContext, csrfField, cst, layout, notice } from './console-pages';
import type { TextKey } from './console-text';
import { type SafeHtml, html } from './html';

export type FormMessage = { kind: 'ok' | 'error'; text: string };

export function canChange(ctx: PageContext): boolean {
  return ctx.principal?.role === 'operator' || ctx.principal?.role === 'admin';
}

// ---- commands (a card on the terminal page) ----

function commandState(command: OpsCommand): 'pending' | 'fetched' | OpsCommand['status'] {
  return command.status === 'pending' && command.fetchedAt ? 'fetched' : command.status;
}

const stateTone = { pending: 'muted', fetched: 'warn', done: 'ok', failed: 'bad', unsupported: 'bad' } as const;

/** A self-test's device states (`[{ id, state, conditions }]`) in one line each; other data as JSON. */
function resultData(data: OpsCommand['data']): SafeHtml {
  if (data === null) return html``;
  const devices = Array.isArray(data) ? data : typeof data === 'object' && Array.isArray((data as { devices?: unknown }).devices) ? (data as { devices: unknown[] }).devices : null;
  if (devices?.every((d) => typeof d === 'object' && d !== null && 'id' in d && 'state' in d)) {
    return html`<ul class="plain small">${(devices as { id: string; state: string; conditions?: string[] }[]).map(
      (d) => html`<li><span class="mono">${d.id}</span> <span class="badge ${d.state === 'online' ? 'ok' : 'bad'}">${d.state}</span>${(d.conditions ?? []).map((c) => html`<span class="badge warn">${c}</span>`)}</li>`,
    )}</ul>`;
  }
  return html`<pre class="json small">${JSON.stringify(data, null, 2)}</pre>`;
}

export function commandsCard(ctx: PageContext, terminalId: string, commands: OpsCommand[], message?: FormMessage): SafeHtml {
  const { t } = ctx;
  const form = canChange(ctx)
    ? html`<p class="hint">${t('commands.help')}</p>
<form method="post" action="/ops/terminals/${encodeURIComponent(terminalId)}/commands" class="row" data-testid="command-form">${csrfField(ctx)}
<label>${t('commands.kind')}<select name="kind" data-testid="command-kind">${RemoteCommandKind.options.map((k) => html`<option value="${k}">${t(`command.${k}`)}</option>`)}</select></label>
<label class="grow">${t('commands.message')}<input name="message" maxlength="200" data-testid="command-message"></label>
<button class="primary">${t('commands.submit')}</button></form>`
    : notice('info', t('fleet.viewerCannot'), 'commands-viewer');
  const list =
    commands.length === 0
      ? html`<p class="empty">${t('commands.none')}</p>`
      : html`<table class="grid small-rows" data-testid="commands"><thead><tr><th>${t('col.time')}</th><th>${t('commands.kind')}</th><th>${t('col.message')}</th><th>${t('col.queuedBy')}</th><th>${t('col.status')}</th><th>${t('col.finishedAt')}</th><th>${t('col.result')}</th></tr></thead>
<tbody>${commands.map((c) => {
          const state = commandState(c);
          return html`<tr data-command="${c.id}" data-kind="${c.kind}" data-state="${state}"><td>${cst(c.queuedAt)}</td><td>${t(`command.${c.kind}`)}</td><td>${c.message ?? ''}</td><td>${c.queuedBy}</td>
<td><span class="badge ${stateTone[state]}" data-testid="command-state">${t(`commandStatus.${state}`)}</span></td><td>${c.finishedAt ? cst(c.finishedAt) : '—'}</td>
<td>${c.detail ?? ''}${resultData(c.data)}${c.artifact ? html`<br><a href="/ops/commands/${c.id}/artifact" download>${t('commands.download', { name: c.artifact })}</a>` : ''}</td></tr>`;
        })}</tbody></table>`;
  return html`<section class="card" data-testid="commands-card"><h2>${t('commands.title')}</h2>${message ? notice(message.kind, message.text, 'command-notice') : ''}${form}${list}</section>`;
}

// ---- settings ----

export interface SettingsView {
  layers: SettingsLayerRecord[];
  /** What the edit form holds: a layer picked for editing, or what was posted and refused. */
  editing: { scope: string; text: string };
  message?: FormMessage;
}

export function settingsPage(ctx: PageContext, view: SettingsView): string {
  const { t } = ctx;
  const table =
    view.layers.length === 0
      ? html`<p class="empty">${t('settings.none')}</p>`
      : html`<table class="grid" data-testid="settings-layers"><thead><tr><th>${t('col.scope')}</th><th>${t('col.revision')}</th><th>${t('col.updatedAt')}</th><th>${t('col.updatedBy')}</th><th>${t('settings.overrides')}</th><th></th></tr></thead>
<tbody>${view.layers.map(
          (l) => html`<tr data-scope="${l.scope}"><td class="mono">${l.scope}</td><td>${l.revision}</td><td>${cst(l.updatedAt)}</td><td>${l.updatedBy}</td><td><pre class="json small">${JSON.stringify(l.overrides, null, 2)}</pre></td>
<td>${canChange(ctx) ? html`<a href="/ops/settings?scope=${encodeURIComponent(l.scope)}">${t('settings.editThis')}</a>` : ''}</td></tr>`,
        )}</tbody></table>`;
  const edit = canChange(ctx)
    ? html`<form method="post" action="/ops/settings" data-testid="settings-form">${csrfField(ctx)}
<label>${t('settings.scope')}<input name="scope" required value="${view.editing.scope}" pattern="fleet|region:[0-9A-Za-z]{1,12}|terminal:[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}" data-testid="settings-scope"></label>
<label>${t('settings.overrides')}<textarea name="overrides" rows="14" spellcheck="false" data-testid="settings-json">${view.editing.text}</textarea></label>
<button class="primary">${t('settings.submit')}</button></form>`
    : notice('info', t('fleet.viewerCannot'), 'settings-viewer');
  return layout(
    ctx,
    t('settings.title'),
    html`${view.message ? notice(view.message.kind, view.message.text, 'settings-notice') : ''}<p class="hint">${t('settings.help')}</p>
<div class="two"><section class="card"><h2>${t('settings.layers')}</h2>${table}</section>
<section class="card"><h2>${t('settings.edit')}</h2>${edit}</section></div>`,
  );
}

// ---- updates ----

export interface UpdatesView {
  /** Channels of the feed folder and channels with a rollout set, by name. */
  channels: { channel: string; releases: FeedChannel['releases']; staging: { stagingPercentage: number; updatedAt: Date; updatedBy: string } | null }[];
  pins: UpdatePinRecord[];
  message?: FormMessage;
}

export function updatesPage(ctx: PageContext, view: UpdatesView): string {
  const { t } = ctx;
  const head: TextKey[] = ['col.channel', 'col.offered', 'col.staging', 'col.updatedAt', 'col.updatedBy'];
  const channels =
    view.channels.length === 0
      ? html`<p class="empty">${t('updates.none')}</p>`
      : html`<table class="grid" data-testid="update-channels"><thead><tr>${head.map((k) => html`<th>${t(k)}</th>`)}${canChange(ctx) ? html`<th>${t('updates.percentage')}</th>` : ''}</tr></thead>
<tbody>${view.channels.map(
          (c) => html`<tr data-channel="${c.channel}"><td class="mono">${c.channel}</td><td class="mono small">${c.releases.map((r) => html`${r.file}: ${r.version ?? '—'}<br>`)}</td>
<td data-testid="staging">${c.staging ? `${c.staging.stagingPercentage} %` : t('updates.notSet')}</td><td>${c.staging ? cst(c.staging.updatedAt) : '—'}</td><td>${c.staging?.updatedBy ?? '—'}</td>
${canChange(ctx) ? html`<td><form method="post" action="/ops/updates" class="inline">${csrfField(ctx)}<input type="hidden" name="channel" value="${c.channel}"><input name="stagingPercentage" type="number" min="0" max="100" step="1" required value="${c.staging?.stagingPercentage ?? ''}" aria-label="${t('updates.percentage')} ${c.channel}"><button class="secondary">${t('updates.submit')}</button></form></td>` : ''}</tr>`,
        )}</tbody></table>`;
  const pins =
    view.pins.length === 0
      ? html`<p class="empty">${t('updates.noPins')}</p>`
      : html`<table class="grid small-rows" data-testid="update-pins"><thead><tr><th>${t('col.terminal')}</th><th>${t('col.channel')}</th><th>${t('col.pinnedVersion')}</th><th>${t('col.failedVersion')}</th><th>${t('col.time')}</th><th>${t('col.detail')}</th></tr></thead>
<tbody>${view.pins.map(
          (p) => html`<tr><td><a href="/ops/terminals/${encodeURIComponent(p.terminalId)}">${p.terminalId}</a></td><td class="mono">${p.channel}</td><td class="mono">${p.version}</td><td class="mono">${p.failedVersion}</td><td>${cst(p.pinnedAt)}</td><td class="small">${p.detail}</td></tr>`,
        )}</tbody></table>`;
  return layout(
    ctx,
    t('updates.title'),
    html`${view.message ? notice(view.message.kind, view.message.text, 'updates-notice') : ''}<p class="hint">${t('updates.help')}</p>
${canChange(ctx) ? '' : notice('info', t('fleet.viewerCannot'), 'updates-viewer')}
<section class="card"><h2>${t('updates.channels')}</h2>${channels}</section>
<section class="card"><h2>${t('updates.pins')}</h2>${pins}</section>`,
  );
}
