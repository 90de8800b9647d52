// Builds every device the configuration names (kiosk-config/schema.ts `devices`): real drivers on their ports, or
// the same drivers against simulators whose controls go into one SimulationHub. Part of the composition root.
import path from 'node:path';
import type { DeviceSummary } from '../../contracts/sync-api';
import type { DeviceStatus } from '../../contracts/device-model';
import { type BarcodeReader } from '../../drivers/barcode-reader/barcode-reader';
import { createBarcodeReader } from '../../drivers/barcode-reader/create-barcode-reader';
import type { CameraStatus } from '../../drivers/camera/camera-status';
import { createCameraStatus } from '../../drivers/camera/create-camera-status';
import type { Device } from '../../drivers/common/device';
import { createDocumentPrinter } from '../../drivers/document-printer/create-document-printer';
import type { DocumentPrinter } from '../../drivers/document-printer/document-printer';
import { createIdCardReader } from '../../drivers/idcard/create-id-card-reader';
import type { IdCardReader } from '../../drivers/idcard/id-card-reader';
import { createReceiptPrinter } from '../../drivers/receipt-printer/create-receipt-printer';
import type { ReceiptPrinter } from '../../drivers/receipt-printer/receipt-printer';
import { createScanner } from '../../drivers/scanner/create-scanner';
import type { Scanner } from '../../drivers/scanner/scanner';
import { SimulationHub } from '../../drivers/simulation/simulator-control';
import type { DevicesConfig } from '../../kiosk-config/schema';

export interface KioskDevices {
  idCardReader: IdCardReader;
  receiptPrinter: ReceiptPrinter;
  documentPrinter: DocumentPrinter;
  scanner: Scanner;
  barcodeReader: BarcodeReader;
  camera: CameraStatus;
}

export interface RunningDevices {
  devices: KioskDevices;
  /** Scripts the simulated devices (tests, the demo, the staff screen); empty when every device is real. */
  hub: SimulationHub;
  /** One line per device for heartbeats and the staff screen: state and conditions, nothing personal. */
  summaries(): DeviceSummary[];
  close(): Promise<void>;
}

/** Fixed ids: a kiosk has one device of each class; ids name them in events, logs and heartbeats. */
const ids = {
  idCardReader: 'idcard-1',
  receiptPrinter: 'receipt-1',
  documentPrinter: 'printer-1',
  scanner: 'scanner-1',
  barcodeReader: 'barcode-1',
  camera: 'camera-1',
} as const;

export async function createDevices(options: {
  config: DevicesConfig;
  dataDir: string;
  /** Where the repository's (or the package's) files are: the bundled receipt font and the camera still live there. */
  projectRoot: string;
  onNotice?: (message: string) => void;
}): Promise<RunningDevices> {
  const { config, dataDir, projectRoot } = options;
  const hub = new SimulationHub();
  const closers: (() => Promise<void>)[] = [];

  try {
    const idCard = await createIdCardReader(config.idCardReader, { id: ids.idCardReader, hub });
    closers.push(() => idCard.close());
    const receipt = await createReceiptPrinter(config.receiptPrinter, {
      id: ids.receiptPrinter,
      hub,
      dataDir,
      options: { bundledFont: path.join(projectRoot, 'drivers', 'receipt-printer', 'fonts', 'NotoSansCJKsc-Regular.otf') },
    });
    closers.push(() => receipt.close());
    const documentPrinter = await createDocumentPrinter(config.documentPrinter, { id: ids.documentPrinter, hub, dataDir });
    closers.push(() => documentPrinter.close());
    const scanner = await createScanner(config.scanner, { id: ids.scanner, hub, dataDir });
    closers.push(() => scanner.close());
    const barcode = await createBarcodeReader(config.barcodeReader, { id: ids.barcodeReader, hub, onNotice: options.onNotice });
    closers.push(() => barcode.close());
    const camera = await createCameraStatus(config.camera, {
      id: ids.camera,
      hub,
      stillImagePath: path.join(projectRoot, 'drivers', 'camera', 'simulator-still.mjpeg'),
    });
    closers.push(() => camera.close());

    const devices: KioskDevices = {
      idCardReader: idCard.device,
      receiptPrinter: receipt.device,
      documentPrinter,
      scanner,
      barcodeReader: barcode.device,
      camera: camera.device,
    };
    return {
      devices,
      hub,
      summaries: () => Object.values(devices).map((device: Device<DeviceSummary['class']>) => summarize(device)),
      close: () => closeAll(closers),
    };
  } catch (error) {
    await closeAll(closers);
    throw error;
  }
}

async function closeAll(closers: (() => Promise<void>)[]): Promise<void> {
  // Newest first, and every one even when another fails: a port left open blocks the next start.
  for (const close of closers.reverse()) await close().catch(() => {});
}

function summarize(device: Device<DeviceSummary['class']>): DeviceSummary {
  const status = device.status();
  return { id: device.id, class: device.deviceClass, state: status.common.device, conditions: conditionsOf(status) };
}

/** Short names of what staff must act on, from the class part of a status. */
export function conditionsOf(status: DeviceStatus): string[] {
  const conditions: string[] = [];
  const part = Object.entries(status).find(([key]) => key !== 'common')?.[1] as Record<string, unknown> | undefined;
  if (!part) return conditions;
  const paper = part.paper as Record<string, string> | undefined;
  for (const state of Object.values(paper ?? {})) {
    if (state === 'low') conditions.push('paperLow');
    if (state === 'out') conditions.push('paperOut');
    if (state === 'jammed') conditions.push('paperJammed');
  }
  for (const supply of ['toner', 'ink'] as const) {
    const state = part[supply];
    if (state === 'low' || state === 'out') conditions.push(`${supply}${state === 'low' ? 'Low' : 'Out'}`);
  }
  if (part.cover === 'open') conditions.push('coverOpen');
  if (part.cutter === 'fault') conditions.push('cutterFault');
  if (part.media === 'jammed') conditions.push('mediaJammed');
  if (part.feeder === 'jammed') conditions.push('feederJammed');
  return [...new Set(conditions)];
}
