// A simulated receipt printer on a real transport: the device end of a serial line (a socat pty, or a real port
// wired to the kiosk's by a null-modem cable) or a TCP server like a network printer's port 9100. The real driver
// connects to it and cannot tell the difference.
//
// With `jobsDir`, every receipt (the raw bytes received up to and including its cut, status requests and all) is also
// written to `<jobsDir>/<n>.bin`, numbered on from the files already there, so tests running against a whole kiosk
// process can read what was printed (test-support/receipt-decoder.ts decodes them).
import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { type AddressInfo, type Server, type Socket, createServer } from 'node:net';
import path from 'node:path';
import { SerialPort } from 'serialport';
import { z } from 'zod';
import { type SimulatorControl, simulatorAction } from '../../simulation/simulator-control';
import { type PrintedItem, SimulatedPrinter, type SimulatedPrinterOptions } from './simulated-printer';

export interface PrinterSimulatorOptions extends SimulatedPrinterOptions {
  /** Where each cut receipt's raw bytes are written as `<n>.bin`; nothing is written without it. */
  jobsDir?: string;
}

export class PrinterSimulator {
  readonly printer: SimulatedPrinter;
  readonly #jobsDir: string | undefined;
  /** Raw bytes received since the last receipt file was written. */
  #received: Uint8Array[] = [];
  #nextJob: number | undefined;
  readonly #printedListeners = new Set<(item: PrintedItem) => void>();
  #serial: SerialPort | undefined;
  #server: Server | undefined;
  #tcp: { host: string; port: number } | undefined;
  readonly #sockets = new Set<Socket>();
  /** Transcript items already reported to onPrinted listeners. */
  #announced = 0;

  constructor(options: PrinterSimulatorOptions = {}) {
    const { jobsDir, ...printerOptions } = options;
    this.printer = new SimulatedPrinter(printerOptions);
    this.#jobsDir = jobsDir;
  }

  /** Serves on the device end of a serial line. */
  async servePty(path: string, baudRate = 9600): Promise<void> {
    const serial = new SerialPort({ path, baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) => serial.open((error) => (error ? reject(error) : resolve())));
    const connection = this.printer.connect();
    serial.on('data', (chunk: Buffer) => {
      const reply = this.#receive(connection, chunk);
      if (reply.length > 0) serial.write(Buffer.from(reply));
    });
    // A vanished pty is the test unplugging the cable; nothing to do but stop.
    serial.on('error', () => {});
    this.#serial = serial;
  }

  /** Listens for TCP connections (port 0 picks a free one); resolves with the address. */
  async serveTcp(port = 0, host = '127.0.0.1'): Promise<{ host: string; port: number }> {
    const server = createServer((socket) => {
      if (!this.printer.powered) {
        socket.destroy();
        return;
      }
      this.#sockets.add(socket);
      const connection = this.printer.connect();
      socket.on('data', (chunk: Buffer) => {
        const reply = this.#receive(connection, chunk);
        if (reply.length > 0 && !socket.destroyed) socket.write(reply);
      });
      socket.on('error', () => {});
      socket.on('close', () => this.#sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.#server = server;
    const address = server.address() as AddressInfo;
    this.#tcp = { host, port: address.port };
    return this.#tcp;
  }

  /** Each item once it is complete (an image once something follows it, as later bands may still extend it). */
  onPrinted(listener: (item: PrintedItem) => void): () => void {
    this.#printedListeners.add(listener);
    return () => this.#printedListeners.delete(listener);
  }

  #receive(connection: ReturnType<SimulatedPrinter['connect']>, chunk: Uint8Array): Uint8Array {
    if (this.#jobsDir) this.#received.push(Uint8Array.from(chunk));
    const reply = connection.receive(chunk);
    this.#announce();
    return reply;
  }

  #announce(): void {
    const transcript = this.printer.transcript;
    const complete = transcript.at(-1)?.type === 'image' ? transcript.length - 1 : transcript.length;
    for (; this.#announced < complete; this.#announced++) {
      const item = transcript[this.#announced] as PrintedItem;
      if (item.type === 'cut') this.#writeJob();
      for (const listener of this.#printedListeners) listener(item);
    }
  }

  /**
   * Synchronous, before the status reply to the job's last chunk goes out: once the driver reports the receipt
   * printed, its file is there. Written under a temporary name and renamed, so a reader never sees half a file.
   */
  #writeJob(): void {
    const dir = this.#jobsDir;
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    this.#nextJob ??= 1 + Math.max(0, ...readdirSync(dir).map((name) => Number(/^(\d+)\.bin$/.exec(name)?.[1] ?? 0)));
    const file = path.join(dir, `${this.#nextJob++}.bin`);
    writeFileSync(`${file}.part`, Buffer.concat(this.#received));
    renameSync(`${file}.part`, file);
    this.#received = [];
  }

  /** Runs a control change and reports whatever it let the printer print (held data after paper is loaded). */
  #change(run: () => void): void {
    run();
    this.#announce();
  }

  /**
   * Switching off a network printer drops its connections and stops it listening; a serial printer simply goes
   * silent, as its cable stays plugged in.
   */
  async powerOff(): Promise<void> {
    this.printer.setPower(false);
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    const server = this.#server;
    this.#server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async powerOn(): Promise<void> {
    this.printer.setPower(true);
    if (this.#tcp && !this.#server) await this.serveTcp(this.#tcp.port, this.#tcp.host);
  }

  control(deviceId: string): SimulatorControl {
    const none = z.object({}).optional();
    return {
      deviceClass: 'receiptPrinter',
      deviceId,
      actions: {
        setPaper: simulatorAction({
          description: '纸量 / set the paper: full, low or out',
          input: z.object({ paper: z.enum(['full', 'low', 'out']) }),
          run: ({ paper }) => this.#change(() => this.printer.setPaper(paper)),
        }),
        paperRunsOutAfter: simulatorAction({
          description: '打印N张后缺纸 / paper runs out after N receipts (and M more lines)',
          input: z.object({ receipts: z.number().int().min(0).max(10_000), lines: z.number().int().min(0).max(10_000).optional() }),
          run: ({ receipts, lines }) => this.#change(() => this.printer.paperRunsOutAfter(receipts, lines)),
        }),
        openCover: simulatorAction({ description: '打开纸仓盖 / open the cover', input: none, run: () => this.#change(() => this.printer.setCover(true)) }),
        closeCover: simulatorAction({ description: '关闭纸仓盖 / close the cover', input: none, run: () => this.#change(() => this.printer.setCover(false)) }),
        cutterFault: simulatorAction({
          description: '切刀故障 / cutter fault on (or off with fault: false)',
          input: z.object({ fault: z.boolean().optional() }).optional(),
          run: (input) => this.#change(() => this.printer.setCutterFault(input?.fault ?? true)),
        }),
        powerOff: simulatorAction({ description: '关机 / power off', input: none, run: () => this.powerOff() }),
        powerOn: simulatorAction({ description: '开机 / power on', input: none, run: () => this.powerOn() }),
      },
    };
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    const server = this.#server;
    this.#server = undefined;
    this.#tcp = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    const serial = this.#serial;
    this.#serial = undefined;
    if (serial?.isOpen) await new Promise<void>((resolve) => serial.close(() => resolve()));
  }
}
