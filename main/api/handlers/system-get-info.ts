import type { SystemInfo } from '../../../contracts/kiosk-api';
import type { KioskApiHandlers } from '../kiosk-api-server';

/** `system.getInfo`: fixed for the life of the process, so it is computed once by the composition root. */
export function systemGetInfo(info: SystemInfo): KioskApiHandlers['system.getInfo'] {
  return () => info;
}
