// The catalog the reference platform publishes when it has none (npm run platform, the embedded platform): the
// realistic hand-written items of demo-catalog.json first (the hot ones), the life-event items behind the bundles,
// then the 5,000+ generated items of large-demo-catalog.ts — minus each generated twin of a hand-written item (same
// name at the same department), so a search never shows an item twice.
import type { z } from 'zod';
import { CatalogDocument } from '../../contracts/catalog';
import demoCatalog from './demo-catalog.json' with { type: 'json' };
import { largeDemoCatalog } from './large-demo-catalog';
import { lifeEventBundles, lifeEventItems } from './life-event-items';

/** Changes whenever what this module builds changes: a catalog version is immutable once published. */
export const publishedDemoCatalogVersion = '2026.11.20-1';

/** `full`: 5,000+ items; `small`: demo-catalog.json as it is (12 items; quick, for tests of other things). */
export type DemoCatalogKind = 'full' | 'small';

let full: CatalogDocument | undefined;

export function publishedDemoCatalog(kind: DemoCatalogKind = 'full'): CatalogDocument {
  if (kind === 'small') return CatalogDocument.parse(demoCatalog);
  if (full) return full;
  const handWritten = [...(demoCatalog.items as z.input<typeof CatalogDocument>['items']), ...lifeEventItems];
  const twins = new Set(handWritten.map((i) => `${i.department.name}|${i.name}`));
  const generated = largeDemoCatalog().items.filter((i) => !twins.has(`${i.department.name}|${i.name}`));
  full = CatalogDocument.parse({
    ...demoCatalog,
    version: publishedDemoCatalogVersion,
    items: [...handWritten, ...generated],
    bundles: [...demoCatalog.bundles, ...lifeEventBundles],
  });
  return full;
}
