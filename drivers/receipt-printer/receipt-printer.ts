// The receipt printer driver: ESC/POS over a serial line, a USB printer device node or TCP 9100 (README.md).
//
// It keeps the port open across unplugging (ReconnectingPort), polls real-time status (DLE EOT 1–4) while idle and
// between the chunks of a job, refuses to start a job the printer cannot finish, and stops a job when the paper runs
// out or the cover opens, saying how far it got.
import {
  type Completion,
  type DeviceCapabilities,
  type DeviceStatus,
  failure,
  success,
} from '../../contracts/device-model';
import type { PortSpec } from '../common/byte-port';
import { type Device, type DeviceEventListener, DeviceStatusHolder } from '../common/device';
import { type ReconnectingPortOptions, ReconnectingPort } from '../common/reconnecting-port';
import { runCommand } from '../common/run-command';
import { DEFAULT_ENCODER_OPTIONS, type EncodedCommand, type EncodedReceipt, type EncoderOptions, encodeReceipt } from './escpos-encoder';
import type { PrinterFontProfile } from './printer-font';
import { type PrinterFlags, STATUS_KINDS, type StatusMapping, decodeStatus, notReadyReason, statusFromFlags } from './printer-status';
import { ReceiptDocument } from './receipt-document';
import { StatusReader } from './status-reader';
import { GlyphFonts } from './text-raster';

export interface ReceiptPrinterOptions {
  id: string;
  port: PortSpec;
  /** What the printer can do (README.md, "Options"). */
  qrCode?: 'native' | 'raster';
  paperLowSensor?: boolean;
  cutter?: 'none' | 'partial' | 'full';
  paperWidthMm?: number;
  printWidthDots?: number;
  fontProfile?: PrinterFontProfile;
  /** Font files tried after the bundled one for characters the printer lacks. */
  extraFonts?: string[];
  /** The bundled font's location, when the build moved it. */
  bundledFont?: string;
  /** Idle status polling; 0 turns it off. */
  pollIntervalMs?: number;
  replyTimeoutMs?: number;
  /** Bytes sent between two status polls during a job. */
  chunkBytes?: number;
  reconnect?: Omit<ReconnectingPortOptions, 'open'>;
}

export interface PrintOptions {
  signal?: AbortSignal;
  /** Default 120 s: a long receipt at 9600 baud takes tens of seconds. */
  timeoutMs?: number;
}

export interface PrintResult {
  bytesSent: number;
  /** Text lines printed as images because the printer's font lacks some of their characters. */
  rasterLines: number;
  /** Characters no font had (printed as empty boxes), as U+XXXX. */
  missingGlyphs: string[];
}

type Poll = { ok: true; flags: PrinterFlags } | { ok: false; reason: string };

/** Missed polls in a row before a connected printer counts as not answering (one lost byte is not an outage). */
const MISSES_BEFORE_OFFLINE = 2;

export class ReceiptPrinter implements Device<'receiptPrinter'> {
  readonly deviceClass = 'receiptPrinter' as const;
  readonly id: string;
  readonly capabilities: DeviceCapabilities<'receiptPrinter'>;
  readonly #port: ReconnectingPort;
  readonly #reader: StatusReader;
  readonly #holder: DeviceStatusHolder<'receiptPrinter'>;
  readonly #encoder: EncoderOptions;
  readonly #mapping: StatusMapping;
  readonly #pollIntervalMs: number;
  readonly #chunkBytes: number;
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #printing = false;
  #misses = 0;
  #closed = false;

  constructor(options: ReceiptPrinterOptions) {
    this.id = options.id;
    const cutter = options.cutter ?? 'full';
    const qrCode = options.qrCode ?? 'native';
    const paperLowSensor = options.paperLowSensor ?? true;
    this.capabilities = {
      paperSources: ['roll'],
      paperWidthMm: options.paperWidthMm ?? 80,
      cutter,
      qrCode,
      rasterImages: true,
      realTimeStatus: true,
      paperLowSensor,
      presenter: false,
    };
    this.#mapping = { paperLowSensor, hasCutter: cutter !== 'none' };
    this.#encoder = {
      ...DEFAULT_ENCODER_OPTIONS,
      qrCode,
      fontProfile: options.fontProfile ?? DEFAULT_ENCODER_OPTIONS.fontProfile,
      printWidthDots: options.printWidthDots ?? DEFAULT_ENCODER_OPTIONS.printWidthDots,
      fonts: new GlyphFonts({ bundled: options.bundledFont, extra: options.extraFonts }),
    };
    this.#pollIntervalMs = options.pollIntervalMs ?? 2_000;
    this.#chunkBytes = options.chunkBytes ?? 1_024;
    this.#holder = new DeviceStatusHolder('receiptPrinter', options.id, { common: { device: 'offline' }, receiptPrinter: {} });
    this.#port = new ReconnectingPort(options.port, options.reconnect);
    this.#reader = new StatusReader({ send: (bytes) => this.#port.write(bytes), replyTimeoutMs: options.replyTimeoutMs ?? 1_000 });
    this.#port.onData((chunk) => this.#reader.receive(chunk));
    this.#port.onState((state) => {
      if (state.state === 'connected') {
        this.#schedulePoll(0);
        return;
      }
      this.#reader.reset();
      // Unplugged, connection refused or dropped: the printer is switched off or not physically connected.
      if (!this.#closed) this.#holder.set({ common: { device: 'powerOff' }, receiptPrinter: {} });
    });
  }

  /** Opens the port (or keeps trying in the background) and reads the status once. */
  static async open(options: ReceiptPrinterOptions): Promise<ReceiptPrinter> {
    const printer = new ReceiptPrinter(options);
    const state = await printer.#port.start();
    if (state.state === 'connected') await printer.#pollAndReport();
    else printer.#holder.set({ common: { device: 'powerOff' }, receiptPrinter: {} });
    return printer;
  }

  get description(): string {
    return this.#port.description;
  }

  status(): DeviceStatus<'receiptPrinter'> {
    return this.#holder.current;
  }

  onEvent(listener: DeviceEventListener): () => void {
    return this.#holder.onEvent(listener);
  }

  /** Reads the status now (the CLI's `receipt status`, the staff screen's refresh). */
  refreshStatus(options: PrintOptions = {}): Promise<Completion<DeviceStatus<'receiptPrinter'>>> {
    return runCommand(
      async (signal) => {
        if (this.#port.state.state !== 'connected') return failure('deviceNotReady', this.#notConnected());
        const poll = await this.#pollAndReport(signal);
        return poll.ok ? success(this.status()) : failure('timeOut', poll.reason);
      },
      { timeoutMs: options.timeoutMs ?? 5_000, signal: options.signal, label: 'receipt.status' },
    );
  }

  print(document: ReceiptDocument, options: PrintOptions = {}): Promise<Completion<PrintResult>> {
    return runCommand((signal) => this.#print(document, signal), {
      timeoutMs: options.timeoutMs ?? 120_000,
      signal: options.signal,
      label: 'receipt.print',
    });
  }

  async #print(input: ReceiptDocument, signal: AbortSignal): Promise<Completion<PrintResult>> {
    const parsed = ReceiptDocument.safeParse(input);
    if (!parsed.success) return failure('invalidData', `not a receipt document: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    if (this.#printing) return failure('deviceNotReady', 'busy printing another receipt');
    if (this.#port.state.state !== 'connected') return failure('deviceNotReady', this.#notConnected());
    let encoded: EncodedReceipt;
    try {
      encoded = encodeReceipt(parsed.data, this.#encoder);
    } catch (error) {
      // A RangeError is the document's fault (an image wider than the paper); anything else is the installation's
      // (the bundled font missing or unreadable).
      const message = error instanceof Error ? error.message : String(error);
      return failure(error instanceof RangeError ? 'invalidData' : 'hardwareError', message);
    }
    this.#printing = true;
    try {
      const before = await this.#pollAndReport(signal);
      if (!before.ok) return failure('deviceNotReady', `printer not answering: ${before.reason}`);
      const reason = notReadyReason(before.flags);
      if (reason) return failure('deviceNotReady', `cannot print: ${reason}`);

      const blocks = parsed.data.blocks.length;
      let bytesSent = 0;
      for (const chunk of chunks(encoded.commands, this.#chunkBytes)) {
        if (signal.aborted) return failure('canceled', 'receipt.print canceled');
        try {
          await this.#reader.write(chunk.bytes);
        } catch (error) {
          return failure('hardwareError', `connection lost ${progress(chunk.blocksDoneBefore, blocks)}: ${error instanceof Error ? error.message : String(error)}`);
        }
        bytesSent += chunk.bytes.length;
        const after = await this.#pollWithRetry(signal);
        if (!after.ok) return failure('hardwareError', `printer stopped answering ${progress(chunk.blocksDoneAfter, blocks)}`);
        const stop = notReadyReason(after.flags);
        if (stop) {
          const code = after.flags.coverOpen ? 'userError' : 'hardwareError';
          return failure(code, `${stop} ${progress(chunk.blocksDoneAfter, blocks)}; the receipt is incomplete`);
        }
      }
      return success({ bytesSent, rasterLines: encoded.rasterLines, missingGlyphs: encoded.missingGlyphs });
    } finally {
      this.#printing = false;
    }
  }

  #notConnected(): string {
    const state = this.#port.state;
    return `${this.#port.description} is not connected${state.state === 'disconnected' ? ` (${state.reason})` : ''}`;
  }

  async #pollWithRetry(signal?: AbortSignal): Promise<Poll> {
    const first = await this.#pollAndReport(signal);
    return first.ok || signal?.aborted ? first : this.#pollAndReport(signal);
  }

  /** One DLE EOT 1–4 round, applied to the status. */
  async #pollAndReport(signal?: AbortSignal): Promise<Poll> {
    // Replies still owed (to status requests hidden in job data, or late ones to requests given up on) come first;
    // asking before they have come or expired would hand them to these requests.
    await this.#reader.settled(signal);
    const replies = await Promise.all(STATUS_KINDS.map((n) => this.#reader.request(n, signal)));
    const bytes = replies.map((reply) => (reply.ok ? reply.byte : undefined));
    const [b1, b2, b3, b4] = bytes;
    if (b1 === undefined || b2 === undefined || b3 === undefined || b4 === undefined) {
      const reason = replies.find((reply) => !reply.ok);
      if (signal?.aborted) return { ok: false, reason: 'canceled' };
      this.#misses++;
      if (this.#misses >= MISSES_BEFORE_OFFLINE && this.#port.state.state === 'connected') {
        // The line is there but the printer says nothing: switched off at the far end of a serial cable, or hung.
        this.#holder.set({ common: { device: 'offline' }, receiptPrinter: {} });
      }
      return { ok: false, reason: reason && !reason.ok ? `no status reply (${reason.reason})` : 'no status reply' };
    }
    this.#misses = 0;
    const flags = decodeStatus({ 1: b1, 2: b2, 3: b3, 4: b4 });
    const status = statusFromFlags(flags, this.#mapping);
    this.#holder.set(status);
    const paper = status.receiptPrinter.paper?.roll;
    if (paper) this.#holder.consumable({ paper: 'roll' }, paper);
    return { ok: true, flags };
  }

  #schedulePoll(delayMs: number): void {
    clearTimeout(this.#pollTimer);
    if (this.#closed || (this.#pollIntervalMs <= 0 && delayMs > 0)) return;
    this.#pollTimer = setTimeout(() => {
      // A job polls for itself between chunks.
      const run = this.#printing || this.#port.state.state !== 'connected' ? Promise.resolve() : this.#pollAndReport().then(() => {});
      void run.then(() => {
        if (this.#pollIntervalMs > 0) this.#schedulePoll(this.#pollIntervalMs);
      });
    }, delayMs);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#pollTimer);
    await this.#port.close();
    this.#reader.reset();
    this.#holder.set({ common: { device: 'offline' }, receiptPrinter: {} });
  }
}

interface Chunk {
  bytes: Uint8Array;
  /** Document blocks wholly sent before and after this chunk. */
  blocksDoneBefore: number;
  blocksDoneAfter: number;
}

/** Whole commands grouped up to `limit` bytes (a single bigger command goes alone). */
function chunks(commands: readonly EncodedCommand[], limit: number): Chunk[] {
  const out: Chunk[] = [];
  let start = 0;
  while (start < commands.length) {
    let end = start;
    let size = 0;
    while (end < commands.length && (end === start || size + (commands[end] as EncodedCommand).bytes.length <= limit)) {
      size += (commands[end] as EncodedCommand).bytes.length;
      end++;
    }
    const bytes = new Uint8Array(size);
    let at = 0;
    for (let i = start; i < end; i++) {
      bytes.set((commands[i] as EncodedCommand).bytes, at);
      at += (commands[i] as EncodedCommand).bytes.length;
    }
    const done = (index: number): number => (index < commands.length ? (commands[index] as EncodedCommand).block : Number.POSITIVE_INFINITY);
    out.push({ bytes, blocksDoneBefore: done(start), blocksDoneAfter: done(end) });
    start = end;
  }
  return out;
}

/** "after blocks 1–7 of 12 were sent" — block numbers, never the text (it may hold a name). */
function progress(blocksDone: number, total: number): string {
  const done = Math.max(0, Math.min(blocksDone, total));
  if (done === 0) return `before any of the ${total} blocks was sent`;
  if (done === total) return `after all ${total} blocks were sent (the printer stopped before finishing them)`;
  return `after blocks 1–${done} of ${total} were sent (blocks ${done + 1}–${total} were not)`;
}
