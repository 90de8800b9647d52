// A kiosk's sync side as a process, for the restart test: opens the outbox (recovery returns rows left `sending`),
// runs the agent against the platform and reports on stdout. Killed at random by the test, or with `drain` runs until
// the queue is empty and exits.
//   node agent-runner.mjs '{"dataDir":…,"platformUrl":…,"credentials":{…},"drain":false}'
import { TerminalCredentials } from '../../../contracts/sync-api';
import { openTestOutbox } from '../../outbox/test-support/outbox-fixture';
import { startAgent, waitFor } from './sync-fixture';

interface RunnerConfig {
  dataDir: string;
  platformUrl: string;
  credentials: unknown;
  drain: boolean;
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as RunnerConfig;
  const outbox = await openTestOutbox(config.dataDir);
  process.stdout.write(`recovered ${outbox.recovery.returnedToAccepted}\n`);
  const agent = await startAgent({
    outbox,
    credentials: TerminalCredentials.parse(config.credentials),
    platformUrl: config.platformUrl,
    dataDir: config.dataDir,
    tuning: { chunkBytes: 64 * 1024, batchSize: 10 },
  });
  process.stdout.write('ready\n');
  if (!config.drain) return;
  await waitFor(() => outbox.stats().depth === 0 && agent.status().uploadsPending === 0, 'the queue to drain', 120_000);
  await agent.stop();
  await outbox.close();
  process.stdout.write('drained\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
