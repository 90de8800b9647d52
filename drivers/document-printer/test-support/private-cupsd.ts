// A private CUPS scheduler for tests: its own ServerRoot, spool, cache and logs in a temp folder, listening on a free
// loopback port. Nothing of the machine's CUPS (/etc/cups, port 631, /run/cups) is read or changed, so it runs where
// no CUPS is running (CI) and beside one that is (a developer's laptop). Needs root: cups-pdf refuses to run otherwise.
//
// Besides cups-pdf it offers `kiosk-sim:`, a tiny CUPS backend that reports printer-state-reasons and marker levels
// exactly as real backends do (`STATE:` and `ATTR:` lines on stderr), so the driver's mapping is tested against what
// CUPS itself makes of them.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const SYSTEM_SERVER_BIN = '/usr/lib/cups';
export const CUPS_PDF_PPD = '/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd';
export const DEBIAN_PACKAGES = 'cups cups-client cups-bsd printer-driver-cups-pdf poppler-utils';

function findProgram(name: string): string | undefined {
  return ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin'].map((dir) => path.join(dir, name)).find((p) => existsSync(p));
}

export const cupsdPath = findProgram('cupsd');

/**
 * `kiosk-sim:/a,b,c` — each comma-separated item is a printer-state-reason to raise (`media-empty-error`), or
 * `marker=N` (a toner marker at N %), `sleep=S` (take S seconds), `exit=N` (the backend's exit code: 4 stops the
 * queue, as a real backend does on a paper jam).
 */
const KIOSK_SIM_BACKEND = `#!/bin/sh
if [ $# -eq 0 ]; then echo 'direct kiosk-sim "Unknown" "Kiosk test backend"'; exit 0; fi
if [ -n "$6" ]; then cat "$6" > /dev/null; else cat > /dev/null; fi
code=0
for item in $(echo "\${DEVICE_URI#kiosk-sim:/}" | tr ',' ' '); do
  case "$item" in
    exit=*) code="\${item#exit=}" ;;
    sleep=*) sleep "\${item#sleep=}" ;;
    marker=*) echo "ATTR: marker-types=toner marker-names=Black marker-colors=#000000 marker-levels=\${item#marker=} marker-low-levels=10 marker-high-levels=100" >&2 ;;
    *) echo "STATE: +$item" >&2 ;;
  esac
done
exit "$code"
`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface PrivateCupsd {
  /** `127.0.0.1:PORT`, for the driver's `server` option and `-h`. */
  server: string;
  /** Adds an enabled, accepting queue; `ppd` absent makes a raw queue (no filters). */
  addQueue(name: string, deviceUri: string, ppd?: string): Promise<void>;
  /** Runs a CUPS admin tool (cupsdisable, cupsenable, cupsreject, cupsaccept, lpadmin …) against this server. */
  admin(tool: string, args: string[]): Promise<void>;
  /** The scheduler's error log, for failure messages. */
  errorLog(): Promise<string>;
  stop(): Promise<void>;
}

export async function startPrivateCupsd(): Promise<PrivateCupsd> {
  if (!cupsdPath) throw new Error(`cupsd is not installed (Debian: ${DEBIAN_PACKAGES})`);
  const root = await mkdtemp(path.join(tmpdir(), 'kiosk-cupsd-'));
  // Backends that are not 0700 run as user lp, which must reach them.
  await chmod(root, 0o755);
  const serverBin = path.join(root, 'bin');
  await Promise.all(['spool/tmp', 'cache', 'state', 'log', 'ppd', 'bin/backend'].map((d) => mkdir(path.join(root, d), { recursive: true })));
  for (const dir of ['filter', 'cgi-bin', 'daemon', 'driver', 'monitor', 'notifier']) {
    if (existsSync(path.join(SYSTEM_SERVER_BIN, dir))) await symlink(path.join(SYSTEM_SERVER_BIN, dir), path.join(serverBin, dir));
  }
  const cupsPdf = path.join(SYSTEM_SERVER_BIN, 'backend', 'cups-pdf');
  if (existsSync(cupsPdf)) await symlink(cupsPdf, path.join(serverBin, 'backend', 'cups-pdf'));
  await writeFile(path.join(serverBin, 'backend', 'kiosk-sim'), KIOSK_SIM_BACKEND, { mode: 0o755 });

  const port = await freePort();
  const server = `127.0.0.1:${port}`;
  await writeFile(
    path.join(root, 'cupsd.conf'),
    [
      'LogLevel info',
      `Listen ${server}`,
      'Browsing No',
      'WebInterface No',
      'DefaultAuthType None',
      '<Location />',
      '  Order allow,deny',
      '  Allow all',
      '</Location>',
      '<Policy default>',
      '  <Limit All>',
      '    Order deny,allow',
      '  </Limit>',
      '</Policy>',
      '',
    ].join('\n'),
  );
  await writeFile(
    path.join(root, 'cups-files.conf'),
    [
      `ServerRoot ${root}`,
      `RequestRoot ${root}/spool`,
      `TempDir ${root}/spool/tmp`,
      `CacheDir ${root}/cache`,
      `StateDir ${root}/state`,
      `ServerBin ${serverBin}`,
      'DataDir /usr/share/cups',
      `AccessLog ${root}/log/access_log`,
      `ErrorLog ${root}/log/error_log`,
      `PageLog ${root}/log/page_log`,
      `Printcap ${root}/printcap`,
      `ServerKeychain ${root}/ssl`,
      'FileDevice No',
      '',
    ].join('\n'),
  );

  const child: ChildProcess = spawn(cupsdPath, ['-f', '-c', path.join(root, 'cupsd.conf'), '-s', path.join(root, 'cups-files.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const errorLog = () => readFile(path.join(root, 'log', 'error_log'), 'utf8').catch(() => '');

  async function stop(): Promise<void> {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    await rm(root, { recursive: true, force: true });
  }

  for (let i = 0; !(await canConnect(port)); i++) {
    if (child.exitCode !== null || i >= 100) {
      const log = await errorLog();
      await stop();
      throw new Error(`private cupsd did not start: ${stderr.trim() || log.split('\n').filter((l) => l.startsWith('E ')).join('; ') || 'no output'}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  async function admin(tool: string, args: string[]): Promise<void> {
    const program = findProgram(tool);
    if (!program) throw new Error(`${tool} is not installed (Debian: ${DEBIAN_PACKAGES})`);
    await run(program, ['-h', server, ...args], { timeout: 10_000 });
  }

  return {
    server,
    admin,
    async addQueue(name, deviceUri, ppd) {
      await admin('lpadmin', ['-p', name, '-v', deviceUri, ...(ppd ? ['-P', ppd] : ['-m', 'raw']), '-E']);
    },
    errorLog,
    stop,
  };
}

/**
 * Where cups-pdf puts a job of a user unknown to the system (the kiosk's `requesting-user-name`): AnonDirName from
 * /etc/cups/cups-pdf-QUEUE.conf or /etc/cups/cups-pdf.conf (cups-pdf reads only there), else its built-in default.
 */
export async function cupsPdfAnonymousDir(queue: string): Promise<string> {
  for (const file of [`/etc/cups/cups-pdf-${queue}.conf`, '/etc/cups/cups-pdf.conf']) {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const setting = /^\s*AnonDirName\s+(\S+)/m.exec(text);
    return setting?.[1] ?? '/var/spool/cups-pdf/ANONYMOUS';
  }
  return '/var/spool/cups-pdf/ANONYMOUS';
}

/** The cups-pdf output whose file name carries `token` (cups-pdf names files after the job title). */
export async function findCupsPdfOutput(dir: string, token: string): Promise<string | undefined> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const name = names.find((n) => n.includes(token) && n.endsWith('.pdf'));
  return name === undefined ? undefined : path.join(dir, name);
}
