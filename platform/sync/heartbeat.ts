// Records a heartbeat: its body in `heartbeats` (without the search counts), and its hot-search day totals in
// `search_counts` (migration 7), in one storage transaction. Totals are the kiosk's running totals per day and query
// (contracts/search-counts.ts): the highest one seen stands, so a heartbeat sent again after a lost answer, or one
// arriving late, neither doubles nor lowers a count. A query with more digits than a word search allows is kept only
// when it is an item code of the catalog in force (anything else could be a number typed by a person).
import type { HeartbeatRequest } from '../../contracts/sync-api';
import { type SearchCount, isItemCodeSearch } from '../../contracts/search-counts';
import type { SyncDeps } from './outcome';

export async function recordHeartbeat(sync: SyncDeps, terminalId: string, receivedAt: Date, body: HeartbeatRequest): Promise<void> {
  const { searchCounts = [], ...rest } = body;
  const counts = await keptSearchCounts(sync, searchCounts);
  // The catalog is read before the transaction: on PGlite's one connection a read inside would wait for it.
  await sync.storage.transaction(async (q) => {
    await q.insertHeartbeat(terminalId, receivedAt, rest);
    if (counts.length > 0) await q.recordSearchCounts(terminalId, counts);
  });
}

async function keptSearchCounts(sync: SyncDeps, counts: readonly SearchCount[]): Promise<SearchCount[]> {
  if (!counts.some((c) => isItemCodeSearch(c.query))) return [...counts];
  const items = new Set((await sync.catalogs.current())?.document.items.map((i) => i.implementationCode.toLowerCase()));
  return counts.filter((c) => !isItemCodeSearch(c.query) || items.has(c.query));
}
