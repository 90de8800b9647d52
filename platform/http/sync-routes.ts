// The sync API's endpoints (contracts/sync-api.ts `syncApi`) bound to the operations in platform/sync/.
import type { FastifyInstance } from 'fastify';
import { CatalogDocument } from '../../contracts/catalog';
import { type SubmitBatchAnswer, SubmitAnswer, catalogSignatureHeader, catalogVersionHeader, syncApi } from '../../contracts/sync-api';
import type { CatalogSigner } from '../catalog/catalog-signer';
import { publishCatalogAs } from '../ops/catalog-publishing';
import { attachmentProgress, caseProgress, opsTerminal, opsTransactions } from '../sync/reads';
import type { Outcome, SyncDeps } from '../sync/outcome';
import { submitTransaction } from '../sync/submit';
import { uploadChunk } from '../sync/upload';
import { recordHeartbeat } from '../sync/heartbeat';
import { registerUploadFramesRoute } from './upload-frames-route';
import { pendingCommandIds } from '../fleet/remote-commands';
import { settingsRef } from '../fleet/terminal-settings';
import { type RouteDeps, type RouteReply, registerRoute } from './zod-route';

function reply<T>(outcome: Outcome<T>): RouteReply {
  return outcome.ok ? { status: 200, body: outcome.value } : { status: outcome.status, error: outcome.error };
}

/** Whether an If-None-Match header names this ETag (weak comparison, as RFC 9110 asks for If-None-Match). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const strip = (tag: string): string => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || strip(tag) === strip(etag));
}

export function registerSyncRoutes(app: FastifyInstance, sync: SyncDeps, deps: RouteDeps & { catalogSigner: CatalogSigner }): void {
  registerRoute(app, syncApi.submitTransaction, deps, async ({ terminal, body }) => {
    const outcome = await submitTransaction(sync, terminal, body);
    return outcome.ok ? { status: 200, raw: outcome.value } : { status: outcome.status, error: outcome.error };
  });

  registerRoute(app, syncApi.submitBatch, deps, async ({ terminal, body }) => {
    // One after another: a batch is one kiosk's backlog in id order, and the order of case numbers should follow it.
    const results: SubmitBatchAnswer['results'] = [];
    for (const transaction of body.transactions) {
      const outcome = await submitTransaction(sync, terminal, transaction);
      results.push(
        outcome.ok
          ? { ok: true, transactionId: transaction.transactionId, answer: SubmitAnswer.parse(JSON.parse(outcome.value)) }
          : { ok: false, transactionId: transaction.transactionId, httpStatus: outcome.status, error: outcome.error },
      );
    }
    return { status: 200, body: { results } };
  });

  registerRoute(app, syncApi.uploadChunk, deps, async ({ terminal, params, query, body }) =>
    reply(await uploadChunk(sync, terminal, { ...params, offset: query.offset }, body)),
  );

  registerUploadFramesRoute(app, sync, deps);

  registerRoute(app, syncApi.attachmentProgress, deps, async ({ terminal, params }) =>
    reply(await attachmentProgress(sync, terminal.terminalId, params.transactionId, params.attachmentId)),
  );

  registerRoute(app, syncApi.heartbeat, deps, async ({ terminal, body }) => {
    const now = sync.now();
    await recordHeartbeat(sync, terminal.terminalId, now, body);
    const catalog = await sync.catalogs.current();
    const [commands, settings] = await Promise.all([pendingCommandIds(sync, terminal.terminalId), settingsRef(sync, terminal)]);
    return { status: 200, body: { serverTime: now.toISOString(), catalog: catalog ? { version: catalog.version, etag: catalog.etag } : null, commands, settings } };
  });

  registerRoute(app, syncApi.catalog, deps, async ({ headers }) => {
    const catalog = await sync.catalogs.current();
    if (!catalog) return { status: 404, error: { code: 'notFound', message: 'no catalog has been published' } };
    const cacheHeaders = { etag: catalog.etag, [catalogVersionHeader]: catalog.version, 'cache-control': 'no-cache' };
    if (matches(headers['if-none-match'], catalog.etag)) return { status: 304, empty: true, headers: cacheHeaders };
    return { status: 200, raw: catalog.body, headers: { ...cacheHeaders, [catalogSignatureHeader]: deps.catalogSigner.sign(catalog.body) } };
  });

  registerRoute(app, syncApi.caseProgress, deps, async ({ params }) => reply(await caseProgress(sync, params.caseNumber)));

  registerRoute(app, syncApi.opsTerminal, deps, async ({ params }) => reply(await opsTerminal(sync, params.terminalId)));

  registerRoute(app, syncApi.opsTransactions, deps, async ({ params, query }) => reply(await opsTransactions(sync, params.terminalId, query)));

  registerRoute(app, syncApi.publishCatalog, deps, async ({ body, principal }) =>
    reply(await publishCatalogAs(sync, deps.ops.accounts, principal, CatalogDocument.parse(body))),
  );
}
