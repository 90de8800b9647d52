// The device classes the diagnostics CLI knows. Each class's commands live in drivers/<class>/cli.ts.
import { barcodeCli } from '../barcode-reader/cli';
import { printerCli } from '../document-printer/cli';
import { idcardCli } from '../idcard/cli';
import { receiptCli } from '../receipt-printer/cli';
import { scannerCli } from '../scanner/cli';
import type { DeviceCliRegistry } from './device-cli';

export const deviceCliRegistry: DeviceCliRegistry = {
  idcard: idcardCli,
  receipt: receiptCli,
  barcode: barcodeCli,
  printer: printerCli,
  scanner: scannerCli,
};
