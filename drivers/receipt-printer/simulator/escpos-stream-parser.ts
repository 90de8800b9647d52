// The simulator's reading of ESC/POS, written from reference/printing-scanning.md and the Epson command set — not
// from the encoder's tables — so a mistake in the encoder shows up as a wrong transcript instead of being agreed with.
// It takes a byte stream in arbitrary chunks, yields one event per command or printable character, and tolerates
// anything it does not know (reported as `unknown`, never thrown).
import iconv from 'iconv-lite';

export type Justification = 'left' | 'center' | 'right';

export type ParsedCommand =
  | { type: 'char'; char: string }
  | { type: 'lineFeed' }
  | { type: 'printAndFeed'; lines: number }
  | { type: 'initialize' }
  | { type: 'chineseMode'; on: boolean }
  | { type: 'justify'; align: Justification }
  | { type: 'emphasize'; on: boolean }
  | { type: 'size'; width: number; height: number }
  | { type: 'qrModel'; model: number }
  | { type: 'qrModuleSize'; dots: number }
  | { type: 'qrErrorLevel'; level: 'L' | 'M' | 'Q' | 'H' }
  | { type: 'qrStore'; data: Uint8Array }
  | { type: 'qrPrint' }
  | { type: 'raster'; mode: number; widthBytes: number; height: number; data: Uint8Array }
  | { type: 'cut'; partial: boolean; feed: number }
  | { type: 'statusRequest'; n: number }
  | { type: 'unknown'; bytes: Uint8Array };

/** Parse outcome at the head of the buffer: a command and its length, or "wait for more bytes". */
type Step = { command: ParsedCommand; length: number } | 'incomplete';

/** Raster commands bigger than this are taken as garbage rather than waited for (≈ 4 m of 80 mm paper). */
const MAX_RASTER_BYTES = 2_000_000;

export class EscPosStreamParser {
  #buffer: Uint8Array = new Uint8Array(0);
  #chinese = false;

  /** Adds bytes; returns every command now complete. */
  push(chunk: Uint8Array): ParsedCommand[] {
    const merged = new Uint8Array(this.#buffer.length + chunk.length);
    merged.set(this.#buffer);
    merged.set(chunk, this.#buffer.length);
    const commands: ParsedCommand[] = [];
    let at = 0;
    while (at < merged.length) {
      const step = this.#step(merged, at);
      if (step === 'incomplete') break;
      if (step.command.type === 'chineseMode') this.#chinese = step.command.on;
      if (step.command.type === 'initialize') this.#chinese = false;
      commands.push(step.command);
      at += step.length;
    }
    this.#buffer = merged.slice(at);
    return commands;
  }

  #step(b: Uint8Array, at: number): Step {
    const byte = b[at] as number;
    const need = (n: number): boolean => at + n <= b.length;
    const arg = (i: number): number => b[at + i] as number;
    const unknown = (length: number): Step => ({ command: { type: 'unknown', bytes: b.slice(at, at + length) }, length });
    switch (byte) {
      case 0x0a:
        return { command: { type: 'lineFeed' }, length: 1 };
      case 0x10: // DLE EOT n
        if (!need(2)) return 'incomplete';
        if (arg(1) !== 0x04) return unknown(1);
        if (!need(3)) return 'incomplete';
        return { command: { type: 'statusRequest', n: arg(2) }, length: 3 };
      case 0x1b: // ESC
        if (!need(2)) return 'incomplete';
        switch (arg(1)) {
          case 0x40:
            return { command: { type: 'initialize' }, length: 2 };
          case 0x61: // ESC a n: 0/48 left, 1/49 centre, 2/50 right
            if (!need(3)) return 'incomplete';
            return { command: { type: 'justify', align: (['left', 'center', 'right'] as const)[arg(2) % 48] ?? 'left' }, length: 3 };
          case 0x45: // ESC E n: only the lowest bit counts
            if (!need(3)) return 'incomplete';
            return { command: { type: 'emphasize', on: (arg(2) & 1) === 1 }, length: 3 };
          case 0x64: // ESC d n
            if (!need(3)) return 'incomplete';
            return { command: { type: 'printAndFeed', lines: arg(2) }, length: 3 };
          default:
            return unknown(2);
        }
      case 0x1c: // FS & / FS .
        if (!need(2)) return 'incomplete';
        if (arg(1) === 0x26) return { command: { type: 'chineseMode', on: true }, length: 2 };
        if (arg(1) === 0x2e) return { command: { type: 'chineseMode', on: false }, length: 2 };
        return unknown(2);
      case 0x1d: // GS
        if (!need(2)) return 'incomplete';
        switch (arg(1)) {
          case 0x21: // GS ! n: bits 4–6 width − 1, bits 0–2 height − 1
            if (!need(3)) return 'incomplete';
            return { command: { type: 'size', width: ((arg(2) >> 4) & 7) + 1, height: (arg(2) & 7) + 1 }, length: 3 };
          case 0x56: // GS V m [n]
            if (!need(3)) return 'incomplete';
            if ([0, 1, 48, 49].includes(arg(2))) return { command: { type: 'cut', partial: arg(2) % 48 === 1, feed: 0 }, length: 3 };
            if (arg(2) === 65 || arg(2) === 66) {
              if (!need(4)) return 'incomplete';
              return { command: { type: 'cut', partial: arg(2) === 66, feed: arg(3) }, length: 4 };
            }
            return unknown(3);
          case 0x76: // GS v 0 m xL xH yL yH d1…dk
            if (!need(3)) return 'incomplete';
            if (arg(2) !== 0x30) return unknown(3);
            if (!need(8)) return 'incomplete';
            {
              const widthBytes = arg(4) + 256 * arg(5);
              const height = arg(6) + 256 * arg(7);
              const size = widthBytes * height;
              if (size > MAX_RASTER_BYTES) return unknown(8);
              if (!need(8 + size)) return 'incomplete';
              return { command: { type: 'raster', mode: arg(3), widthBytes, height, data: b.slice(at + 8, at + 8 + size) }, length: 8 + size };
            }
          case 0x28: // GS ( k pL pH cn fn …
            if (!need(3)) return 'incomplete';
            if (arg(2) !== 0x6b) return unknown(3);
            if (!need(5)) return 'incomplete';
            {
              const count = arg(3) + 256 * arg(4);
              if (!need(5 + count)) return 'incomplete';
              return { command: qrFunction(b.slice(at + 5, at + 5 + count)), length: 5 + count };
            }
          default:
            return unknown(2);
        }
      default:
        if (byte < 0x20 || byte === 0x7f) return unknown(1);
        return this.#character(b, at);
    }
  }

  /** A printable character: ASCII, a code-page byte outside Chinese mode, or a GB18030 character inside it. */
  #character(b: Uint8Array, at: number): Step {
    const byte = b[at] as number;
    if (byte < 0x80) return { command: { type: 'char', char: String.fromCharCode(byte) }, length: 1 };
    // Outside Chinese mode a high byte is one code-page character; the simulator does not pretend to know which.
    if (!this.#chinese || byte === 0x80 || byte === 0xff) return { command: { type: 'char', char: '\ufffd' }, length: 1 };
    if (at + 2 > b.length) return 'incomplete';
    const second = b[at + 1] as number;
    // GB18030: two bytes (second 0x40–0xFE except 0x7F) or four (second and fourth 0x30–0x39).
    let length = second >= 0x30 && second <= 0x39 ? 4 : 2;
    if (length === 2 && (second < 0x40 || second === 0x7f || second === 0xff)) length = 1;
    if (at + length > b.length) return 'incomplete';
    return { command: { type: 'char', char: iconv.decode(Buffer.from(b.subarray(at, at + length)), 'gb18030') }, length };
  }
}

/** The body of GS ( k after pL pH: cn fn parameters. Only cn = 49 (QR code) is known here. */
function qrFunction(body: Uint8Array): ParsedCommand {
  const [cn, fn, p1] = body;
  if (cn !== 0x31) return { type: 'unknown', bytes: body };
  switch (fn) {
    case 0x41: // model: n1 = 49 model 1, 50 model 2, 51 micro
      return p1 === undefined ? { type: 'unknown', bytes: body } : { type: 'qrModel', model: p1 - 48 };
    case 0x43:
      return p1 === undefined ? { type: 'unknown', bytes: body } : { type: 'qrModuleSize', dots: p1 };
    case 0x45: {
      const level = p1 === undefined ? undefined : (['L', 'M', 'Q', 'H'] as const)[p1 - 48];
      return level ? { type: 'qrErrorLevel', level } : { type: 'unknown', bytes: body };
    }
    case 0x50: // store: m = 48, then the data
      return p1 === 0x30 ? { type: 'qrStore', data: body.slice(3) } : { type: 'unknown', bytes: body };
    case 0x51:
      return p1 === 0x30 ? { type: 'qrPrint' } : { type: 'unknown', bytes: body };
    default:
      return { type: 'unknown', bytes: body };
  }
}
