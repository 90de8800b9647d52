// `npm run device -- scanner <list|scan>`: the document scanner for installers and branch staff, through the same
// driver the kiosk uses.
import { mkdtemp, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { CliCommand, DeviceCliCommands } from '../cli/cli-command';
import { SaneScanner, listSaneDevices } from './sane-scanner';
import type { ScanFormat, ScanMode } from './scanner';

const saneConfig = { 'sane-config-dir': { type: 'string' } } as const;

/** scanimage's environment: the shell's, with SANE_CONFIG_DIR replaced when the option names one. */
function saneEnv(values: Record<string, unknown>): Record<string, string> | undefined {
  const dir = values['sane-config-dir'];
  if (typeof dir !== 'string') return undefined;
  // The CLI is an entry point, like the composition root: it may hand the shell's environment on.
  const inherited = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  return { ...inherited, SANE_CONFIG_DIR: path.resolve(dir) };
}

const list: CliCommand = {
  usage: 'list [--sane-config-dir DIR]  the scanners SANE can see',
  options: saneConfig,
  async run(values, io) {
    const listed = await listSaneDevices({ env: saneEnv(values), signal: io.signal });
    if (listed.code !== 'success') return { ok: false, reason: listed.message };
    if (listed.value.length === 0) io.err('no scanners found');
    for (const device of listed.value) io.out(`${device.name}\t${device.vendor} ${device.model} (${device.type})`);
    return { ok: true };
  },
};

const FORMATS: Record<string, ScanFormat> = { '.png': 'png', '.jpg': 'jpeg', '.jpeg': 'jpeg' };
const MODES: readonly ScanMode[] = ['color', 'gray', 'lineart'];

const scan: CliCommand = {
  usage: 'scan --device D --out FILE.png|.jpg [--resolution R] [--mode color|gray|lineart] [--source flatbed|feeder] [--sane-config-dir DIR]  scan one page',
  options: { ...saneConfig, device: { type: 'string' }, out: { type: 'string' }, resolution: { type: 'string' }, mode: { type: 'string' }, source: { type: 'string' } },
  async run(values, io) {
    const { device, out } = values;
    if (typeof device !== 'string' || typeof out !== 'string') return { ok: false, reason: '--device and --out are required' };
    const format = FORMATS[path.extname(out).toLowerCase()];
    if (!format) return { ok: false, reason: '--out must end in .png, .jpg or .jpeg' };
    const mode = (values.mode ?? 'color') as ScanMode;
    if (!MODES.includes(mode)) return { ok: false, reason: '--mode must be color, gray or lineart' };
    const source = values.source ?? 'flatbed';
    if (source !== 'flatbed' && source !== 'feeder') return { ok: false, reason: '--source must be flatbed or feeder' };
    const resolutionDpi = values.resolution === undefined ? undefined : Number(values.resolution);

    const scanner = new SaneScanner({ id: 'scanner-cli', device, env: saneEnv(values), pollIntervalMs: 0 });
    const target = path.resolve(out);
    // Next to the output file, so the page can be renamed into place.
    const work = await mkdtemp(path.join(path.dirname(target), '.scan-'));
    try {
      await scanner.start();
      const result = await scanner.scan({ directory: work, format, mode, source, resolutionDpi, maxPages: 1, signal: io.signal });
      const page = result.code === 'success' ? result.value[0] : undefined;
      if (result.code !== 'success' || !page) return { ok: false, reason: result.code === 'success' ? 'no page scanned' : `${result.code}: ${result.message}` };
      await rename(page.path, target);
      io.out(`scanned: ${target} (${page.bytes} bytes, sha256 ${page.sha256})`);
      return { ok: true };
    } finally {
      await scanner.close();
      await rm(work, { recursive: true, force: true });
    }
  },
};

export const scannerCli: DeviceCliCommands = { list, scan };
