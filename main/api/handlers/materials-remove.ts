import type { MaterialsService } from '../../services/materials-service';
import type { KioskApiHandlers } from '../kiosk-api-server';

/** `materials.remove`: deletes one scanned page of the session. */
export function materialsRemove(materials: MaterialsService): KioskApiHandlers['materials.remove'] {
  return async ({ sessionId, pageId }) => ({ removed: await materials.remove(sessionId, pageId) });
}
