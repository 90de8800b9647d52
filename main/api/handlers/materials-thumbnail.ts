import type { MaterialsService } from '../../services/materials-service';
import type { KioskApiHandlers } from '../kiosk-api-server';

/** `materials.thumbnail`: a scanned page of the session as a small PNG data URL for the thumbnail strip. */
export function materialsThumbnail(materials: MaterialsService): KioskApiHandlers['materials.thumbnail'] {
  return async ({ sessionId, pageId }) => {
    const dataUrl = await materials.thumbnail(sessionId, pageId);
    return dataUrl === undefined ? { found: false } : { found: true, dataUrl };
  };
}
