// Starts the built kiosk (`node dist/main/start.js`) as a real process on the browser host, for end-to-end tests.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface KioskProcess {
  pageUrl: string;
  origin: string;
  dataDir: string;
  output(): string;
  stop(): Promise<number | null>;
  /** Stops the process and starts it again on the same data folder (its page URL and port change). */
  restart(): Promise<KioskProcess>;
}

export async function startKioskProcess(terminalConfig: object = {}): Promise<KioskProcess> {
  const work = await mkdtemp(path.join(tmpdir(), 'kiosk-e2e-'));
  const dataDir = path.join(work, 'data');
  const terminalFile = path.join(work, 'terminal.json');
  await writeFile(terminalFile, JSON.stringify({ dataDir, ...terminalConfig }));
  return launch(work, dataDir, terminalFile);
}

async function launch(work: string, dataDir: string, terminalFile: string): Promise<KioskProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['dist/main/start.js', '--shell', 'browser', '--no-browser', '--port', '0', '--terminal', terminalFile],
    { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const pageUrl = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /Kiosk page: (\S+)/.exec(output);
      if (match?.[1]) {
        clearInterval(timer);
        resolve(match[1]);
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`kiosk exited with ${code} before it was ready:\n${output}`));
    });
  });

  return {
    pageUrl,
    origin: new URL(pageUrl).origin,
    dataDir,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      const code = await exited;
      await rm(work, { recursive: true, force: true });
      return code;
    },
    async restart() {
      child.kill('SIGTERM');
      const code = await exited;
      if (code !== 0) throw new Error(`kiosk exited with ${code} on SIGTERM:\n${output}`);
      return launch(work, dataDir, terminalFile);
    },
  };
}
