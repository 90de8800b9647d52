// The state of a simulated 80 mm receipt printer: what it has printed (a decoded transcript), its paper, cover and
// cutter, and the status bytes it answers DLE EOT 1–4 with (reference/printing-scanning.md). Transports
// (printer-simulator.ts) feed it bytes; SimulatorControl scripts it.
import { type Bitmap, createBitmap } from '../bitmap';
import { EscPosStreamParser, type Justification, type ParsedCommand } from './escpos-stream-parser';

export type PrintedItem =
  | { type: 'text'; text: string; align: Justification; bold: boolean; width: number; height: number }
  | { type: 'image'; image: Bitmap; align: Justification }
  | { type: 'qr'; data: string; moduleSize: number; errorLevel: 'L' | 'M' | 'Q' | 'H'; align: Justification }
  | { type: 'feed'; lines: number }
  | { type: 'cut'; partial: boolean };

export type SimulatedPaper = 'full' | 'low' | 'out';

export interface SimulatedPrinterOptions {
  /** Without one the near-end bits of DLE EOT 4 stay 0 whatever the paper. */
  nearEndSensor?: boolean;
  /** Whether GS ( k prints; without it QR commands are ignored like on printers that lack them. */
  nativeQr?: boolean;
}

/** Real-time requests are recognised in the raw byte stream, even inside another command's data. */
class RealTimeScanner {
  #state = 0;

  /** The DLE EOT n (n = 1–4) requests completed by these bytes, in order. */
  scan(bytes: Uint8Array): number[] {
    const found: number[] = [];
    for (const byte of bytes) {
      if (this.#state === 2 && byte >= 1 && byte <= 4) {
        found.push(byte);
        this.#state = 0;
      } else {
        this.#state = byte === 0x10 ? 1 : this.#state === 1 && byte === 0x04 ? 2 : 0;
      }
    }
    return found;
  }
}

/** One connection's view: its own parser state, the shared printer behind it. */
export interface PrinterConnection {
  /** Bytes from the host; returns the status bytes to send back. */
  receive(bytes: Uint8Array): Uint8Array;
}

export class SimulatedPrinter {
  readonly transcript: PrintedItem[] = [];
  readonly #nearEndSensor: boolean;
  readonly #nativeQr: boolean;
  #powered = true;
  #paper: SimulatedPaper = 'full';
  #coverOpen = false;
  #cutterFault = false;
  /** Set by paperRunsOutAfter: receipts still to finish, then lines still to print, before the paper ends. */
  #runOut: { receipts: number; lines: number } | undefined;
  /** What arrived while the printer could not print; printed when it can again (as real printers do). */
  #held: ParsedCommand[] = [];
  // Print modes.
  #align: Justification = 'left';
  #bold = false;
  #size = { width: 1, height: 1 };
  #line = '';
  #qr = { moduleSize: 3, errorLevel: 'L' as 'L' | 'M' | 'Q' | 'H', data: undefined as Uint8Array | undefined };
  /** The last item was an image with nothing after it: the next band continues it. */
  #openImage: { item: Extract<PrintedItem, { type: 'image' }>; widthBytes: number } | undefined;
  #receipts = 0;

  constructor(options: SimulatedPrinterOptions = {}) {
    this.#nearEndSensor = options.nearEndSensor ?? true;
    this.#nativeQr = options.nativeQr ?? true;
  }

  get powered(): boolean {
    return this.#powered;
  }

  /** Receipts cut so far. */
  get receipts(): number {
    return this.#receipts;
  }

  connect(): PrinterConnection {
    const parser = new EscPosStreamParser();
    const scanner = new RealTimeScanner();
    return {
      receive: (bytes) => {
        if (!this.#powered) return new Uint8Array(0);
        const replies = scanner.scan(bytes).map((n) => this.statusByte(n as 1 | 2 | 3 | 4));
        for (const command of parser.push(bytes)) this.#accept(command);
        return Uint8Array.from(replies);
      },
    };
  }

  /** DLE EOT n reply (reference: every reply has (b & 0x93) == 0x12). */
  statusByte(n: 1 | 2 | 3 | 4): number {
    const paperEnd = this.#paper === 'out';
    const offline = paperEnd || this.#coverOpen || this.#cutterFault;
    switch (n) {
      case 1:
        return 0x12 | (offline ? 0x08 : 0);
      case 2:
        return 0x12 | (this.#coverOpen ? 0x04 : 0) | (paperEnd ? 0x20 : 0) | (this.#cutterFault ? 0x40 : 0);
      case 3:
        return 0x12 | (this.#cutterFault ? 0x08 : 0);
      case 4:
        return 0x12 | (paperEnd ? 0x60 : 0) | ((paperEnd || this.#paper === 'low') && this.#nearEndSensor ? 0x0c : 0);
    }
  }

  // ---- control ----

  setPaper(paper: SimulatedPaper): void {
    this.#paper = paper;
    if (paper !== 'out') this.#runOut = undefined;
    this.#resume();
  }

  paperRunsOutAfter(receipts: number, lines = 0): void {
    this.#runOut = { receipts, lines };
    this.#checkRunOut();
  }

  setCover(open: boolean): void {
    this.#coverOpen = open;
    this.#resume();
  }

  setCutterFault(fault: boolean): void {
    this.#cutterFault = fault;
    this.#resume();
  }

  setPower(on: boolean): void {
    this.#powered = on;
    if (!on) {
      // Power loss empties the receive buffer and forgets the modes.
      this.#held = [];
      this.#reset();
    }
  }

  // ---- printing ----

  #canPrint(): boolean {
    return this.#powered && this.#paper !== 'out' && !this.#coverOpen && !this.#cutterFault;
  }

  #accept(command: ParsedCommand): void {
    if (command.type === 'statusRequest' || command.type === 'unknown') return;
    if (!this.#canPrint() || this.#held.length > 0) this.#held.push(command);
    else this.#apply(command);
  }

  #resume(): void {
    while (this.#held.length > 0 && this.#canPrint()) this.#apply(this.#held.shift() as ParsedCommand);
  }

  #reset(): void {
    this.#align = 'left';
    this.#bold = false;
    this.#size = { width: 1, height: 1 };
    this.#line = '';
    this.#qr = { moduleSize: 3, errorLevel: 'L', data: undefined };
    this.#openImage = undefined;
  }

  #print(item: PrintedItem): void {
    this.#openImage = undefined;
    this.transcript.push(item);
    if (item.type === 'cut') {
      this.#receipts++;
      if (this.#runOut && this.#runOut.receipts > 0) this.#runOut.receipts--;
    } else if (this.#runOut && this.#runOut.receipts === 0) {
      this.#runOut.lines--;
    }
    this.#checkRunOut();
  }

  #checkRunOut(): void {
    if (this.#runOut && this.#runOut.receipts === 0 && this.#runOut.lines <= 0) {
      this.#runOut = undefined;
      this.#paper = 'out';
    }
  }

  #flushLine(): void {
    this.#print({ type: 'text', text: this.#line, align: this.#align, bold: this.#bold, ...this.#size });
    this.#line = '';
  }

  #apply(command: ParsedCommand): void {
    if (command.type !== 'raster') this.#openImage = undefined;
    switch (command.type) {
      case 'char':
        this.#line += command.char;
        return;
      case 'lineFeed':
        this.#flushLine();
        return;
      case 'printAndFeed':
        if (this.#line) this.#flushLine();
        this.#print({ type: 'feed', lines: command.lines });
        return;
      case 'initialize':
        this.#reset();
        return;
      case 'justify':
        this.#align = command.align;
        return;
      case 'emphasize':
        this.#bold = command.on;
        return;
      case 'size':
        this.#size = { width: command.width, height: command.height };
        return;
      case 'qrModuleSize':
        this.#qr.moduleSize = command.dots;
        return;
      case 'qrErrorLevel':
        this.#qr.errorLevel = command.level;
        return;
      case 'qrStore':
        this.#qr.data = command.data;
        return;
      case 'qrPrint':
        if (this.#nativeQr && this.#qr.data) {
          this.#print({ type: 'qr', data: new TextDecoder().decode(this.#qr.data), moduleSize: this.#qr.moduleSize, errorLevel: this.#qr.errorLevel, align: this.#align });
        }
        return;
      case 'raster':
        this.#raster(command);
        return;
      case 'cut':
        if (this.#line) this.#flushLine();
        this.#print({ type: 'cut', partial: command.partial });
        return;
      default:
        // Chinese mode is the parser's business; QR model and anything else change nothing printed.
        return;
    }
  }

  /** A GS v 0 band; consecutive bands of one width are one picture on paper. */
  #raster(command: Extract<ParsedCommand, { type: 'raster' }>): void {
    const open = this.#openImage;
    if (open && open.widthBytes === command.widthBytes) {
      const before = open.item.image;
      const image = createBitmap(before.width, before.height + command.height);
      image.data.set(before.data);
      image.data.set(command.data, before.data.length);
      open.item.image = image;
      return;
    }
    const item: Extract<PrintedItem, { type: 'image' }> = { type: 'image', image: { width: command.widthBytes * 8, height: command.height, data: command.data }, align: this.#align };
    this.#print(item);
    this.#openImage = { item, widthBytes: command.widthBytes };
  }
}
