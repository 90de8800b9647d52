// When PostgreSQL goes away under a running platform, requests get 503 with Retry-After (the kiosk retries later),
// never a 500 or a hang.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { syncApi } from '../../contracts/sync-api';
import { startPlatform, type RunningPlatform } from '../start-platform';
import { type PostgresCluster, startPostgresCluster } from '../test-support/postgres-cluster';
import { postgresUnavailable } from '../test-support/storage-backends';
import { SignedClient } from '../test-support/signed-client';
import { sampleSubmit } from '../test-support/test-platform';
import { provisionTerminal } from '../terminals/provision';
import { PlatformStorage } from './platform-storage';

// A private cluster even when DATABASE_URL is set: this test stops the server.
const skip = postgresUnavailable() !== undefined && !process.env.CI;

let cluster: PostgresCluster;
let storage: PlatformStorage;
let platform: RunningPlatform;

beforeAll(async () => {
  if (skip) return;
  cluster = await startPostgresCluster();
  storage = await PlatformStorage.open({ kind: 'postgres', url: cluster.url });
  platform = await startPlatform({ storage });
}, 60_000);

afterAll(async () => {
  if (skip) return;
  await platform.close();
  await storage.close().catch(() => {});
  await cluster.stop();
}, 60_000);

it.skipIf(skip)('answers 503 with Retry-After while PostgreSQL is down', async () => {
  const client = new SignedClient(platform.url, await provisionTerminal(storage, { terminalId: 'DOWN-1', name: 'x', region: '370202' }));
  expect((await client.send('POST', syncApi.submitTransaction.path, { json: sampleSubmit('DOWN-1') })).status).toBe(200);
  await cluster.stop();
  const result = await client.send('POST', syncApi.submitTransaction.path, { json: sampleSubmit('DOWN-1') });
  expect(result.status).toBe(503);
  expect(result.headers.get('retry-after')).toBe('5');
  expect(result.json()).toMatchObject({ code: 'unavailable' });
}, 30_000);
