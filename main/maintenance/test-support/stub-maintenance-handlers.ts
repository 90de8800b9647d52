// Staff commands for KioskApi servers in tests that are not about maintenance mode: no staff configured, no session.
import type { KioskApiHandlers } from '../../api/kiosk-api-server';
import type { MaintenanceCommand } from '../maintenance-handlers';

const notInMaintenance = { ok: false, code: 'notInMaintenance' } as const;

export const stubMaintenanceHandlers: Pick<KioskApiHandlers, MaintenanceCommand> = {
  'maintenance.getEntry': () => ({ gesture: { corner: 'topRight', taps: 5, withinSeconds: 3, sizePx: 64 }, configured: false, cardsAccepted: false, lockedUntil: null }),
  'maintenance.enter': () => ({ ok: false, code: 'notConfigured' }),
  'maintenance.overview': () => notInMaintenance,
  'maintenance.restock': () => notInMaintenance,
  'maintenance.testDevice': () => notInMaintenance,
  'maintenance.forceSync': () => notInMaintenance,
  'maintenance.restartApp': () => notInMaintenance,
  'maintenance.reboot': () => notInMaintenance,
  'maintenance.enterWithCard': () => ({ ok: false, code: 'notConfigured' }),
  'maintenance.cancelCardWait': () => ({ canceled: false }),
  'maintenance.exportLogs': () => notInMaintenance,
  'maintenance.setKioskMode': () => notInMaintenance,
  'maintenance.leave': () => ({ left: false }),
};
