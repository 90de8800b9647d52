import type { SimulationHub } from '../../../drivers/simulation/simulator-control';
import type { KioskApiHandlers } from '../kiosk-api-server';

/** `simulation.list`: what the simulated devices can be made to do; empty when every device is real. */
export function simulationList(hub: Pick<SimulationHub, 'list'>): KioskApiHandlers['simulation.list'] {
  return () => ({ devices: hub.list() });
}
