import { useEffect, useMemo, useState } from 'react';
import type { CatalogOverview } from '../../contracts/kiosk-api';
import { useKioskApi } from '../api/kiosk-api-context';
import { type SearchIndex, buildSearchIndex } from './search-index';

export type CatalogState =
  | { state: 'loading' }
  | { state: 'failed' }
  | { state: 'ready'; overview: CatalogOverview; index: SearchIndex; byCode: Map<string, number> };

/** The catalog in use, fetched once and again on `catalog.changed`; the search index is built once per version. */
export function useCatalog(): CatalogState {
  const api = useKioskApi();
  const [overview, setOverview] = useState<CatalogOverview | 'loading' | 'failed'>('loading');
  useEffect(() => {
    let stopped = false;
    const load = () =>
      api.invoke('catalog.get', {}).then(
        (next) => !stopped && setOverview(next),
        () => !stopped && setOverview((current) => (typeof current === 'object' ? current : 'failed')),
      );
    void load();
    const stop = api.on('catalog.changed', () => void load());
    return () => {
      stopped = true;
      stop();
    };
  }, [api]);
  return useMemo<CatalogState>(() => {
    if (overview === 'loading' || overview === 'failed') return { state: overview };
    return {
      state: 'ready',
      overview,
      index: buildSearchIndex(overview),
      byCode: new Map(overview.items.map((item, i) => [item.code, i])),
    };
  }, [overview]);
}
