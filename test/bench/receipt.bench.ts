// ESC/POS encode time of a typical receipt: case number, item name, a masked applicant name with a rare character
// (so one line goes through the bundled font and the rasterizer), time, terminal, QR code. Encoding only — no I/O.
import type { BenchFigure, Benchmark } from './bench';
import { percentile } from './bench';
import { DEFAULT_ENCODER_OPTIONS, encodeReceipt, receiptBytes } from '../../drivers/receipt-printer/escpos-encoder';
import type { ReceiptDocument } from '../../drivers/receipt-printer/receipt-document';
import { GlyphFonts } from '../../drivers/receipt-printer/text-raster';

const RUNS = 500;

const receipt: ReceiptDocument = {
  blocks: [
    { type: 'text', text: '政务服务受理回执', align: 'center', bold: true, width: 2, height: 2 },
    { type: 'separator' },
    { type: 'text', text: '受理编号：3301062024110500123' },
    { type: 'text', text: '办理事项：居民身份证换领（到期换领）' },
    { type: 'text', text: '申请人：*䶮' },
    { type: 'text', text: '受理时间：2024-11-05 14:32:08' },
    { type: 'text', text: '终端：HZ-XH-0012 西湖区政务e站' },
    { type: 'separator' },
    { type: 'qr', data: 'https://zwfw.example.cn/progress?id=3301062024110500123', moduleSize: 6, errorLevel: 'M' },
    { type: 'feed', lines: 3 },
    { type: 'cut' },
  ],
};

function timeRuns(qrCode: 'native' | 'raster', fonts: GlyphFonts): { samples: number[]; bytes: number } {
  const options = { ...DEFAULT_ENCODER_OPTIONS, qrCode, fonts };
  let bytes = 0;
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    bytes = receiptBytes(encodeReceipt(receipt, options)).length;
    samples.push(performance.now() - start);
  }
  return { samples, bytes };
}

const bench: Benchmark = {
  name: 'receipt printer: ESC/POS encoding',
  async run(): Promise<BenchFigure[]> {
    const fonts = new GlyphFonts();
    const coldStart = performance.now();
    encodeReceipt(receipt, { ...DEFAULT_ENCODER_OPTIONS, fonts });
    const cold = performance.now() - coldStart;
    const native = timeRuns('native', fonts);
    const raster = timeRuns('raster', fonts);
    return [
      { key: 'receipt.encode.ms.p50', value: percentile(native.samples, 50), unit: 'ms', note: `typical receipt, native QR, p50 of ${RUNS}` },
      { key: 'receipt.encode.ms.p95', value: percentile(native.samples, 95), unit: 'ms', note: `same, p95` },
      { key: 'receipt.encode.bytes', value: native.bytes, unit: 'B', note: 'ESC/POS bytes of that receipt (a serial line at 9600 baud carries ≈ 960 B/s)' },
      { key: 'receipt.encode.rasterQr.ms.p50', value: percentile(raster.samples, 50), unit: 'ms', note: `same receipt, QR as a raster image, p50 of ${RUNS}` },
      { key: 'receipt.encode.rasterQr.bytes', value: raster.bytes, unit: 'B', note: 'bytes with the raster QR' },
      { key: 'receipt.encode.cold.ms', value: cold, unit: 'ms', note: 'first encode in a process: opens the bundled 16 MB font' },
    ];
  },
};

export default bench;
