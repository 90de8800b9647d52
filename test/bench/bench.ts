// The shape of a benchmark: each test/bench/*.bench.ts default-exports a `Benchmark`; run-benchmarks.ts runs them all.
// Figures are reported, never asserted (DEVELOPERS.md: speed is measured, not asserted in tests).

export interface BenchFigure {
  /** Stable key, compared with the previous run, e.g. `idcard.read.ms.p50`. */
  key: string;
  value: number;
  unit: string;
  /** What the figure means and how it was measured, in one line. */
  note?: string;
}

export interface Benchmark {
  name: string;
  run(): Promise<BenchFigure[]>;
}

/** Percentile of a sample (nearest rank). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}
