// The endpoints a kiosk asks while a citizen waits (contracts/sync-api.ts): shared data for prefill, proactive
// suggestions (both from the demo population, platform/demo/), and progress by receipt code; and the public progress
// page a receipt's QR code opens on a phone (`/p/<receipt code>`, contracts/receipt-qr.ts).
import type { FastifyInstance } from 'fastify';
import { TransactionId, syncApi } from '../../contracts/sync-api';
import { lookUpSharedData } from '../demo/shared-data';
import { suggestFor } from '../demo/suggestions';
import { progressPage, unknownReceiptPage } from '../public/progress-page';
import { publicPageHeaders } from '../public/public-page';
import type { SyncDeps } from '../sync/outcome';
import { receiptProgress } from '../sync/reads';
import { type RouteDeps, registerRoute } from './zod-route';

export function registerCitizenRoutes(app: FastifyInstance, sync: SyncDeps, deps: RouteDeps): void {
  app.get<{ Params: { reference: string } }>('/p/:reference', async (request, reply) => {
    const receiptCode = TransactionId.safeParse(request.params.reference.toLowerCase());
    const outcome = receiptCode.success ? await receiptProgress(sync, receiptCode.data) : undefined;
    return reply
      .code(outcome?.ok ? 200 : 404)
      .headers(publicPageHeaders)
      .send(outcome?.ok ? progressPage(outcome.value) : unknownReceiptPage());
  });

  registerRoute(app, syncApi.receiptProgress, deps, async ({ params }) => {
    const outcome = await receiptProgress(sync, params.transactionId);
    return outcome.ok ? { status: 200, body: outcome.value } : { status: outcome.status, error: outcome.error };
  });

  registerRoute(app, syncApi.sharedData, deps, async ({ body }) => {
    const catalog = await sync.catalogs.current();
    const answer = catalog && lookUpSharedData(catalog.document, body.idNumber, body.itemCode, sync.now());
    if (!answer) return { status: 404, error: { code: 'notFound', message: `the catalog in force has no item ${body.itemCode}` } };
    return { status: 200, body: answer };
  });

  registerRoute(app, syncApi.suggestions, deps, async ({ body }) => {
    const catalog = await sync.catalogs.current();
    return { status: 200, body: { suggestions: catalog ? suggestFor(catalog.document, body.idNumber, sync.now()) : [] } };
  });
}
