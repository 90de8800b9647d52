import type { MaterialsService } from '../../services/materials-service';
import type { KioskApiHandlers } from '../kiosk-api-server';

/** `materials.scan`: pages into the session's folder; the screen gets page ids and sizes. */
export function materialsScan(materials: MaterialsService): KioskApiHandlers['materials.scan'] {
  return ({ sessionId, ...options }) => materials.scan(sessionId, options);
}
