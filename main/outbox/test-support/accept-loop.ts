// The child process of the crash test: opens the outbox in DATA_DIR and accepts transactions in a loop until it is
// killed. Prints `ready <recovery report as JSON>` once open, then `accepted <id> <seq>` after each accept has
// resolved, never before. Seqs start at RUN × 100000, so every run's transactions differ.
//   node --import tsx accept-loop.ts DATA_DIR RUN
import { openOutbox } from '../open-outbox';
import { crashTransaction, keyFileProtector } from './outbox-fixture';

async function main(): Promise<void> {
  const [dataDir, runArgument] = process.argv.slice(2);
  if (!dataDir || !runArgument) throw new Error('usage: accept-loop.ts DATA_DIR RUN');
  const opened = await openOutbox({ dataDir, keyProtector: keyFileProtector(dataDir), retentionDays: 30, minFreeBytes: 0 });
  if (!opened.ok) throw new Error(`open: ${opened.error.code}: ${opened.error.message}`);
  process.stdout.write(`ready ${JSON.stringify({ ...opened.outbox.recovery, flagged: opened.outbox.recovery.flagged.length })}\n`);
  for (let seq = Number(runArgument) * 100_000; ; seq++) {
    const result = await opened.outbox.accept(crashTransaction(seq));
    if (!result.ok) throw new Error(`accept: ${result.error.code}: ${result.error.message}`);
    process.stdout.write(`accepted ${result.id} ${seq}\n`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
