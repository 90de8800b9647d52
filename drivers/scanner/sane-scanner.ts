// The scanner driver: SANE through `scanimage`, run with execFile semantics (no shell) under a timeout and a cancel
// signal. Presence is polled with the device list; capabilities and the backend's names for modes and sources come from
// `scanimage -A`; every run's exit status is mapped to the device model (sane-status.ts).
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Completion, type DeviceCapabilities, type DeviceStatus, type ScannerPart, failure, success } from '../../contracts/device-model';
import { DeviceStatusHolder, type DeviceEventListener } from '../common/device';
import { runCommand } from '../common/run-command';
import { runScanimage } from './run-scanimage';
import { type SaneCondition, SaneStatus, interpretScanimageExit } from './sane-status';
import { DEVICE_LIST_FORMAT, type SaneDevice, type SaneOptionNames, capabilitiesOf, parseDeviceList, parseOptionNames } from './scanimage-output';
import { EXTENSION, collectPages } from './scanned-files';
import { DEFAULT_RESOLUTION_DPI, DEFAULT_SCAN_TIMEOUT_MS, type ScanCompletion, type ScanRequest, type ScannedPage, type Scanner } from './scanner';

export interface SaneEnvironment {
  /** Path of scanimage; default `scanimage` from the PATH of `env`. */
  program?: string;
  /** The child's whole environment, e.g. `{ SANE_CONFIG_DIR, PATH }`; absent, scanimage inherits the kiosk's. */
  env?: Record<string, string>;
}

export interface SaneScannerOptions extends SaneEnvironment {
  id: string;
  /** The SANE device name, as `scanimage -L` prints it. */
  device: string;
  /** Where scans go when a request names no directory. */
  scanDirectory?: string;
  /** Presence polling; 0 turns it off. Default 30 s (listing devices can take seconds with network backends). */
  pollIntervalMs?: number;
  /** Timeout of a device listing or option probe. Default 20 s. */
  probeTimeoutMs?: number;
}

const NOT_INSTALLED = 'scanimage not found (Debian: sane-utils)';
const EXTRA_OPTION = /^--[A-Za-z0-9][\w-]*(=[^\n\r]*)?$/;
const MAX_RESOLUTION_DPI = 4800;

/** The SANE devices scanimage can see (`scanimage -f`). */
export async function listSaneDevices(environment: SaneEnvironment & { timeoutMs?: number; signal?: AbortSignal }): Promise<Completion<SaneDevice[]>> {
  return runCommand(
    async (signal) => {
      const run = await runScanimage({ program: environment.program, env: environment.env, args: ['-f', DEVICE_LIST_FORMAT], signal });
      if (run.spawnError) return failure('deviceNotReady', run.spawnError.code === 'ENOENT' ? NOT_INSTALLED : run.spawnError.message);
      if (run.exitCode !== 0) return failure('hardwareError', `scanimage -f exited with ${run.exitCode}: ${run.stderr.trim().split('\n').at(-1) ?? ''}`);
      return success(parseDeviceList(run.stdout));
    },
    { timeoutMs: environment.timeoutMs ?? 20_000, signal: environment.signal, label: 'scanner.list' },
  );
}

/** Percent signs are scanimage's batch-pattern syntax: a folder or prefix containing one must not be read as such. */
function batchPattern(directory: string, prefix: string, extension: string): string {
  return `${path.join(directory, prefix).replace(/%/g, '%%')}-%d.${extension}`;
}

export class SaneScanner implements Scanner {
  readonly deviceClass = 'scanner' as const;
  readonly id: string;
  readonly #device: string;
  readonly #environment: SaneEnvironment;
  readonly #scanDirectory: string | undefined;
  readonly #pollIntervalMs: number;
  readonly #probeTimeoutMs: number;
  readonly #holder: DeviceStatusHolder<'scanner'>;
  #names: SaneOptionNames | undefined;
  #capabilities: DeviceCapabilities<'scanner'> = { flatbed: true, feeder: false, duplex: false, resolutionsDpi: [], modes: [], formats: ['png', 'jpeg'] };
  #present = false;
  #condition: SaneCondition = 'ok';
  #feeder: NonNullable<ScannerPart['feeder']> = 'unknown';
  /** The cover is reported once the scanner has said it was open: before that the kiosk cannot know it has one. */
  #coverSeen = false;
  #scanning = false;
  #closed = false;
  #pollTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: SaneScannerOptions) {
    this.id = options.id;
    this.#device = options.device;
    this.#environment = { program: options.program, env: options.env };
    this.#scanDirectory = options.scanDirectory;
    this.#pollIntervalMs = options.pollIntervalMs ?? 30_000;
    this.#probeTimeoutMs = options.probeTimeoutMs ?? 20_000;
    this.#holder = new DeviceStatusHolder('scanner', options.id, { common: { device: 'noDevice' }, scanner: {} });
  }

  /** Looks for the scanner once and starts polling. Never fails: a missing scanner shows as `noDevice`. */
  async start(): Promise<void> {
    await this.refresh();
    this.#schedulePoll();
  }

  get capabilities(): DeviceCapabilities<'scanner'> {
    return this.#capabilities;
  }

  status(): DeviceStatus<'scanner'> {
    return this.#holder.current;
  }

  onEvent(listener: DeviceEventListener): () => void {
    return this.#holder.onEvent(listener);
  }

  async refresh(): Promise<Completion<void>> {
    if (this.#scanning) return success(undefined);
    const listed = await listSaneDevices({ ...this.#environment, timeoutMs: this.#probeTimeoutMs });
    if (listed.code !== 'success') {
      this.#present = false;
      this.#publish();
      return listed;
    }
    const wasPresent = this.#present;
    // Network scanners are not always discovered; opening them by name is the test that counts.
    const inList = listed.value.some((d) => d.name === this.#device);
    if (!inList || !wasPresent || !this.#names) {
      const probe = await this.#probeOptions();
      this.#present = probe.code === 'success';
    } else {
      this.#present = true;
    }
    this.#publish();
    return this.#present ? success(undefined) : failure('deviceNotReady', `scanner ${this.#device} not found`);
  }

  /** `scanimage -A` for the device: its modes, sources and resolutions. */
  async #probeOptions(): Promise<Completion<void>> {
    return runCommand(
      async (signal) => {
        const run = await runScanimage({ ...this.#environment, args: [`--device-name=${this.#device}`, '-A'], signal });
        if (run.spawnError || run.exitCode !== 0) return failure('deviceNotReady', run.stderr.trim().split('\n').at(-1) ?? 'probe failed');
        this.#names = parseOptionNames(run.stdout);
        this.#capabilities = capabilitiesOf(this.#names);
        return success(undefined);
      },
      { timeoutMs: this.#probeTimeoutMs, label: 'scanner.probe' },
    );
  }

  async scan(request: ScanRequest = {}): Promise<ScanCompletion> {
    const refused = (code: Exclude<ScanCompletion['code'], 'success'>, message: string): ScanCompletion => ({ code, message, pagesScanned: [] });
    if (this.#closed) return refused('deviceNotReady', 'scanner closed');
    if (this.#scanning) return refused('deviceNotReady', 'the scanner is busy with another scan');
    const args = this.#scanArguments(request);
    if (!args.ok) return refused(args.code, args.message);
    const directory = request.directory ?? this.#scanDirectory;
    if (!directory) return refused('invalidData', 'no directory to scan into');

    this.#scanning = true;
    const format = request.format ?? 'png';
    const prefix = `scan-${Date.now()}-${randomBytes(3).toString('hex')}`;
    let finished: Promise<ScannedPage[]> | undefined;
    try {
      const completion = await runCommand<ScannedPage[]>(
        async (signal) => {
          await mkdir(directory, { recursive: true });
          const running = runScanimage({
            ...this.#environment,
            args: [...args.value, `--batch=${batchPattern(directory, prefix, EXTENSION[format])}`, `--format=${format}`],
            signal,
          });
          // scanimage has exited (however the runner ended) once these pages are known: pages are never left behind.
          finished = running.then(() => collectPages(directory, prefix, format));
          const run = await running;
          const pages = await finished;
          if (signal.aborted) return { code: 'canceled', message: 'scan stopped', pagesScanned: pages } as ScanCompletion;
          if (run.spawnError) {
            this.#present = false;
            return { code: 'deviceNotReady', message: run.spawnError.code === 'ENOENT' ? NOT_INSTALLED : run.spawnError.message, pagesScanned: pages } as ScanCompletion;
          }
          // An open-ended feeder batch ends "out of documents" with exit 0, even before its first page.
          const feederRanOut = args.source === 'feeder' && request.maxPages === undefined && run.exitCode === 0;
          const outcome = interpretScanimageExit(feederRanOut ? SaneStatus.noDocs : (run.exitCode ?? -1), run.stderr, pages.length);
          this.#afterRun(outcome.condition, args.source === 'feeder');
          if (outcome.failure) return { ...outcome.failure, pagesScanned: pages } as ScanCompletion;
          if (pages.length === 0) return { code: 'hardwareError', message: 'scanimage succeeded but wrote no page', pagesScanned: [] } as ScanCompletion;
          return success(pages);
        },
        { timeoutMs: request.timeoutMs ?? DEFAULT_SCAN_TIMEOUT_MS, signal: request.signal, label: 'scanner.scan' },
      );
      if (completion.code === 'success' || 'pagesScanned' in completion) return completion as ScanCompletion;
      // Timed out or cancelled: scanimage has been told to stop; what it finished before that is kept.
      return { code: completion.code, message: completion.message, pagesScanned: (await finished?.catch(() => [])) ?? [] };
    } finally {
      this.#scanning = false;
      this.#publish();
    }
  }

  #scanArguments(
    request: ScanRequest,
  ): { ok: true; value: string[]; source: 'flatbed' | 'feeder' } | { ok: false; code: 'unsupported' | 'invalidData'; message: string } {
    const caps = this.#capabilities;
    const names = this.#names;
    const args = [`--device-name=${this.#device}`];
    const mode = request.mode ?? 'color';
    // Before the first probe the usual SANE names are tried; the backend refuses what it does not know.
    const modeName = names ? names.modes[mode] : { color: 'Color', gray: 'Gray', lineart: 'Lineart' }[mode];
    if (!modeName) return { ok: false, code: 'unsupported', message: `this scanner has no ${mode} mode` };
    args.push(`--mode=${modeName}`);

    const resolution = request.resolutionDpi ?? DEFAULT_RESOLUTION_DPI;
    if (!Number.isInteger(resolution) || resolution <= 0 || resolution > MAX_RESOLUTION_DPI) {
      return { ok: false, code: 'invalidData', message: `resolution must be 1–${MAX_RESOLUTION_DPI} dpi` };
    }
    args.push(`--resolution=${resolution}`);

    const source = request.source ?? (caps.flatbed ? 'flatbed' : 'feeder');
    const sourceName = source === 'feeder' ? (names?.sources.feeder ?? names?.sources.duplex) : names?.sources.flatbed;
    if (source === 'feeder' && !sourceName) return { ok: false, code: 'unsupported', message: 'this scanner has no document feeder' };
    if (sourceName) args.push(`--source=${sourceName}`);
    if (request.maxPages !== undefined && (!Number.isInteger(request.maxPages) || request.maxPages < 1)) {
      return { ok: false, code: 'invalidData', message: 'maxPages must be a positive whole number' };
    }
    // The flatbed holds one page; a feeder goes on until it is empty unless told how many.
    const count = source === 'flatbed' ? 1 : request.maxPages;
    if (count !== undefined) args.push(`--batch-count=${count}`);

    if (request.area) {
      const { widthMm, heightMm, leftMm = 0, topMm = 0 } = request.area;
      if (![widthMm, heightMm, leftMm, topMm].every((n) => Number.isFinite(n) && n >= 0) || widthMm === 0 || heightMm === 0) {
        return { ok: false, code: 'invalidData', message: 'scan area must be positive millimetres' };
      }
      args.push('-l', String(leftMm), '-t', String(topMm), '-x', String(widthMm), '-y', String(heightMm));
    }
    for (const option of request.extraOptions ?? []) {
      if (!EXTRA_OPTION.test(option)) return { ok: false, code: 'invalidData', message: `not a --name=value option: ${JSON.stringify(option)}` };
      args.push(option);
    }
    return { ok: true, value: args, source };
  }

  #afterRun(condition: SaneCondition, fromFeeder: boolean): void {
    if (condition === 'noDevice') {
      this.#present = false;
      return;
    }
    this.#present = true;
    if (condition === 'busy') return;
    if (condition === 'coverOpen') this.#coverSeen = true;
    this.#condition = condition;
    if (fromFeeder) this.#feeder = condition === 'feederEmpty' ? 'empty' : 'unknown';
  }

  #publish(): void {
    if (this.#closed) return;
    let device: DeviceStatus<'scanner'>['common']['device'] = 'online';
    if (this.#condition === 'coverOpen') device = 'userError';
    if (this.#condition === 'jammed' || this.#condition === 'hardwareFault') device = 'hardwareError';
    if (this.#condition === 'accessDenied') device = 'offline';
    if (!this.#present) device = 'noDevice';
    const part: ScannerPart = {};
    if (this.#capabilities.feeder) part.feeder = this.#condition === 'jammed' ? 'jammed' : this.#feeder;
    if (this.#coverSeen) part.cover = this.#condition === 'coverOpen' ? 'open' : 'closed';
    this.#holder.set({ common: { device }, scanner: part });
  }

  #schedulePoll(): void {
    if (this.#closed || this.#pollIntervalMs <= 0) return;
    this.#pollTimer = setTimeout(() => {
      void this.refresh().finally(() => this.#schedulePoll());
    }, this.#pollIntervalMs);
    this.#pollTimer.unref();
  }

  async close(): Promise<void> {
    clearTimeout(this.#pollTimer);
    this.#holder.set({ common: { device: 'offline' }, scanner: this.#holder.current.scanner });
    this.#closed = true;
  }
}
