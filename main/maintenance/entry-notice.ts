// The start-up lines about maintenance mode (`npm start`, the Electron shell): how to enter it and, for the demo
// configuration only, the demo PIN, as the platform prints its first admin's password.
import type { MaintenanceConfig } from '../../kiosk-config/maintenance-config';

const cornerNames = { topLeft: 'top-left', topRight: 'top-right', bottomLeft: 'bottom-left', bottomRight: 'bottom-right' } as const;

export function maintenanceEntryNotice(config: MaintenanceConfig): string[] {
  const { gesture } = config;
  const cards = config.staff.some((s) => s.cardHash !== undefined);
  const how = `Maintenance mode: tap the ${cornerNames[gesture.corner]} corner ${gesture.taps} times within ${gesture.withinSeconds} s, then enter a staff PIN${cards ? ' or present a staff card on the ID card reader' : ''}.`;
  if (config.demoPin !== undefined) return [how, `  demo staff PIN ${config.demoPin} (demo configuration only; real terminals list staff PIN hashes in maintenance.staff)`];
  if (config.staff.length === 0) return ['Maintenance mode: no staff PINs configured (maintenance.staff), so it cannot be entered.'];
  return [how];
}
