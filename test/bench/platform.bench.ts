// Platform ingest through HTTP on loopback: signed submits of new transactions, single and in batches of 100, and
// with one 200 KB attachment each, on PGlite (temporary data directory) and on PostgreSQL (DATABASE_URL, or a private
// cluster from Debian's postgresql with fsync on). Several terminals submit at once, as a fleet does.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildPath, type SubmitTransactionRequest, syncApi } from '../../contracts/sync-api';
import { startPlatform } from '../../platform/start-platform';
import { PlatformStorage } from '../../platform/storage/platform-storage';
import { openPostgresClient } from '../../platform/storage/postgres-client';
import { provisionTerminal } from '../../platform/terminals/provision';
import { type PostgresCluster, findPostgresBin, startPostgresCluster } from '../../platform/test-support/postgres-cluster';
import { SignedClient } from '../../platform/test-support/signed-client';
import { sampleSubmit } from '../../platform/test-support/test-platform';
import type { BenchFigure, Benchmark } from './bench';

const TERMINALS = 8;
const SINGLE_PER_TERMINAL = 60;
const BATCHES_PER_TERMINAL = 3;
const WITH_FILE_PER_TERMINAL = 10;
const FILE_BYTES = 200 * 1024;

async function expectOk(result: Promise<{ status: number; text: string }>): Promise<void> {
  const { status, text } = await result;
  if (status !== 200) throw new Error(`platform answered ${status}: ${text}`);
}

/** Runs `perTerminal` on every terminal at once; returns transactions per second. */
async function rate(clients: SignedClient[], transactions: number, perTerminal: (client: SignedClient) => Promise<void>): Promise<number> {
  const started = performance.now();
  await Promise.all(clients.map(perTerminal));
  return transactions / ((performance.now() - started) / 1000);
}

async function measure(backend: string, storage: PlatformStorage): Promise<BenchFigure[]> {
  const platform = await startPlatform({ storage, port: 0 });
  try {
    const clients = await Promise.all(
      Array.from({ length: TERMINALS }, async (_, i) => new SignedClient(platform.url, await provisionTerminal(storage, { terminalId: `BENCH-${i}`, name: 'bench', region: '370202' }))),
    );
    // Warm up: connections, caches, the JIT.
    await Promise.all(clients.map((c) => expectOk(c.send('POST', syncApi.submitTransaction.path, { json: sampleSubmit(c.terminalId) }))));

    const single = await rate(clients, TERMINALS * SINGLE_PER_TERMINAL, async (c) => {
      for (let i = 0; i < SINGLE_PER_TERMINAL; i++) await expectOk(c.send('POST', syncApi.submitTransaction.path, { json: sampleSubmit(c.terminalId) }));
    });
    const batched = await rate(clients, TERMINALS * BATCHES_PER_TERMINAL * 100, async (c) => {
      for (let i = 0; i < BATCHES_PER_TERMINAL; i++) {
        const transactions = Array.from({ length: 100 }, () => sampleSubmit(c.terminalId));
        await expectOk(c.send('POST', syncApi.submitBatch.path, { json: { transactions } }));
      }
    });
    const file = randomBytes(FILE_BYTES);
    const sha256 = createHash('sha256').update(file).digest('hex');
    const withFile = await rate(clients, TERMINALS * WITH_FILE_PER_TERMINAL, async (c) => {
      for (let i = 0; i < WITH_FILE_PER_TERMINAL; i++) {
        const request: SubmitTransactionRequest = sampleSubmit(c.terminalId, { attachments: [{ id: 'scan', size: FILE_BYTES, sha256, contentType: 'image/jpeg' }] });
        await expectOk(c.send('POST', syncApi.submitTransaction.path, { json: request }));
        const target = `${buildPath(syncApi.uploadChunk.path, { transactionId: request.transactionId, attachmentId: 'scan' })}?offset=0`;
        await expectOk(c.send('PATCH', target, { bytes: file }));
        await expectOk(c.send('POST', syncApi.submitTransaction.path, { json: request }));
      }
    });
    const how = `${TERMINALS} terminals at once, signed HTTP on loopback`;
    return [
      { key: `platform.ingest.${backend}.tx_per_s`, value: single, unit: 'tx/s', note: `one submit per request, committed with 秒批; ${how}` },
      { key: `platform.ingest.${backend}.batch100.tx_per_s`, value: batched, unit: 'tx/s', note: `batches of 100; ${how}` },
      { key: `platform.ingest.${backend}.attach200k.tx_per_s`, value: withFile, unit: 'tx/s', note: `submit + one 200 KB chunk (SHA-256 checked) + final submit; ${how}` },
    ];
  } finally {
    await platform.close();
  }
}

const bench: Benchmark = {
  name: 'platform ingest (PGlite and PostgreSQL)',
  async run() {
    const figures: BenchFigure[] = [];
    const dir = await mkdtemp(path.join(os.tmpdir(), 'platform-bench-'));
    try {
      const storage = await PlatformStorage.open({ kind: 'pglite', dataDir: dir });
      try {
        figures.push(...(await measure('pglite', storage)));
      } finally {
        await storage.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }

    let cluster: PostgresCluster | undefined;
    let url = process.env.DATABASE_URL;
    if (!url && findPostgresBin()) {
      cluster = await startPostgresCluster({ fsync: true });
      url = cluster.url;
    }
    if (!url) {
      console.log('  (PostgreSQL skipped: set DATABASE_URL or install Debian package postgresql)');
      return figures;
    }
    // A schema of its own, dropped afterwards, so a DATABASE_URL database is left as it was.
    const schema = `bench_${randomBytes(6).toString('hex')}`;
    const admin = await openPostgresClient({ url, poolSize: 1 });
    try {
      await admin.exec(`CREATE SCHEMA ${schema}`);
      const storage = await PlatformStorage.open({
        kind: 'postgres',
        url: `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
        poolSize: 10,
      });
      try {
        figures.push(...(await measure('postgres', storage)));
      } finally {
        await storage.close();
        await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
      }
    } finally {
      await admin.close();
      await cluster?.stop();
    }
    return figures;
  },
};

export default bench;
