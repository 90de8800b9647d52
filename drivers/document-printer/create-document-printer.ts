// Builds the configured document printer for the composition root: a CUPS queue, or the simulator (registered in the
// SimulationHub, printing into `<dataDir>/simulator/documents/<n>.pdf`).
import path from 'node:path';
import type { DevicesConfig } from '../../kiosk-config/schema';
import type { SimulationHub } from '../simulation/simulator-control';
import { CupsDocumentPrinter } from './cups-document-printer';
import type { DocumentPrinter } from './document-printer';
import { SimulatedDocumentPrinter } from './document-printer-simulator';

export interface DocumentPrinterContext {
  id: string;
  hub?: SimulationHub;
  /** The kiosk's data folder; the simulator writes printed jobs under it. */
  dataDir?: string;
  /** CUPS server (`host:port` or socket path) when it is not the local default; the config has no field for it yet. */
  cupsServer?: string;
}

/** The running printer; closing it stops polling and, for the simulator, removes its control from the hub. */
export async function createDocumentPrinter(config: DevicesConfig['documentPrinter'], context: DocumentPrinterContext): Promise<DocumentPrinter> {
  if (config.kind === 'cups') {
    const printer = new CupsDocumentPrinter({ id: context.id, queue: config.queue, server: context.cupsServer });
    await printer.start();
    return printer;
  }
  if (!context.dataDir) throw new TypeError('a simulated document printer needs dataDir for its printed output');
  return new SimulatedDocumentPrinter({ id: context.id, outputDir: path.join(context.dataDir, 'simulator', 'documents'), hub: context.hub });
}
