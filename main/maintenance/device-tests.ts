// The per-device tests of the maintenance screen: a test receipt, an A4 test page, a scan, a card read, a code read.
// What comes back is for staff and the audit log: completion codes, sizes and card types, never what a card or a
// code holds, and a test scan is deleted at once (someone's document may have been on the glass).
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { CompletionCode, DeviceClass } from '../../contracts/device-model';
import type { DeviceTest } from '../../contracts/maintenance-api';
import { type CjkFont, renderTestPage } from '../../drivers/document-printer/test-page';
import { testReceipt } from '../../drivers/receipt-printer/test-receipt';
import type { KioskDevices } from '../composition/create-devices';

export type TestOutcome = { code: CompletionCode; detail: string };

export const testsByClass: Record<DeviceClass, DeviceTest[]> = {
  receiptPrinter: ['printReceipt'],
  documentPrinter: ['printPage'],
  scanner: ['scan'],
  idCardReader: ['readCard'],
  barcodeReader: ['readCode'],
  // The camera is opened by the screen (getUserMedia); the Node side only tracks its status.
  camera: [],
};

export interface DeviceTestOptions {
  devices: Pick<KioskDevices, 'receiptPrinter' | 'documentPrinter' | 'scanner' | 'idCardReader' | 'barcodeReader'>;
  terminal: { id: string; name: string };
  /** The A4 test page's font; without one the page test reports `unsupported`. */
  font: CjkFont | undefined;
  /** A folder for the test scan, deleted after it. */
  scratchDir: string;
  now: () => number;
}

export async function runDeviceTest(test: DeviceTest, timeoutSeconds: number, options: DeviceTestOptions): Promise<TestOutcome> {
  const { devices } = options;
  const timeoutMs = timeoutSeconds * 1000;
  switch (test) {
    case 'printReceipt': {
      const done = await devices.receiptPrinter.print(testReceipt(`${options.terminal.name} (${options.terminal.id})`, new Date(options.now())));
      return done.code === 'success' ? { code: 'success', detail: `${done.value.bytesSent} bytes sent` } : failed(done);
    }
    case 'printPage': {
      if (!options.font) return { code: 'unsupported', detail: 'no CJK font for the test page' };
      const page = await renderTestPage({
        font: options.font,
        details: [
          ['终端 / terminal', options.terminal.id],
          ['设备 / device', devices.documentPrinter.id],
        ],
        marker: 'GOV-KIOSK MAINTENANCE TEST PAGE',
        printedAt: new Date(options.now()),
      });
      const done = await devices.documentPrinter.print(page);
      return done.code === 'success' ? { code: 'success', detail: 'page sent to the printer' } : failed(done);
    }
    case 'scan': {
      const directory = await mkdtemp(path.join(options.scratchDir, 'scan-'));
      try {
        const done = await devices.scanner.scan({ directory, maxPages: 1, resolutionDpi: 75, mode: 'gray', timeoutMs });
        if (done.code !== 'success') return { code: done.code, detail: done.message };
        return { code: 'success', detail: `${done.value.length} page(s), ${done.value.reduce((sum, p) => sum + p.bytes, 0)} bytes` };
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
    }
    case 'readCard': {
      const done = await devices.idCardReader.read({ timeoutMs });
      return done.code === 'success' ? { code: 'success', detail: `card read: ${done.value.text.cardType}` } : failed(done);
    }
    case 'readCode': {
      const done = await devices.barcodeReader.read({ timeoutMs });
      return done.code === 'success' ? { code: 'success', detail: `code read: ${done.value.text.length} characters${done.value.symbology ? `, ${done.value.symbology.name}` : ''}` } : failed(done);
    }
  }
}

function failed(done: { code: CompletionCode; message: string }): TestOutcome {
  return { code: done.code, detail: done.message };
}
