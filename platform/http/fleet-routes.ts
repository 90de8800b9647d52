// The remote-operations endpoints of the sync API (contracts/sync-api.ts, contracts/remote-operations.ts) bound to
// platform/fleet/: commands (terminals fetch and answer them, ops queue and read them) and pushed settings.
import type { FastifyInstance } from 'fastify';
import { syncApi } from '../../contracts/sync-api';
import type { CatalogSigner } from '../catalog/catalog-signer';
import { pendingCommands, queueCommand, recordCommandResult, terminalCommands } from '../fleet/remote-commands';
import { publishSettingsLayer, signedSettings } from '../fleet/terminal-settings';
import { feedFile, recordUpdateReport, setStagingAs } from '../fleet/update-feed';
import type { Outcome, SyncDeps } from '../sync/outcome';
import { type RouteDeps, type RouteReply, registerRoute } from './zod-route';

function reply<T>(outcome: Outcome<T>): RouteReply {
  return outcome.ok ? { status: 200, body: outcome.value } : { status: outcome.status, error: outcome.error };
}

export function registerFleetRoutes(app: FastifyInstance, sync: SyncDeps, deps: RouteDeps & { catalogSigner: CatalogSigner; updatesDir?: string }): void {
  const accounts = deps.ops.accounts;

  registerRoute(app, syncApi.pendingCommands, deps, async ({ terminal }) => ({ status: 200, body: await pendingCommands(sync, terminal.terminalId) }));

  registerRoute(app, syncApi.commandResult, deps, async ({ terminal, params, body }) => reply(await recordCommandResult(sync, terminal.terminalId, params.commandId, body)));

  registerRoute(app, syncApi.settings, deps, async ({ terminal }) => {
    const signed = await signedSettings(sync, deps.catalogSigner, terminal);
    return signed ? { status: 200, body: signed } : { status: 404, error: { code: 'notFound', message: 'no settings are set for this terminal' } };
  });

  registerRoute(app, syncApi.opsQueueCommand, deps, async ({ params, body, principal }) => reply(await queueCommand(sync, accounts, principal, params.terminalId, body)));

  registerRoute(app, syncApi.opsCommands, deps, async ({ params }) => ({ status: 200, body: { commands: await terminalCommands(sync, params.terminalId) } }));

  registerRoute(app, syncApi.updateReport, deps, async ({ terminal, body }) => ({ status: 200, body: await recordUpdateReport(sync, accounts, terminal.terminalId, body) }));

  registerRoute(app, syncApi.opsSetStaging, deps, async ({ params, body, principal }) => {
    await setStagingAs(sync, accounts, principal, params.channel, body.stagingPercentage);
    return { status: 200, body: { channel: params.channel, stagingPercentage: body.stagingPercentage } };
  });

  // The feed is public like any download server's: electron-updater fetches it without the terminal's signature.
  const updatesDir = deps.updatesDir;
  app.get('/updates/:channel/:file', async (request, reply) => {
    const { channel, file } = request.params as { channel: string; file: string };
    // `?terminal=<id>`: that terminal's view of the feed (a pinned terminal gets its pinned release).
    const { terminal } = request.query as { terminal?: unknown };
    const found = updatesDir ? await feedFile(sync, updatesDir, channel, file, typeof terminal === 'string' ? terminal : undefined) : { ok: false as const };
    if (!found.ok) return reply.code(404).type('application/json; charset=utf-8').send(JSON.stringify({ code: 'notFound', message: 'no such update file' }));
    return reply.headers({ 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' }).type(found.type).send(found.body);
  });

  registerRoute(app, syncApi.opsPublishSettings, deps, async ({ params, body, principal }) => reply(await publishSettingsLayer(sync, accounts, principal, params.scope, body.overrides)));
}
