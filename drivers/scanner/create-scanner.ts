// Builds the configured scanner for the composition root: a SANE device through scanimage, or the simulator
// (registered in the SimulationHub). Either scans into `<dataDir>/scans` unless a scan names its own folder.
import path from 'node:path';
import type { DevicesConfig } from '../../kiosk-config/schema';
import type { SimulationHub } from '../simulation/simulator-control';
import { SaneScanner } from './sane-scanner';
import type { Scanner } from './scanner';
import { SimulatedScanner } from './scanner-simulator';

export interface ScannerContext {
  id: string;
  hub?: SimulationHub;
  dataDir?: string;
  /** scanimage's whole environment (SANE_CONFIG_DIR …) when the kiosk's own is not the one to use. */
  saneEnv?: Record<string, string>;
}

/** The running scanner; closing it stops polling and, for the simulator, removes its control from the hub. */
export async function createScanner(config: DevicesConfig['scanner'], context: ScannerContext): Promise<Scanner> {
  const scanDirectory = context.dataDir ? path.join(context.dataDir, 'scans') : undefined;
  if (config.kind === 'sane') {
    const scanner = new SaneScanner({ id: context.id, device: config.device, scanDirectory, env: context.saneEnv });
    await scanner.start();
    return scanner;
  }
  return new SimulatedScanner({ id: context.id, scanDirectory, hub: context.hub });
}
