import type { CatalogService } from '../../services/catalog-service';
import type { ServiceLogger } from '../../services/service-logger';
import type { SearchCountLog } from '../../search-stats/search-count-log';
import type { KioskApiHandlers } from '../kiosk-api-server';

/**
 * `search.used`: counts a used search for hot searches when the opened item is in the catalog in use and the query
 * passes the privacy rule (contracts/search-counts.ts). Never fails the citizen's step; the query is never logged.
 */
export function searchUsed(catalog: Pick<CatalogService, 'guide'>, counts: Pick<SearchCountLog, 'record'> | undefined, logger: ServiceLogger): KioskApiHandlers['search.used'] {
  return async ({ query, itemCode }) => {
    if (!counts || !catalog.guide(itemCode)) return { counted: false };
    try {
      return { counted: (await counts.record(query, itemCode)) === 'counted' };
    } catch (error) {
      logger.warn({ code: (error as NodeJS.ErrnoException).code ?? 'error' }, 'search count not stored');
      return { counted: false };
    }
  };
}
