// How fonts/NotoSansCJKsc-Regular.otf was made: one face copied out of Debian's font collection, table by table and
// unchanged (only head.checkSumAdjustment is recomputed for the new file), so it stays the Original Version under the
// OFL. Run: npx tsx drivers/receipt-printer/fonts/extract-ttc-face.ts TTC POSTSCRIPT-NAME OUT.otf
import { readFileSync, writeFileSync } from 'node:fs';

function tableChecksum(bytes: Buffer): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 4) sum = (sum + bytes.readUInt32BE(i)) >>> 0;
  return sum;
}

function faceOffsets(ttc: Buffer): number[] {
  if (ttc.toString('latin1', 0, 4) !== 'ttcf') throw new Error('not a TrueType/OpenType collection');
  return Array.from({ length: ttc.readUInt32BE(8) }, (_, i) => ttc.readUInt32BE(12 + 4 * i));
}

function postscriptName(ttc: Buffer, face: number): string | undefined {
  const tables = readTables(ttc, face);
  const name = tables.find((t) => t.tag === 'name');
  if (!name) return undefined;
  const base = name.offset;
  const count = ttc.readUInt16BE(base + 2);
  const strings = base + ttc.readUInt16BE(base + 4);
  for (let i = 0; i < count; i++) {
    const r = base + 6 + 12 * i;
    const [platform, , , nameId, length, offset] = [0, 2, 4, 6, 8, 10].map((d) => ttc.readUInt16BE(r + d)) as [number, number, number, number, number, number];
    if (nameId === 6 && platform === 3) return Buffer.from(ttc.subarray(strings + offset, strings + offset + length)).swap16().toString('utf16le');
  }
  return undefined;
}

function readTables(ttc: Buffer, face: number): { tag: string; checksum: number; offset: number; length: number }[] {
  const count = ttc.readUInt16BE(face + 4);
  return Array.from({ length: count }, (_, i) => {
    const r = face + 12 + 16 * i;
    return { tag: ttc.toString('latin1', r, r + 4), checksum: ttc.readUInt32BE(r + 4), offset: ttc.readUInt32BE(r + 8), length: ttc.readUInt32BE(r + 12) };
  });
}

function extract(ttc: Buffer, face: number): Buffer {
  const tables = readTables(ttc, face);
  const headerLength = 12 + 16 * tables.length;
  const padded = (n: number): number => (n + 3) & ~3;
  const out = Buffer.alloc(headerLength + tables.reduce((n, t) => n + padded(t.length), 0));
  ttc.copy(out, 0, face, face + 12);
  let at = headerLength;
  tables.forEach((table, i) => {
    const r = 12 + 16 * i;
    out.write(table.tag, r, 'latin1');
    out.writeUInt32BE(table.checksum, r + 4);
    out.writeUInt32BE(at, r + 8);
    out.writeUInt32BE(table.length, r + 12);
    ttc.copy(out, at, table.offset, table.offset + table.length);
    at += padded(table.length);
  });
  const head = tables.findIndex((t) => t.tag === 'head');
  if (head >= 0) {
    const headAt = out.readUInt32BE(12 + 16 * head + 8);
    out.writeUInt32BE(0, headAt + 8);
    out.writeUInt32BE((0xb1b0afba - tableChecksum(out)) >>> 0, headAt + 8);
  }
  return out;
}

const [ttcPath, wanted, outPath] = process.argv.slice(2);
if (!ttcPath || !wanted || !outPath) {
  console.error('usage: extract-ttc-face.ts TTC POSTSCRIPT-NAME OUT.otf');
  process.exit(2);
}
const ttc = readFileSync(ttcPath);
const face = faceOffsets(ttc).find((offset) => postscriptName(ttc, offset) === wanted);
if (face === undefined) {
  console.error(`${wanted} is not in ${ttcPath}`);
  process.exit(1);
}
writeFileSync(outPath, extract(ttc, face));
