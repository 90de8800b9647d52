// Publishing a catalog as an ops user: the one path for the ops API (`PUT /v1/ops/catalog`, which the console's
// catalog page calls) — validated by the route against the contract's schema, stored as a new immutable version
// (CatalogStore), signed when served (CatalogSigner), and written to the audit log with who published what.
import type { CatalogDocument } from '../../contracts/catalog';
import type { PublishCatalogAnswer } from '../../contracts/sync-api';
import { type Outcome, type SyncDeps, fail } from '../sync/outcome';
import type { OpsAccounts, OpsPrincipal } from './ops-accounts';

export async function publishCatalogAs(sync: SyncDeps, accounts: OpsAccounts, principal: OpsPrincipal, document: CatalogDocument): Promise<Outcome<PublishCatalogAnswer>> {
  const result = await sync.catalogs.publish(document, sync.now());
  if (!result.ok) {
    await accounts.audit(principal.username, 'catalog.publishRefused', document.version, { reason: result.reason });
    return fail(409, 'catalogVersionConflict', result.message);
  }
  const { catalog } = result;
  if (result.created) await accounts.audit(principal.username, 'catalog.publish', catalog.version, { etag: catalog.etag, items: document.items.length, bundles: document.bundles.length });
  return { ok: true, value: { version: catalog.version, etag: catalog.etag, publishedAt: catalog.publishedAt.toISOString(), created: result.created } };
}
