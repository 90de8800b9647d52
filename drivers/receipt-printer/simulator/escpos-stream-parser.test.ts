// Vectors typed from reference/printing-scanning.md (and the Epson command set for ESC a / ESC E / GS ! / ESC d),
// never produced by the encoder.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EscPosStreamParser, type ParsedCommand } from './escpos-stream-parser';

const hex = (text: string): Uint8Array => Uint8Array.from(text.trim().split(/\s+/), (b) => parseInt(b, 16));

function parseAll(bytes: Uint8Array, chunkSize = bytes.length || 1): ParsedCommand[] {
  const parser = new EscPosStreamParser();
  const out: ParsedCommand[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) out.push(...parser.push(bytes.subarray(i, i + chunkSize)));
  return out;
}

const receipt = hex(`
  1B 40
  1B 61 01  1B 45 01  1D 21 11
  1C 26 CA DC C0 ED 1C 2E 0A
  1D 21 00  1B 45 00  1B 61 00
  4E 6F 2E 31 20 1C 26 CD F5 1C 2E 0A
  1C 26 95 34 B2 35 1C 2E 0A
  1D 28 6B 04 00 31 41 32 00
  1D 28 6B 03 00 31 43 06
  1D 28 6B 03 00 31 45 31
  1D 28 6B 05 00 31 50 30 41 42
  1D 28 6B 03 00 31 51 30
  1D 76 30 00 02 00 02 00 80 00 00 40
  10 04 04
  1B 64 03
  1D 56 41 00
  1D 56 01
`);

describe('simulator ESC/POS parser', () => {
  it('reads the commands of the reference', () => {
    const commands = parseAll(receipt).filter((c) => c.type !== 'char');
    expect(commands.map((c) => c.type)).toEqual([
      'initialize',
      'justify', 'emphasize', 'size', 'chineseMode', 'chineseMode', 'lineFeed',
      'size', 'emphasize', 'justify',
      'chineseMode', 'chineseMode', 'lineFeed',
      'chineseMode', 'chineseMode', 'lineFeed',
      'qrModel', 'qrModuleSize', 'qrErrorLevel', 'qrStore', 'qrPrint',
      'raster', 'statusRequest', 'printAndFeed', 'cut', 'cut',
    ]);
    expect(commands).toContainEqual({ type: 'size', width: 2, height: 2 });
    expect(commands).toContainEqual({ type: 'qrModel', model: 2 });
    expect(commands).toContainEqual({ type: 'qrModuleSize', dots: 6 });
    expect(commands).toContainEqual({ type: 'qrErrorLevel', level: 'M' });
    expect(commands).toContainEqual({ type: 'qrStore', data: hex('41 42') });
    expect(commands).toContainEqual({ type: 'raster', mode: 0, widthBytes: 2, height: 2, data: hex('80 00 00 40') });
    expect(commands).toContainEqual({ type: 'statusRequest', n: 4 });
    expect(commands).toContainEqual({ type: 'cut', partial: false, feed: 0 });
    expect(commands).toContainEqual({ type: 'cut', partial: true, feed: 0 });
  });

  it('decodes Chinese-mode text as GB18030, including four-byte characters', () => {
    const text = parseAll(receipt).flatMap((c) => (c.type === 'char' ? [c.char] : c.type === 'lineFeed' ? ['\n'] : [])).join('');
    expect(text).toBe('受理\nNo.1 王\n𠮷\n');
  });

  it('gives the same commands however the stream is cut into chunks', () => {
    const whole = parseAll(receipt);
    for (const size of [1, 2, 3, 5, 7, 64]) expect(parseAll(receipt, size)).toEqual(whole);
  });

  it('does not read high bytes as Chinese outside Chinese mode', () => {
    expect(parseAll(hex('CD F5 0A')).map((c) => (c.type === 'char' ? c.char : c.type))).toEqual(['\ufffd', '\ufffd', 'lineFeed']);
  });

  it('tolerates unknown commands and carries on', () => {
    const commands = parseAll(hex('1B 74 11 41 1D 99 42 07 0A'));
    expect(commands.map((c) => c.type)).toEqual(['unknown', 'unknown', 'char', 'unknown', 'char', 'unknown', 'lineFeed']);
  });

  it('never throws or stalls on random or mutated input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 50 }), (bytes, chunk) => {
        parseAll(bytes, chunk);
      }),
      { numRuns: 2_000 },
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(receipt.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), (edits) => {
        const mutated = Uint8Array.from(receipt);
        for (const [at, value] of edits) mutated[at] = value;
        parseAll(mutated, 7);
      }),
      { numRuns: 2_000 },
    );
  });
});
