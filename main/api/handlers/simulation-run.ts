import type { SimulationHub } from '../../../drivers/simulation/simulator-control';
import type { KioskApiHandlers } from '../kiosk-api-server';

/** `simulation.run`: one simulator action; an action that throws is a refusal with its reason, not a crash. */
export function simulationRun(hub: Pick<SimulationHub, 'run'>): KioskApiHandlers['simulation.run'] {
  return async ({ deviceId, action, input }) => {
    try {
      return await hub.run(deviceId, action, input ?? {});
    } catch (error) {
      return { ok: false, reason: `${deviceId}.${action} failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500) };
    }
  };
}
