// The console's remote-operations pages: queueing a command for a terminal (the form on the terminal page), the
// settings layers and the update channels' rollout. Each change goes through the same function as its ops API
// endpoint (POST /v1/ops/terminals/{id}/commands, PUT /v1/ops/settings/{scope}, PUT /v1/ops/update-channels/{channel}),
// so it is validated by the same schemas and audited the same way (command.queue, settings.publish, update.staging).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { QueueCommandRequest, SettingsOverrides, SettingsScope, UpdateChannel } from '../../contracts/remote-operations';
import { queueCommand } from '../fleet/remote-commands';
import { publishSettingsLayer } from '../fleet/terminal-settings';
import { feedChannels, setStagingAs } from '../fleet/update-feed';
import type { OpsRole } from '../storage/ops-queries';
import type { SyncDeps } from '../sync/outcome';
import type { PageContext } from './console-pages';
import { type FormMessage, settingsPage, updatesPage } from './fleet-pages';
import type { OpsAccounts, OpsPrincipal } from './ops-accounts';

/** What console-routes.ts shares with these pages: its gate, page context and form reading. */
export interface ConsoleKit {
  sync: SyncDeps;
  accounts: OpsAccounts;
  updatesDir?: string;
  guarded(needed: OpsRole, page: (request: FastifyRequest, reply: FastifyReply, principal: OpsPrincipal) => Promise<FastifyReply>): (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;
  context(request: FastifyRequest, principal?: OpsPrincipal): PageContext;
  sendPage(reply: FastifyReply, page: string, status?: number): FastifyReply;
  form(request: FastifyRequest): URLSearchParams;
}

const PINS = 50;

export function registerFleetConsoleRoutes(app: FastifyInstance, kit: ConsoleKit): void {
  const { sync, accounts, guarded, context, sendPage, form } = kit;

  // ---- commands ----

  app.post(
    '/ops/terminals/:terminalId/commands',
    guarded('operator', async (request, reply, principal) => {
      const { terminalId } = request.params as { terminalId: string };
      const body = form(request);
      const message = (body.get('message') ?? '').trim();
      const parsed = QueueCommandRequest.safeParse({ kind: body.get('kind'), ...(message ? { message } : {}) });
      const back = `/ops/terminals/${encodeURIComponent(terminalId)}`;
      if (!parsed.success) return reply.redirect(`${back}?refused=${encodeURIComponent(parsed.error.issues[0]?.message ?? 'invalid')}`, 303);
      const queued = await queueCommand(sync, accounts, principal, terminalId, parsed.data);
      if (!queued.ok) return reply.redirect(`${back}?refused=${encodeURIComponent(queued.error.message)}`, 303);
      return reply.redirect(`${back}?queued=${queued.value.kind}`, 303);
    }),
  );

  // Collected logs are redacted on the kiosk; they are still operational detail, so operators fetch them.
  app.get(
    '/ops/commands/:commandId/artifact',
    guarded('operator', async (request, reply) => {
      const { commandId } = request.params as { commandId: string };
      const artifact = /^[0-9a-f-]{36}$/.test(commandId) ? await sync.storage.fleet.commandArtifact(commandId) : undefined;
      if (!artifact) return reply.code(404).type('text/plain; charset=utf-8').send('not found');
      return reply
        .headers({ 'content-disposition': `attachment; filename="${artifact.name}"`, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' })
        .type(artifact.contentType)
        .send(artifact.bytes);
    }),
  );

  // ---- settings ----

  async function showSettings(request: FastifyRequest, reply: FastifyReply, principal: OpsPrincipal, editing: { scope: string; text: string }, message?: FormMessage, status = 200) {
    const layers = await sync.storage.fleet.allSettingsLayers();
    return sendPage(reply, settingsPage(context(request, principal), { layers, editing, ...(message ? { message } : {}) }), status);
  }

  app.get(
    '/ops/settings',
    guarded('viewer', async (request, reply, principal) => {
      const asked = (request.query as { scope?: string }).scope ?? 'fleet';
      const scope = SettingsScope.safeParse(asked).success ? asked : 'fleet';
      const [layer] = await sync.storage.fleet.settingsLayers([scope]);
      return showSettings(request, reply, principal, { scope, text: JSON.stringify(layer?.overrides ?? {}, null, 2) });
    }),
  );

  app.post(
    '/ops/settings',
    guarded('operator', async (request, reply, principal) => {
      const body = form(request);
      const t = context(request, principal).t;
      const editing = { scope: (body.get('scope') ?? '').trim(), text: body.get('overrides') ?? '' };
      const refuse = (text: string) => showSettings(request, reply, principal, editing, { kind: 'error', text }, 400);
      if (!SettingsScope.safeParse(editing.scope).success) return refuse(t('settings.badScope'));
      let json: unknown;
      try {
        json = JSON.parse(editing.text);
      } catch (error) {
        return refuse(t('settings.badJson', { message: error instanceof Error ? error.message : String(error) }));
      }
      const overrides = Array.isArray(json) ? undefined : SettingsOverrides.safeParse(json);
      if (!overrides?.success) return refuse(t('settings.badJson', { message: overrides?.error.issues[0]?.message ?? 'an array' }));
      const published = await publishSettingsLayer(sync, accounts, principal, editing.scope, overrides.data);
      if (!published.ok) return refuse(published.error.message);
      return showSettings(request, reply, principal, editing, { kind: 'ok', text: t('settings.published', { scope: published.value.scope, revision: published.value.revision }) });
    }),
  );

  // ---- updates ----

  async function showUpdates(request: FastifyRequest, reply: FastifyReply, principal: OpsPrincipal, message?: FormMessage, status = 200) {
    const feed = kit.updatesDir ? await feedChannels(kit.updatesDir) : [];
    const staging = await sync.storage.fleet.stagingChannels();
    const names = [...new Set([...feed.map((c) => c.channel), ...staging.map((s) => s.channel)])].sort();
    const channels = names.map((channel) => ({
      channel,
      releases: feed.find((c) => c.channel === channel)?.releases ?? [],
      staging: staging.find((s) => s.channel === channel) ?? null,
    }));
    const pins = await sync.storage.fleet.pins(PINS);
    return sendPage(reply, updatesPage(context(request, principal), { channels, pins, ...(message ? { message } : {}) }), status);
  }

  app.get(
    '/ops/updates',
    guarded('viewer', async (request, reply, principal) => showUpdates(request, reply, principal)),
  );

  app.post(
    '/ops/updates',
    guarded('operator', async (request, reply, principal) => {
      const body = form(request);
      const t = context(request, principal).t;
      const channel = UpdateChannel.safeParse(body.get('channel'));
      const raw = body.get('stagingPercentage') ?? '';
      const percentage = /^\d{1,3}$/.test(raw) ? Number(raw) : Number.NaN;
      if (!channel.success || !(percentage >= 0 && percentage <= 100)) return showUpdates(request, reply, principal, { kind: 'error', text: t('updates.invalid') }, 400);
      await setStagingAs(sync, accounts, principal, channel.data, percentage);
      return showUpdates(request, reply, principal, { kind: 'ok', text: t('updates.saved', { channel: channel.data, percentage }) });
    }),
  );
}
