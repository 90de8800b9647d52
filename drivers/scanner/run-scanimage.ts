// Runs `scanimage` without a shell and waits for it to exit. Aborting stops it the way Ctrl+C would: SIGTERM (scanimage
// cancels the scan and removes its partial file), then SIGKILL if it has not gone after a grace period.
import { spawn } from 'node:child_process';

export interface ScanimageRun {
  /** null when it could not be started or was killed by a signal. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Set when the program could not be started (ENOENT: sane-utils not installed). */
  spawnError?: NodeJS.ErrnoException;
}

export interface ScanimageInvocation {
  /** Default `scanimage` (found on the PATH of `env`). */
  program?: string;
  args: string[];
  /** The child's whole environment (SANE_CONFIG_DIR and friends); absent, it inherits the kiosk's. */
  env?: Record<string, string>;
  signal?: AbortSignal;
}

const KILL_GRACE_MS = 3_000;
/** Listings and batch-print output are small; anything larger is cut, not buffered without end. */
const MAX_OUTPUT = 1 << 20;

export function runScanimage(invocation: ScanimageInvocation): Promise<ScanimageRun> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    const child = spawn(invocation.program ?? 'scanimage', invocation.args, { env: invocation.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => {
      if (stdout.length < MAX_OUTPUT) stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_OUTPUT) stderr += chunk.toString('utf8');
    });
    let killTimer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = (): void => {
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    };
    if (invocation.signal?.aborted) onAbort();
    else invocation.signal?.addEventListener('abort', onAbort, { once: true });
    let spawnError: NodeJS.ErrnoException | undefined;
    child.once('error', (error: NodeJS.ErrnoException) => (spawnError = error));
    child.once('close', (code) => {
      clearTimeout(killTimer);
      invocation.signal?.removeEventListener('abort', onAbort);
      resolve({ exitCode: spawnError ? null : code, stdout, stderr, spawnError });
    });
  });
}
