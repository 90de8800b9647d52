// Builds the barcode reader the configuration asks for (kiosk-config/schema.ts, `devices.barcodeReader`) and starts
// it. For `simulated` it also starts the simulator and registers its control in the hub.
import type { z } from 'zod';
import type { BarcodeReaderConfig } from '../../kiosk-config/schema';
import type { SimulationHub } from '../simulation/simulator-control';
import { BarcodeReader } from './barcode-reader';
import { HidScanSource } from './hid-scan-source';
import { SerialScanSource } from './serial-scan-source';
import { BarcodeReaderSimulator } from './simulator';
import { type SimulatorLine, createInProcessLine, createPtyLine } from './simulator-line';

export type BarcodeReaderConfigEntry = z.output<typeof BarcodeReaderConfig>;

export interface RunningBarcodeReader {
  device: BarcodeReader;
  /** Only for `simulated`. */
  simulator?: BarcodeReaderSimulator;
  /** Closes the driver, then the simulator and its line, and unregisters the control. */
  close(): Promise<void>;
}

export interface CreateBarcodeReaderContext {
  id: string;
  hub?: SimulationHub;
  /** Told which line a simulated reader uses; the composition root logs it. */
  onNotice?: (message: string) => void;
}

export async function createBarcodeReader(config: BarcodeReaderConfigEntry, context: CreateBarcodeReaderContext): Promise<RunningBarcodeReader> {
  switch (config.kind) {
    case 'serial': {
      const device = new BarcodeReader(context.id, new SerialScanSource({ kind: 'serial', path: config.port, baudRate: config.baudRate }));
      await device.start();
      return { device, close: () => device.close() };
    }
    case 'hid': {
      const device = new BarcodeReader(context.id, new HidScanSource({ vendorId: config.vendorId, productId: config.productId }));
      await device.start();
      return { device, close: () => device.close() };
    }
    case 'simulated':
      return createSimulated(context);
  }
}

async function createSimulated(context: CreateBarcodeReaderContext): Promise<RunningBarcodeReader> {
  let line: SimulatorLine;
  try {
    line = await createPtyLine();
  } catch (error) {
    // Without socat the driver cannot run its serial stack against the simulator; framing, decoding and status
    // still run for real over an in-process pair, which is enough for a demo.
    line = createInProcessLine();
    context.onNotice?.(`simulated barcode reader without a pty (${error instanceof Error ? error.message : String(error)}); using an in-process line`);
  }
  const simulator = new BarcodeReaderSimulator(line);
  // Quick retries: a simulated unplug should recover as fast as a demo needs.
  const device = new BarcodeReader(context.id, new SerialScanSource(line.driverSpec, { open: line.open, retryMs: 100, maxRetryMs: 1_000 }));
  await device.start();
  const unregister = context.hub?.register(simulator.control(context.id));
  return {
    device,
    simulator,
    async close() {
      unregister?.();
      await device.close();
      await simulator.close();
    },
  };
}
