// A pair of connected pseudo-terminals from socat: the real serial stack (termios, serialport's bindings) on both
// ends, with no hardware. The driver opens one end, a simulator or a test the other.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PtyPair {
  /** The end the driver opens. */
  driverPath: string;
  /** The end the simulator or test opens. */
  devicePath: string;
  /** Kills socat: both ends vanish, as when a USB serial adapter is pulled. */
  unplug(): Promise<void>;
  /** Starts socat again with the same paths. */
  replug(): Promise<void>;
  close(): Promise<void>;
}

export async function createPtyPair(): Promise<PtyPair> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pty-'));
  const driverPath = path.join(dir, 'driver');
  const devicePath = path.join(dir, 'device');
  let socat: ChildProcess | undefined;

  async function start(): Promise<void> {
    const child = spawn('socat', [`pty,raw,echo=0,link=${driverPath}`, `pty,raw,echo=0,link=${devicePath}`], { stdio: 'ignore' });
    socat = child;
    const failed = new Promise<never>((_, reject) => {
      child.once('error', (error) => reject(new Error(`socat could not start (install Debian package socat): ${error.message}`)));
      child.once('exit', (code) => reject(new Error(`socat exited with ${code}`)));
    });
    const ready = (async () => {
      for (let i = 0; i < 200 && !(existsSync(driverPath) && existsSync(devicePath)); i++) await new Promise((r) => setTimeout(r, 10));
      if (!(existsSync(driverPath) && existsSync(devicePath))) throw new Error('socat did not create the ptys');
    })();
    await Promise.race([ready, failed]);
    failed.catch(() => {});
  }

  async function stop(): Promise<void> {
    const child = socat;
    socat = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  await start();
  return {
    driverPath,
    devicePath,
    unplug: stop,
    replug: start,
    async close() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
