// A simulated A4 printer that behaves like a CUPS queue in front of a laser printer: jobs take a moment per page, one
// job prints at a time, paper and toner run down, the door opens and the paper jams on command. A job that cannot go
// on completes as the CUPS driver completes it (cancelled, with the same codes), and every printed job lands as a
// PDF file in `outputDir` so the demo can show it.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import {
  type Completion,
  type DeviceCapabilities,
  type DeviceStatus,
  type FailureCode,
  type PaperState,
  type SupplyState,
  failure,
  success,
} from '../../contracts/device-model';
import { DeviceStatusHolder, type DeviceEventListener } from '../common/device';
import { runCommand } from '../common/run-command';
import { type SimulationHub, type SimulatorControl, buttonAction, simulatorAction } from '../simulation/simulator-control';
import { DEFAULT_PRINT_TIMEOUT_MS, type DocumentPrinter, type PrintOptions, type PrintedJob } from './document-printer';
import { readPdf } from './pdf-document';
import { PAPER_SOURCE } from './printer-state-mapping';

export interface SimulatedPrinterOptions {
  id: string;
  /** Where printed jobs are written. */
  outputDir: string;
  /** Sheets in the tray at start; default 250 (half a ream). */
  sheets?: number;
  /** At or below this many sheets the paper is `low`; default 20. */
  lowPaperAt?: number;
  /** Pages the toner has left; default 3000. */
  tonerPages?: number;
  /** At or below this many pages the toner is `low`; default 300. */
  lowTonerAt?: number;
  /** Time to print one page; default 400 ms. */
  pageMs?: number;
  /** Where the simulator's control is registered until `close`. */
  hub?: SimulationHub;
}

const TRAY_CAPACITY = 500;
const TONER_CAPACITY = 3000;

/** Pages of a PDF by its page objects; a PDF whose objects are all compressed counts as one page. */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf).toString('latin1');
  return Math.max(1, text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0);
}

export class SimulatedDocumentPrinter implements DocumentPrinter {
  readonly deviceClass = 'documentPrinter' as const;
  readonly id: string;
  readonly capabilities: DeviceCapabilities<'documentPrinter'> = {
    paperSources: [PAPER_SOURCE],
    mediaSizes: ['iso_a4_210x297mm'],
    duplex: false,
    color: false,
    consumables: ['toner'],
  };
  readonly #holder: DeviceStatusHolder<'documentPrinter'>;
  readonly #outputDir: string;
  readonly #lowPaperAt: number;
  readonly #lowTonerAt: number;
  readonly #pageMs: number;
  #sheets: number;
  #tonerPages: number;
  #doorOpen = false;
  #jammed = false;
  #powered = true;
  #closed = false;
  #nextJobId = 1;
  /** One job at a time, like a printer: each job waits for the one before. */
  #queue: Promise<unknown> = Promise.resolve();
  readonly #unregister: (() => void) | undefined;

  constructor(options: SimulatedPrinterOptions) {
    this.id = options.id;
    this.#outputDir = options.outputDir;
    this.#sheets = options.sheets ?? 250;
    this.#lowPaperAt = options.lowPaperAt ?? 20;
    this.#tonerPages = options.tonerPages ?? TONER_CAPACITY;
    this.#lowTonerAt = options.lowTonerAt ?? 300;
    this.#pageMs = options.pageMs ?? 400;
    this.#holder = new DeviceStatusHolder('documentPrinter', options.id, this.#currentStatus());
    this.#publish();
    this.#unregister = options.hub?.register(this.control());
  }

  status(): DeviceStatus<'documentPrinter'> {
    return this.#holder.current;
  }

  onEvent(listener: DeviceEventListener): () => void {
    return this.#holder.onEvent(listener);
  }

  async refresh(): Promise<Completion<DeviceStatus<'documentPrinter'>>> {
    return success(this.#holder.current);
  }

  async print(document: Uint8Array | string, options: PrintOptions = {}): Promise<Completion<PrintedJob>> {
    if (this.#closed) return failure('deviceNotReady', 'printer closed');
    const jobId = this.#nextJobId++;
    return runCommand<PrintedJob>(
      async (signal) => {
        const pdf = await readPdf(document);
        if (pdf.code !== 'success') return pdf;
        const turn = this.#queue.then(() => this.#printJob(jobId, pdf.value, signal));
        this.#queue = turn.catch(() => undefined);
        return turn;
      },
      { timeoutMs: options.timeoutMs ?? DEFAULT_PRINT_TIMEOUT_MS, signal: options.signal, label: 'printer.print' },
    );
  }

  async #printJob(jobId: number, pdf: Uint8Array, signal: AbortSignal): Promise<Completion<PrintedJob>> {
    const pages = countPdfPages(pdf);
    for (let page = 0; page < pages; page++) {
      const blocked = this.#blocking();
      if (blocked) return failure(blocked.code, `${blocked.message}; job ${jobId} cancelled`);
      await sleep(this.#pageMs, undefined, { signal }).catch(() => undefined);
      if (signal.aborted) return failure('canceled', 'print canceled');
      this.#sheets -= 1;
      this.#tonerPages = Math.max(0, this.#tonerPages - 1);
      this.#publish();
    }
    await mkdir(this.#outputDir, { recursive: true });
    // Numbered on from the files there (jobs print one at a time), so tests and the demo find the n-th job as `<n>.pdf`
    // across restarts; the job name stays in the queue, not in the file name.
    const numbers = (await readdir(this.#outputDir)).map((name) => Number(/^(\d+)\.pdf$/.exec(name)?.[1] ?? 0));
    const file = path.join(this.#outputDir, `${Math.max(0, ...numbers) + 1}.pdf`);
    // Written whole under a temporary name, then renamed: a viewer never sees half a file.
    const temp = `${file}.${randomBytes(4).toString('hex')}.part`;
    await writeFile(temp, pdf);
    await rename(temp, file);
    return success({ jobId });
  }

  /** The same conditions, codes and words as the CUPS mapping (printer-state-mapping.ts). */
  #blocking(): { code: FailureCode; message: string } | null {
    if (!this.#powered) return { code: 'deviceNotReady', message: 'printer offline' };
    if (this.#jammed) return { code: 'hardwareError', message: 'paper jam (media-jam)' };
    if (this.#doorOpen) return { code: 'userError', message: 'door open: close it to print' };
    if (this.#sheets <= 0) return { code: 'deviceNotReady', message: 'out of paper (media-empty)' };
    if (this.#tonerPages <= 0) return { code: 'deviceNotReady', message: 'out of toner (toner-empty)' };
    return null;
  }

  #currentStatus(): DeviceStatus<'documentPrinter'> {
    const paper: PaperState = this.#jammed ? 'jammed' : this.#sheets <= 0 ? 'out' : this.#sheets <= this.#lowPaperAt ? 'low' : 'full';
    const toner: SupplyState = this.#tonerPages <= 0 ? 'out' : this.#tonerPages <= this.#lowTonerAt ? 'low' : 'full';
    const device = !this.#powered ? 'offline' : this.#jammed ? 'hardwareError' : this.#doorOpen ? 'userError' : 'online';
    return { common: { device }, documentPrinter: { paper: { [PAPER_SOURCE]: paper }, toner, cover: this.#doorOpen ? 'open' : 'closed' } };
  }

  #publish(): void {
    if (this.#closed) return;
    const status = this.#currentStatus();
    this.#holder.set(status);
    const part = status.documentPrinter;
    this.#holder.consumable({ paper: PAPER_SOURCE }, part.paper?.[PAPER_SOURCE] ?? 'unknown');
    this.#holder.consumable('toner', part.toner ?? 'unknown');
  }

  /** The scripting surface for tests, the demo and the staff screen. */
  control(): SimulatorControl {
    const act = (description: string, change: () => void) => buttonAction(description, change, () => this.#publish());
    return {
      deviceClass: 'documentPrinter',
      deviceId: this.id,
      actions: {
        loadPaper: simulatorAction({
          description: '装纸 / fill the tray (or set the sheets in it)',
          input: z.strictObject({ sheets: z.number().int().min(0).max(TRAY_CAPACITY).optional() }),
          run: ({ sheets }) => {
            this.#sheets = sheets ?? TRAY_CAPACITY;
            this.#publish();
          },
        }),
        paperLow: act('纸张将尽 / paper low', () => (this.#sheets = Math.min(this.#sheets, this.#lowPaperAt))),
        paperOut: act('缺纸 / paper out', () => (this.#sheets = 0)),
        tonerLow: act('墨粉不足 / toner low', () => (this.#tonerPages = Math.min(this.#tonerPages, this.#lowTonerAt))),
        tonerOut: act('墨粉用尽 / toner out', () => (this.#tonerPages = 0)),
        replaceToner: act('更换墨粉 / new toner cartridge', () => (this.#tonerPages = TONER_CAPACITY)),
        openDoor: act('打开前门 / open the front door', () => (this.#doorOpen = true)),
        closeDoor: act('关闭前门 / close the front door', () => (this.#doorOpen = false)),
        jam: act('卡纸 / paper jam', () => (this.#jammed = true)),
        clearJam: act('清除卡纸 / clear the jam', () => (this.#jammed = false)),
        powerOff: act('关机或断网 / printer off or unreachable', () => (this.#powered = false)),
        powerOn: act('开机 / printer back', () => (this.#powered = true)),
      },
    };
  }

  async close(): Promise<void> {
    this.#unregister?.();
    this.#holder.set({ common: { device: 'offline' }, documentPrinter: this.#holder.current.documentPrinter });
    this.#closed = true;
  }
}
