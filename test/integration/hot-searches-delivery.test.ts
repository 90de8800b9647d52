// Hot searches from the kiosk to the platform: the agent's heartbeats carry the day totals of the search count log,
// over real HTTP to an in-process platform (PGlite) behind a fault proxy. A heartbeat whose answer is lost is sent
// again with the same totals, and the platform still counts each search once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFaultProxy } from '../support/fault-proxy';
import { lastDays } from '../../platform/ops/stats-window';
import { type RunningPlatform, startPlatform } from '../../platform/start-platform';
import { type FreshStorage, openFreshStorage } from '../../platform/test-support/storage-backends';
import { provisionTerminal } from '../../platform/terminals/provision';
import type { Outbox } from '../../main/outbox/outbox';
import { openTestOutbox, tempDataDir } from '../../main/outbox/test-support/outbox-fixture';
import { SyncAgent } from '../../main/sync/sync-agent';
import { fastTuning, testLogger, waitFor } from '../../main/sync/test-support/sync-fixture';
import { SearchCountLog } from '../../main/search-stats/search-count-log';

const code = '370200-000112013000';
let fresh: FreshStorage;
let platform: RunningPlatform;
let temp: ReturnType<typeof tempDataDir>;
let outbox: Outbox;

beforeAll(async () => {
  fresh = await openFreshStorage('pglite');
  platform = await startPlatform({ storage: fresh.storage, port: 0 });
  temp = tempDataDir('search-delivery-');
  outbox = await openTestOutbox(temp.dataDir);
}, 60_000);
afterAll(async () => {
  await outbox?.close();
  temp?.remove();
  await platform?.close();
  await fresh?.close();
});

it('delivers the day totals with heartbeats; a lost answer sends them again and nothing counts twice', async () => {
  const credentials = { ...(await provisionTerminal(fresh.storage, { terminalId: 'SEARCH-1', name: 's', region: '370202' })), catalogPublicKey: platform.catalogPublicKey };
  const log = await SearchCountLog.open(temp.dataDir, Date.now, (error) => {
    throw error;
  });
  for (const query of ['公积金', '公积金', 'Shebao', '11010519491231002X']) await log.record(query, code);

  // The first two heartbeats reach the platform but their answers are lost.
  let heartbeats = 0;
  const proxy = await startFaultProxy({
    target: { host: '127.0.0.1', port: platform.port },
    plan: (r) => (r.target === '/v1/heartbeats' && ++heartbeats <= 2 ? { kind: 'dropResponse' } : { kind: 'pass' }),
  });
  const agent = await SyncAgent.start({
    outbox,
    credentials,
    platformUrl: proxy.url,
    dataDir: temp.dataDir,
    deviceSummary: () => [],
    versions: { app: '0.1.0-test' },
    searchCounts: log,
    logger: testLogger(),
    tuning: { ...fastTuning, heartbeatIntervalMs: 50 },
  });
  try {
    await waitFor(() => log.unreported(10).length === 0, 'the counts acknowledged');
    expect(heartbeats).toBeGreaterThanOrEqual(3);
    await log.record('公积金', code); // one more today: the next heartbeat carries the new total, 3
    await waitFor(() => log.unreported(10).length === 0, 'the new total acknowledged');
  } finally {
    await agent.stop();
    await proxy.close();
    await log.settled();
  }
  const window = lastDays(new Date(), 1);
  expect(await fresh.storage.ops.hotSearches({ from: window.from, to: window.to, top: 10, terminalId: 'SEARCH-1' })).toEqual([
    { query: '公积金', count: 3 },
    { query: 'shebao', count: 1 },
  ]);
}, 60_000);
