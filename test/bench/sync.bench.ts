// Sync agent drain throughput: the real agent with its outbox (SQLite on the machine's disk) sending to the reference
// platform as a separate process (PGlite) over loopback HTTP. Figures:
// - transactions per second, without attachments and with one 200 KB attachment each, straight to the platform;
// - through the fault proxy shaped to 10 Mbit/s each way: attachment bytes delivered per second as a fraction of the
//   link's capacity (goal ≥ 0.9), and all bytes sent (requests, heads, JSON) as a fraction, for comparison; with one
//   upload request in flight (the default: frames of several transactions per request) and with two.
// Timed from the agent's start (first heartbeat and catalog fetch included) until the queue is empty.
import { performance } from 'node:perf_hooks';
import { openTestOutbox, tempDataDir } from '../../main/outbox/test-support/outbox-fixture';
import { type PlatformProcess, startPlatformProcess } from '../../main/sync/test-support/platform-process';
import { accept, demoTransaction, startAgent, waitFor } from '../../main/sync/test-support/sync-fixture';
import { startFaultProxy } from '../support/fault-proxy';
import type { BenchFigure, Benchmark } from './bench';

const PLAIN = 1_000;
const WITH_ATTACHMENT = 200;
const SHAPED = 100;
const ATTACHMENT = 200 * 1024;
const LINK = 10_000_000;

/** Accepts `count` transactions into a fresh outbox, then times the agent draining it to `url`. */
async function drain(platform: PlatformProcess, url: string, count: number, sizes: number[], uploadsInFlight = 1): Promise<number> {
  const temp = tempDataDir('sync-bench-');
  const outbox = await openTestOutbox(temp.dataDir);
  try {
    for (let seq = 0; seq < count; seq++) await accept(outbox, demoTransaction(seq, sizes));
    const started = performance.now();
    const agent = await startAgent({ outbox, credentials: platform.credentials, platformUrl: url, dataDir: temp.dataDir, tuning: { batchSize: 50, requestTimeoutMs: 30_000, uploadsInFlight } });
    await waitFor(() => outbox.stats().depth === 0 && agent.status().uploadsPending === 0, 'the queue to drain', 600_000);
    const seconds = (performance.now() - started) / 1000;
    await agent.stop();
    return seconds;
  } finally {
    await outbox.close();
    temp.remove();
  }
}

const bench: Benchmark = {
  name: 'sync: drain throughput to the reference platform (a PGlite process on loopback)',
  async run(): Promise<BenchFigure[]> {
    const platform = await startPlatformProcess();
    try {
      const plain = await drain(platform, platform.url, PLAIN, []);
      const withAttachment = await drain(platform, platform.url, WITH_ATTACHMENT, [ATTACHMENT]);
      const shaped: BenchFigure[] = [];
      for (const uploadsInFlight of [1, 2]) {
        const proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: platform.port }, linkBitsPerSecond: LINK });
        const seconds = await drain(platform, proxy.url, SHAPED, [ATTACHMENT], uploadsInFlight);
        const sent = proxy.stats().bytesFromClients;
        await proxy.close();
        const capacity = (LINK / 8) * seconds;
        const how = `${SHAPED} × 200 KB attachments through a 10 Mbit/s link, ${uploadsInFlight} upload(s) in flight`;
        shaped.push(
          { key: `sync.link10mbit.uploads${uploadsInFlight}.goodput`, value: (SHAPED * ATTACHMENT) / capacity, unit: 'of link', note: `${how}: attachment bytes / capacity (goal ≥ 0.9)` },
          { key: `sync.link10mbit.uploads${uploadsInFlight}.utilisation`, value: sent / capacity, unit: 'of link', note: `${how}: every byte sent (heads, JSON, chunks) / capacity` },
        );
      }
      return [
        { key: 'sync.drain.tx_per_s', value: PLAIN / plain, unit: 'tx/s', note: `${PLAIN} transactions, no attachments, batches of 50` },
        { key: 'sync.drain200k.tx_per_s', value: WITH_ATTACHMENT / withAttachment, unit: 'tx/s', note: `${WITH_ATTACHMENT} transactions with one 200 KB attachment` },
        ...shaped,
      ];
    } finally {
      await platform.remove();
    }
  },
};

export default bench;
