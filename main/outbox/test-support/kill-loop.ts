// A reusable crash harness: starts a child process, SIGKILLs it at a random moment, and again, `runs` times,
// collecting what each run printed on stdout before it died. Lines reach the parent even from a killed child: on
// Linux a write to a pipe is synchronous, so a line the child wrote is in the kernel's pipe buffer.
//
// Tests built on it check afterwards that everything a child reported (e.g. "accepted <id>") survived. Random
// moments come from a seeded generator; a failure message should include the seed to replay the same schedule.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface KillMoment {
  /** Start counting at the child's spawn (kills during start-up and recovery) or at its ready line. */
  from: 'spawn' | 'ready';
  delayMs: number;
}

export interface KillLoopOptions {
  /** How to start run number `run` (0-based). */
  command(run: number): { file: string; args: string[]; env?: NodeJS.ProcessEnv; cwd?: string };
  runs: number;
  /** When to kill run `run`; `random` is the loop's seeded generator, uniform in [0, 1). */
  killAt(run: number, random: () => number): KillMoment;
  /** The line a child prints once it is up (used with `from: 'ready'`). */
  readyLine: RegExp;
  /** Every stdout line of every run, in order. */
  onLine?(line: string, run: number): void;
  /** Seed of the random schedule; default: from the clock. */
  seed?: number;
  /** A run that neither gets ready nor exits within this is a failure; default 30 s. */
  runTimeoutMs?: number;
}

export interface RunRecord {
  run: number;
  moment: KillMoment;
  /** 'killed' by the harness, or the child's own exit (a failure: it should run until killed). */
  end: 'killed' | { code: number | null; signal: NodeJS.Signals | null };
  stderr: string;
}

export interface KillLoopResult {
  seed: number;
  runs: RunRecord[];
}

/** mulberry32: small, fast, good enough to spread kill moments. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function runKillLoop(options: KillLoopOptions): Promise<KillLoopResult> {
  const seed = options.seed ?? Date.now() % 2 ** 31;
  const random = seededRandom(seed);
  const runs: RunRecord[] = [];
  for (let run = 0; run < options.runs; run++) runs.push(await runOnce(options, run, options.killAt(run, random)));
  return { seed, runs };
}

function runOnce(options: KillLoopOptions, run: number, moment: KillMoment): Promise<RunRecord> {
  const { file, args, env, cwd } = options.command(run);
  const child = spawn(file, args, { env: env ?? process.env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let killedOnSchedule = false;
  const alive = () => child.exitCode === null && child.signalCode === null;
  const killOnSchedule = () => {
    if (!alive()) return;
    killedOnSchedule = true;
    child.kill('SIGKILL');
  };
  let timer = moment.from === 'spawn' ? setTimeout(killOnSchedule, moment.delayMs) : undefined;
  // A child that hangs (never ready, stuck) is killed too, but that is recorded as its own end, not as scheduled.
  const watchdog = setTimeout(() => alive() && child.kill('SIGKILL'), options.runTimeoutMs ?? 30_000);

  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    options.onLine?.(line, run);
    if (moment.from === 'ready' && timer === undefined && options.readyLine.test(line)) timer = setTimeout(killOnSchedule, moment.delayMs);
  });
  const linesDone = new Promise<void>((resolve) => lines.once('close', resolve));

  return new Promise<RunRecord>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(watchdog);
      // 'close' comes after stdout ended; wait for readline to hand out the last lines.
      void linesDone.then(() => resolve({ run, moment, end: killedOnSchedule ? 'killed' : { code, signal }, stderr }));
    });
  });
}
