// The staff commands of KioskApi (contracts/maintenance-api.ts), each a thin call into the MaintenanceService.
import type { maintenanceCommands } from '../../contracts/maintenance-api';
import type { KioskApiHandlers } from '../api/kiosk-api-server';
import type { MaintenanceService } from './maintenance-service';

export type MaintenanceCommand = keyof typeof maintenanceCommands;

export function maintenanceHandlers(service: MaintenanceService): Pick<KioskApiHandlers, MaintenanceCommand> {
  return {
    'maintenance.getEntry': () => service.entry(),
    'maintenance.enter': ({ pin }) => service.enter(pin),
    'maintenance.overview': ({ maintenanceId }) => service.overview(maintenanceId),
    'maintenance.restock': ({ maintenanceId }) => service.restock(maintenanceId),
    'maintenance.testDevice': ({ maintenanceId, deviceId, test, timeoutSeconds }) => service.testDevice(maintenanceId, deviceId, test, timeoutSeconds),
    'maintenance.forceSync': ({ maintenanceId }) => service.forceSync(maintenanceId),
    'maintenance.restartApp': ({ maintenanceId }) => service.restartApp(maintenanceId),
    'maintenance.reboot': ({ maintenanceId }) => service.reboot(maintenanceId),
    'maintenance.enterWithCard': ({ timeoutSeconds }) => service.enterWithCard(timeoutSeconds),
    'maintenance.cancelCardWait': () => service.cancelCardWait(),
    'maintenance.exportLogs': ({ maintenanceId }) => service.exportLogs(maintenanceId),
    'maintenance.setKioskMode': ({ maintenanceId, kioskMode }) => service.setKioskMode(maintenanceId, kioskMode),
    'maintenance.leave': ({ maintenanceId }) => service.leave(maintenanceId),
  };
}
