// `npm run bench [-- name-filter]`: runs every test/bench/*.bench.ts, prints the figures with the machine and the
// previous run's figures beside them, and saves this run to test/bench/results/latest.json (committed when a change
// is meant to move a figure, so the next run compares against it).
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchFigure, Benchmark } from './bench';

const here = path.dirname(fileURLToPath(import.meta.url));
const resultsFile = path.join(here, 'results', 'latest.json');

interface Results {
  machine: string;
  date: string;
  figures: Record<string, BenchFigure>;
}

function machine(): string {
  return `${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, node ${process.version}`;
}

async function main(): Promise<void> {
  const filter = process.argv[2];
  const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter))).sort();
  const previous: Results | undefined = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Results) : undefined;
  const current: Results = { machine: machine(), date: new Date().toISOString(), figures: {} };
  console.log(`machine: ${current.machine}`);
  if (previous) console.log(`previous: ${previous.date} on ${previous.machine}`);
  for (const file of files) {
    const bench = (await import(pathToFileURL(path.join(here, file)).href)).default as Benchmark;
    console.log(`\n${bench.name}`);
    for (const figure of await bench.run()) {
      current.figures[figure.key] = figure;
      const before = previous?.figures[figure.key];
      const delta = before ? `  (was ${format(before.value)}, ${signed(((figure.value - before.value) / before.value) * 100)}%)` : '';
      console.log(`  ${figure.key.padEnd(40)} ${format(figure.value).padStart(12)} ${figure.unit}${delta}${figure.note ? `  — ${figure.note}` : ''}`);
    }
  }
  mkdirSync(path.dirname(resultsFile), { recursive: true });
  // A filtered run keeps the other figures of the previous run, so the file stays a full picture.
  writeFileSync(resultsFile, `${JSON.stringify({ ...current, figures: { ...(filter ? previous?.figures : {}), ...current.figures } }, null, 2)}\n`);
}

function format(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
