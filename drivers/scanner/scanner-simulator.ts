// A simulated document scanner with a flatbed and a feeder, behaving like a SANE scanner seen through scanimage: pages
// take a moment, the feeder empties after the sheets loaded into it, a jam stops a batch and keeps the pages before it,
// an open cover refuses to scan. Pages are real PNG files, written whole under a temporary name and then renamed, as
// scanimage does, and reported by the same code as the real driver's pages (scanned-files.ts).
import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { type Completion, type DeviceCapabilities, type DeviceStatus, type FailureCode, failure, success } from '../../contracts/device-model';
import { DeviceStatusHolder, type DeviceEventListener } from '../common/device';
import { runCommand } from '../common/run-command';
import { type SimulationHub, type SimulatorControl, buttonAction, simulatorAction } from '../simulation/simulator-control';
import { EXTENSION, collectPages } from './scanned-files';
import { DEFAULT_RESOLUTION_DPI, DEFAULT_SCAN_TIMEOUT_MS, type ScanCompletion, type ScanRequest, type ScannedPage, type Scanner } from './scanner';
import { renderSimulatedPage } from './simulated-page';

export interface SimulatedScannerOptions {
  id: string;
  scanDirectory?: string;
  hub?: SimulationHub;
  /** Sheets in the feeder at start; default 5. */
  feederSheets?: number;
  /** Time to scan one page; default 300 ms. */
  pageMs?: number;
}

const FEEDER_CAPACITY = 50;
const A4 = { widthMm: 210, heightMm: 297 };
const RESOLUTIONS = [75, 100, 150, 200, 300, 600];

export class SimulatedScanner implements Scanner {
  readonly deviceClass = 'scanner' as const;
  readonly id: string;
  readonly capabilities: DeviceCapabilities<'scanner'> = {
    flatbed: true,
    feeder: true,
    duplex: false,
    resolutionsDpi: RESOLUTIONS,
    modes: ['color', 'gray', 'lineart'],
    formats: ['png'],
  };
  readonly #holder: DeviceStatusHolder<'scanner'>;
  readonly #scanDirectory: string | undefined;
  readonly #pageMs: number;
  readonly #unregister: (() => void) | undefined;
  #sheets: number;
  /** Pages the feeder takes before it jams; null: it does not jam. */
  #jamAfter: number | null = null;
  #jammed = false;
  #coverOpen = false;
  #present = true;
  #scanning = false;
  #closed = false;

  constructor(options: SimulatedScannerOptions) {
    this.id = options.id;
    this.#scanDirectory = options.scanDirectory;
    this.#pageMs = options.pageMs ?? 300;
    this.#sheets = options.feederSheets ?? 5;
    this.#holder = new DeviceStatusHolder('scanner', options.id, this.#currentStatus());
    this.#unregister = options.hub?.register(this.control());
  }

  status(): DeviceStatus<'scanner'> {
    return this.#holder.current;
  }

  onEvent(listener: DeviceEventListener): () => void {
    return this.#holder.onEvent(listener);
  }

  async refresh(): Promise<Completion<void>> {
    return this.#present ? success(undefined) : failure('deviceNotReady', `scanner ${this.id} not found`);
  }

  async scan(request: ScanRequest = {}): Promise<ScanCompletion> {
    const refuse = (code: FailureCode, message: string): ScanCompletion => ({ code, message, pagesScanned: [] });
    if (this.#closed) return refuse('deviceNotReady', 'scanner closed');
    if (this.#scanning) return refuse('deviceNotReady', 'the scanner is busy with another scan');
    if ((request.format ?? 'png') !== 'png') return refuse('unsupported', 'the simulator writes PNG only');
    const resolution = request.resolutionDpi ?? DEFAULT_RESOLUTION_DPI;
    if (!RESOLUTIONS.includes(resolution)) return refuse('invalidData', `resolution must be one of ${RESOLUTIONS.join(', ')} dpi`);
    const directory = request.directory ?? this.#scanDirectory;
    if (!directory) return refuse('invalidData', 'no directory to scan into');

    this.#scanning = true;
    const prefix = `scan-${Date.now()}-${randomBytes(3).toString('hex')}`;
    let feeding: Promise<unknown> | undefined;
    try {
      const completion = await runCommand<ScannedPage[]>(
        async (signal) => {
          await mkdir(directory, { recursive: true });
          const fed = this.#feed(request, resolution, directory, prefix, signal);
          feeding = fed;
          const stop = await fed;
          const pages = await collectPages(directory, prefix, 'png');
          if (stop) return { ...stop, pagesScanned: pages } as ScanCompletion;
          return success(pages);
        },
        { timeoutMs: request.timeoutMs ?? DEFAULT_SCAN_TIMEOUT_MS, signal: request.signal, label: 'scanner.scan' },
      );
      if (completion.code === 'success' || 'pagesScanned' in completion) return completion as ScanCompletion;
      // Timed out or cancelled: the page being scanned is finished or dropped first, then what was scanned is kept.
      await feeding?.catch(() => undefined);
      return { code: completion.code, message: completion.message, pagesScanned: await collectPages(directory, prefix, 'png').catch(() => []) };
    } finally {
      this.#scanning = false;
      this.#publish();
    }
  }

  /** Scans page after page; returns why it stopped early, or null when the batch ended normally. */
  async #feed(
    request: ScanRequest,
    resolutionDpi: number,
    directory: string,
    prefix: string,
    signal: AbortSignal,
  ): Promise<{ code: FailureCode; message: string } | null> {
    if (!this.#present) return { code: 'deviceNotReady', message: 'scanner not found' };
    if (this.#coverOpen) return { code: 'userError', message: 'scanner cover open' };
    const feeder = request.source === 'feeder';
    if (feeder && this.#jammed) return { code: 'hardwareError', message: 'document feeder jammed' };
    if (feeder && this.#sheets === 0) return { code: 'userError', message: 'no documents in the feeder' };
    const limit = feeder ? (request.maxPages ?? Number.POSITIVE_INFINITY) : 1;
    for (let page = 1; page <= limit; page++) {
      if (feeder && this.#sheets === 0) return null;
      if (feeder && this.#jamAfter === 0) {
        this.#jammed = true;
        this.#jamAfter = null;
        this.#publish();
        return { code: 'hardwareError', message: 'document feeder jammed' };
      }
      await sleep(this.#pageMs, undefined, { signal }).catch(() => undefined);
      if (signal.aborted) return { code: 'canceled', message: 'scan stopped' };
      const area = request.area ?? A4;
      const png = renderSimulatedPage({ page, resolutionDpi, mode: request.mode ?? 'color', widthMm: area.widthMm, heightMm: area.heightMm });
      const file = path.join(directory, `${prefix}-${page}.${EXTENSION.png}`);
      await writeFile(`${file}.part`, png);
      await rename(`${file}.part`, file);
      if (feeder) {
        this.#sheets -= 1;
        if (this.#jamAfter !== null) this.#jamAfter -= 1;
        this.#publish();
      }
    }
    return null;
  }

  #currentStatus(): DeviceStatus<'scanner'> {
    const device = !this.#present ? 'noDevice' : this.#jammed ? 'hardwareError' : this.#coverOpen ? 'userError' : 'online';
    return {
      common: { device },
      scanner: { feeder: this.#jammed ? 'jammed' : this.#sheets > 0 ? 'loaded' : 'empty', cover: this.#coverOpen ? 'open' : 'closed' },
    };
  }

  #publish(): void {
    if (!this.#closed) this.#holder.set(this.#currentStatus());
  }

  /** The scripting surface for tests, the demo and the staff screen. */
  control(): SimulatorControl {
    const act = (description: string, change: () => void) => buttonAction(description, change, () => this.#publish());
    return {
      deviceClass: 'scanner',
      deviceId: this.id,
      actions: {
        loadFeeder: simulatorAction({
          description: '放入材料 / put sheets in the feeder',
          input: z.strictObject({ sheets: z.number().int().min(1).max(FEEDER_CAPACITY) }),
          run: ({ sheets }) => {
            this.#sheets = sheets;
            this.#publish();
          },
        }),
        emptyFeeder: act('取走材料 / take the sheets out of the feeder', () => (this.#sheets = 0)),
        jamAfter: simulatorAction({
          description: '卡纸（在第 N 页之后）/ jam the feeder after N more pages',
          input: z.strictObject({ pages: z.number().int().min(0).max(FEEDER_CAPACITY) }),
          run: ({ pages }) => {
            this.#jamAfter = pages;
          },
        }),
        clearJam: act('清除卡纸 / clear the jam', () => {
          this.#jammed = false;
          this.#jamAfter = null;
        }),
        openCover: act('打开盖板 / open the cover', () => (this.#coverOpen = true)),
        closeCover: act('合上盖板 / close the cover', () => (this.#coverOpen = false)),
        unplug: act('拔出扫描仪 / unplug the scanner', () => (this.#present = false)),
        plugIn: act('插上扫描仪 / plug the scanner in', () => (this.#present = true)),
      },
    };
  }

  async close(): Promise<void> {
    this.#unregister?.();
    this.#holder.set({ common: { device: 'offline' }, scanner: this.#holder.current.scanner });
    this.#closed = true;
  }
}
