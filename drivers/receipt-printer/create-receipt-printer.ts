// Builds the receipt printer the configuration names (kiosk-config/schema.ts, `devices.receiptPrinter`): the real
// driver on a serial line, a USB printer device node or TCP — or, for `simulated`, the same real driver connected
// over TCP on 127.0.0.1 to a simulator started here, whose controls go into the simulation hub.
import path from 'node:path';
import type { z } from 'zod';
import type { ReceiptPrinterConfig } from '../../kiosk-config/schema';
import type { PortSpec } from '../common/byte-port';
import type { SimulationHub } from '../simulation/simulator-control';
import { ReceiptPrinter, type ReceiptPrinterOptions } from './receipt-printer';
import { PrinterSimulator } from './simulator/printer-simulator';

export type ReceiptPrinterConfigEntry = z.output<typeof ReceiptPrinterConfig>;

export interface ReceiptPrinterContext {
  /** The device id in events, e.g. `receipt-1`. */
  id: string;
  /** Where a simulated printer's controls are registered. */
  hub?: SimulationHub;
  /** A simulated printer writes each receipt's raw bytes to `<dataDir>/simulator/receipts/<n>.bin`; a real one keeps nothing. */
  dataDir?: string;
  /** Driver options the configuration does not carry (bundled font location, extra fonts, polling). */
  options?: Partial<Omit<ReceiptPrinterOptions, 'id' | 'port'>>;
}

export interface RunningReceiptPrinter {
  device: ReceiptPrinter;
  /** Closes the driver, and the simulator with its hub entry when there is one. */
  close(): Promise<void>;
}

function portOf(entry: Exclude<ReceiptPrinterConfigEntry, { kind: 'simulated' }>): PortSpec {
  switch (entry.kind) {
    case 'serial':
      return { kind: 'serial', path: entry.port, baudRate: entry.baudRate };
    case 'usb':
      return { kind: 'deviceNode', path: entry.devicePath };
    case 'tcp':
      return { kind: 'tcp', host: entry.host, port: entry.port };
  }
}

export async function createReceiptPrinter(entry: ReceiptPrinterConfigEntry, context: ReceiptPrinterContext): Promise<RunningReceiptPrinter> {
  if (entry.kind !== 'simulated') {
    const device = await ReceiptPrinter.open({ ...context.options, id: context.id, port: portOf(entry) });
    return { device, close: () => device.close() };
  }
  const simulator = new PrinterSimulator(context.dataDir ? { jobsDir: path.join(context.dataDir, 'simulator', 'receipts') } : {});
  const address = await simulator.serveTcp(0, '127.0.0.1');
  const unregister = context.hub?.register(simulator.control(context.id));
  const device = await ReceiptPrinter.open({ ...context.options, id: context.id, port: { kind: 'tcp', ...address } });
  return {
    device,
    async close() {
      await device.close();
      unregister?.();
      await simulator.close();
    },
  };
}
