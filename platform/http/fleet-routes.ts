// The remote-operations endpoints of the sync API (contracts/sync-api.ts, contracts/remote-operations.ts) bound to
// platform/fleet/: commands (terminals fetch and answer them, ops queue and read them) and pushed settings.
import type { FastifyInstance } from 'fastify';
import { syncApi } from '../../contracts/sync-api';
import type { CatalogSigner } from '../catalog/catalog-signer';
import { pendingCommands, queueCommand, recordCommandResult, terminalCommands } from '../fleet/remote-commands';
import { publishSettingsLayer, signedSettings } from '../fleet/terminal-settings';
import type { Outcome, SyncDeps } from '../sync/outcome';
import { type RouteDeps, type RouteReply, registerRoute } from './zod-route';

function reply<T>(outcome: Outcome<T>): RouteReply {
  return outcome.ok ? { status: 200, body: outcome.value } : { status: outcome.status, error: outcome.error };
}

export function registerFleetRoutes(app: FastifyInstance, sync: SyncDeps, deps: RouteDeps & { catalogSigner: CatalogSigner }): void {
  const accounts = deps.ops.accounts;

  registerRoute(app, syncApi.pendingCommands, deps, async ({ terminal }) => ({ status: 200, body: await pendingCommands(sync, terminal.terminalId) }));

  registerRoute(app, syncApi.commandResult, deps, async ({ terminal, params, body }) => reply(await recordCommandResult(sync, terminal.terminalId, params.commandId, body)));

  registerRoute(app, syncApi.settings, deps, async ({ terminal }) => {
    const signed = await signedSettings(sync, deps.catalogSigner, terminal);
    return signed ? { status: 200, body: signed } : { status: 404, error: { code: 'notFound', message: 'no settings are set for this terminal' } };
  });

  registerRoute(app, syncApi.opsQueueCommand, deps, async ({ params, body, principal }) => reply(await queueCommand(sync, accounts, principal, params.terminalId, body)));

  registerRoute(app, syncApi.opsCommands, deps, async ({ params }) => ({ status: 200, body: { commands: await terminalCommands(sync, params.terminalId) } }));

  registerRoute(app, syncApi.opsPublishSettings, deps, async ({ params, body, principal }) => reply(await publishSettingsLayer(sync, accounts, principal, params.scope, body.overrides)));
}
