// The A4 printer driver: PDFs go to a CUPS queue over IPP, jobs are followed to the end, and the queue's state and
// reasons are polled into the device model.
//
// IPP rather than `lp`/`lpstat`: lpstat's text is localised (a zh_CN kiosk gets Chinese), has no job-state codes and
// no marker (toner) levels, and every poll would spawn a process. IPP gives typed attributes from the same server `lp`
// talks to, works the same against a remote CUPS (`host:port`) and the local socket, and lets one request carry state,
// reasons and markers.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type Completion,
  type DeviceCapabilities,
  type DeviceStatus,
  type FailureCode,
  failure,
  success,
} from '../../contracts/device-model';
import { DeviceStatusHolder, type DeviceEventListener } from '../common/device';
import { runCommand } from '../common/run-command';
import {
  type CupsTarget,
  type IppFailure,
  IppStatus,
  JobState,
  type PrinterAttributes,
  cancelJob,
  getJobAttributes,
  getPrinterAttributes,
  printJob,
} from './cups-operations';
import { DEFAULT_JOB_NAME, DEFAULT_PRINT_TIMEOUT_MS, type DocumentPrinter, type PrintOptions, type PrintedJob } from './document-printer';
import { parseCupsServer } from './ipp-transport';
import { type MappedPrinter, PAPER_SOURCE, mapPrinterAttributes } from './printer-state-mapping';
import { readPdf } from './pdf-document';

export interface CupsPrinterOptions {
  id: string;
  /** The CUPS queue, as `lpstat -p` names it. */
  queue: string;
  /** `host`, `host:port` or a domain socket path, like `lp -h`. Default `localhost:631` (CUPS's own default). */
  server?: string;
  /** requesting-user-name: the owner of the kiosk's jobs in CUPS. Default `kiosk`. */
  userName?: string;
  /** Background status polling; 0 turns it off. Default 5 s. */
  pollIntervalMs?: number;
  /** How often a running job is checked. Default 500 ms. */
  jobPollIntervalMs?: number;
  /** One IPP request (a PDF upload included). Default 10 s. */
  requestTimeoutMs?: number;
}

/** CUPS printer names: up to 127 printable characters except space, `/`, `#` and `\` (lpadmin(8)). */
const QUEUE_NAME = /^[^\s/#\\\p{Cc}]{1,127}$/u;

/** After this many failed job checks in a row the job is given up (and cancelled). */
const MAX_CONSECUTIVE_CHECK_FAILURES = 3;

function capabilitiesOf(printer: PrinterAttributes): DeviceCapabilities<'documentPrinter'> {
  const consumables = new Set<'toner' | 'ink'>();
  for (const type of printer.markerTypes) {
    if (type.startsWith('toner')) consumables.add('toner');
    if (type.startsWith('ink')) consumables.add('ink');
  }
  return {
    paperSources: [PAPER_SOURCE],
    mediaSizes: printer.mediaSupported,
    duplex: printer.sidesSupported.some((side) => side.startsWith('two-sided')),
    color: printer.colorSupported ?? false,
    consumables: [...consumables],
  };
}

function submitFailure(result: IppFailure, queue: string): { code: FailureCode; message: string } {
  if (result.transport === 'ipp' && result.status === IppStatus.notFound) return { code: 'deviceNotReady', message: `no CUPS queue "${queue}"` };
  if (result.transport === 'ipp' && result.status === IppStatus.notAcceptingJobs) return { code: 'deviceNotReady', message: `queue "${queue}" is not accepting jobs` };
  if (result.transport === 'ipp' && result.status === IppStatus.documentFormatNotSupported) return { code: 'invalidData', message: 'the queue does not take PDF' };
  if (result.transport === 'malformed') return { code: 'invalidData', message: result.message };
  return { code: 'deviceNotReady', message: result.message };
}

export class CupsDocumentPrinter implements DocumentPrinter {
  readonly deviceClass = 'documentPrinter' as const;
  readonly id: string;
  readonly #target: CupsTarget;
  readonly #holder: DeviceStatusHolder<'documentPrinter'>;
  readonly #pollIntervalMs: number;
  readonly #jobPollIntervalMs: number;
  readonly #requestTimeoutMs: number;
  #capabilities: DeviceCapabilities<'documentPrinter'> = { paperSources: [PAPER_SOURCE], mediaSizes: [], duplex: false, color: false, consumables: [] };
  #blocking: MappedPrinter['blocking'] = { code: 'deviceNotReady', message: 'printer state not known yet' };
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  /** Checks the options (throws TypeError on a bad queue name or server address); call `start` to begin polling. */
  constructor(options: CupsPrinterOptions) {
    if (!QUEUE_NAME.test(options.queue)) throw new TypeError(`not a CUPS queue name: "${options.queue}"`);
    const server = parseCupsServer(options.server ?? 'localhost:631');
    if (!server.ok) throw new TypeError(server.error);
    this.id = options.id;
    this.#target = { endpoint: server.endpoint, queue: options.queue, userName: options.userName ?? 'kiosk' };
    this.#pollIntervalMs = options.pollIntervalMs ?? 5_000;
    this.#jobPollIntervalMs = options.jobPollIntervalMs ?? 500;
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.#holder = new DeviceStatusHolder('documentPrinter', options.id, { common: { device: 'offline' }, documentPrinter: {} });
  }

  /** Reads the state once and starts polling. Never fails: an unreachable CUPS shows as `offline`. */
  async start(): Promise<void> {
    await this.refresh();
    this.#schedulePoll();
  }

  get capabilities(): DeviceCapabilities<'documentPrinter'> {
    return this.#capabilities;
  }

  status(): DeviceStatus<'documentPrinter'> {
    return this.#holder.current;
  }

  onEvent(listener: DeviceEventListener): () => void {
    return this.#holder.onEvent(listener);
  }

  async refresh(): Promise<Completion<DeviceStatus<'documentPrinter'>>> {
    const result = await getPrinterAttributes(this.#target, { timeoutMs: this.#requestTimeoutMs });
    if (this.#closed) return failure('deviceNotReady', 'printer closed');
    if (!result.ok) {
      const missing = result.transport === 'ipp' && result.status === IppStatus.notFound;
      const reason = missing ? `no CUPS queue "${this.#target.queue}"` : result.message;
      this.#blocking = { code: 'deviceNotReady', message: reason };
      this.#holder.set({ common: { device: missing ? 'noDevice' : 'offline' }, documentPrinter: this.#holder.current.documentPrinter });
      return failure('deviceNotReady', reason);
    }
    const mapped = mapPrinterAttributes(result.printer, this.#holder.current.documentPrinter);
    this.#capabilities = capabilitiesOf(result.printer);
    this.#blocking = mapped.blocking;
    this.#holder.set(mapped.status);
    const part = mapped.status.documentPrinter;
    for (const [source, state] of Object.entries(part.paper ?? {})) this.#holder.consumable({ paper: source }, state);
    if (part.toner) this.#holder.consumable('toner', part.toner);
    if (part.ink) this.#holder.consumable('ink', part.ink);
    return success(mapped.status);
  }

  async print(document: Uint8Array | string, options: PrintOptions = {}): Promise<Completion<PrintedJob>> {
    if (this.#closed) return failure('deviceNotReady', 'printer closed');
    const jobName = options.jobName ?? DEFAULT_JOB_NAME;
    // job-name is an IPP name(MAX): at most 255 octets (RFC 8011 §5.1.3).
    if (jobName.length === 0 || Buffer.byteLength(jobName) > 255) return failure('invalidData', 'job name must be 1–255 bytes');
    const job: { id?: number; finished: boolean; submitting?: Promise<unknown> } = { finished: false };
    const completion = await runCommand<PrintedJob>(
      async (signal) => {
        const pdf = await readPdf(document);
        if (pdf.code !== 'success') return pdf;
        const ready = await this.refresh();
        if (ready.code !== 'success') return ready;
        if (this.#blocking) return failure(this.#blocking.code, this.#blocking.message);
        if (signal.aborted) return failure('canceled', 'print canceled');
        // Not tied to `signal`: if the runner gives up mid-upload, the job id still arrives and the job is cancelled.
        const submitting = printJob(this.#target, pdf.value, jobName, { timeoutMs: this.#requestTimeoutMs }).then((result) => {
          if (result.ok) job.id = result.jobId;
          return result;
        });
        job.submitting = submitting;
        const submitted = await submitting;
        if (!submitted.ok) {
          const { code, message } = submitFailure(submitted, this.#target.queue);
          return failure(code, message);
        }
        return this.#followJob(submitted.jobId, job, signal);
      },
      { timeoutMs: options.timeoutMs ?? DEFAULT_PRINT_TIMEOUT_MS, signal: options.signal, label: 'printer.print' },
    );
    if (completion.code !== 'success') {
      await job.submitting?.catch(() => undefined);
      if (job.id !== undefined && !job.finished) await cancelJob(this.#target, job.id, { timeoutMs: this.#requestTimeoutMs });
    }
    return completion;
  }

  async #followJob(jobId: number, job: { finished: boolean }, signal: AbortSignal): Promise<Completion<PrintedJob>> {
    let failures = 0;
    for (;;) {
      const result = await getJobAttributes(this.#target, jobId, { timeoutMs: this.#requestTimeoutMs, signal });
      if (signal.aborted) return failure('canceled', 'print canceled');
      if (!result.ok) {
        failures += 1;
        if (failures >= MAX_CONSECUTIVE_CHECK_FAILURES) {
          await this.refresh();
          return failure('deviceNotReady', `lost track of job ${jobId}: ${result.message}`);
        }
      } else {
        failures = 0;
        const { state, reasons } = result.job;
        const why = reasons.filter((r) => r !== 'none').join(', ');
        if (state === JobState.completed) {
          job.finished = true;
          void this.refresh();
          return success({ jobId });
        }
        if (state === JobState.canceled) {
          job.finished = true;
          return failure('canceled', `job ${jobId} was cancelled in the queue${why ? ` (${why})` : ''}`);
        }
        if (state === JobState.aborted) {
          job.finished = true;
          await this.refresh();
          return failure('hardwareError', `job ${jobId} aborted by the printer system${why ? ` (${why})` : ''}`);
        }
        if (state === JobState.pendingHeld) return failure('deviceNotReady', `job ${jobId} is held in the queue${why ? ` (${why})` : ''}`);
        await this.refresh();
        if (this.#blocking) return failure(this.#blocking.code, `${this.#blocking.message}; job ${jobId} cancelled`);
      }
      await sleep(this.#jobPollIntervalMs, undefined, { signal }).catch(() => undefined);
    }
  }

  #schedulePoll(): void {
    if (this.#closed || this.#pollIntervalMs <= 0) return;
    this.#pollTimer = setTimeout(() => {
      void this.refresh().finally(() => this.#schedulePoll());
    }, this.#pollIntervalMs);
    this.#pollTimer.unref();
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#pollTimer);
    this.#holder.set({ common: { device: 'offline' }, documentPrinter: this.#holder.current.documentPrinter });
  }
}
