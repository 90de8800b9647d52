import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReceiptPrinterConfig } from '../../../kiosk-config/schema';
import { SimulationHub } from '../../simulation/simulator-control';
import { createReceiptPrinter } from '../create-receipt-printer';
import { inkDots, readPrintedReceipts, receiptsDir } from './receipt-decoder';

const fast = { pollIntervalMs: 0, replyTimeoutMs: 300, bundledFont: path.join(import.meta.dirname, '..', 'fonts', 'NotoSansCJKsc-Regular.otf') };

describe('receipts written by the simulated printer, decoded', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'receipt-jobs-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('one file per cut receipt, numbered on across restarts, holding text, raster lines and QR data', async () => {
    const document = {
      blocks: [
        { type: 'text' as const, text: '受理回执', align: 'center' as const },
        { type: 'text' as const, text: '申请人：蓝*䶮' },
        { type: 'qr' as const, data: 'https://zwfw.example.cn/p/370202-20261102-000001' },
        { type: 'cut' as const },
      ],
    };
    for (let start = 0; start < 2; start++) {
      const running = await createReceiptPrinter(ReceiptPrinterConfig.parse({ kind: 'simulated' }), { id: 'receipt-1', hub: new SimulationHub(), dataDir, options: fast });
      try {
        expect((await running.device.print(document)).code).toBe('success');
      } finally {
        await running.close();
      }
    }
    expect((await readdir(receiptsDir(dataDir))).sort()).toEqual(['1.bin', '2.bin']);
    const receipts = await readPrintedReceipts(dataDir);
    expect(receipts.map((r) => r.number)).toEqual([1, 2]);
    for (const { decoded } of receipts) {
      expect(decoded.lines).toEqual(['受理回执']);
      expect(decoded.images).toHaveLength(1);
      expect(inkDots(decoded.images[0]!)).toBeGreaterThan(100);
      expect(decoded.qrPayloads).toEqual(['https://zwfw.example.cn/p/370202-20261102-000001']);
      expect(decoded.cuts).toBe(1);
    }
  });

  it('no folder, no receipts', async () => {
    expect(await readPrintedReceipts(dataDir)).toEqual([]);
  });
});
