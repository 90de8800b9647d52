import type { CatalogService } from '../../services/catalog-service';
import type { KioskApiHandlers } from '../kiosk-api-server';

/** `catalog.getItem`: one item's guide, or `found: false` when the catalog in use has no such item. */
export function catalogGetItem(catalog: Pick<CatalogService, 'guide'>): KioskApiHandlers['catalog.getItem'] {
  return ({ itemCode }) => {
    const item = catalog.guide(itemCode);
    return item ? { found: true, item } : { found: false };
  };
}
