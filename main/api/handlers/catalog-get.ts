import type { CatalogService } from '../../services/catalog-service';
import type { KioskApiHandlers } from '../kiosk-api-server';

/** `catalog.get`: the compact overview of the catalog in use (built once per catalog, not per call). */
export function catalogGet(catalog: Pick<CatalogService, 'overview'>): KioskApiHandlers['catalog.get'] {
  return () => catalog.overview();
}
