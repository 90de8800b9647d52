import type { FaceService } from '../../services/face-service';
import type { KioskApiHandlers } from '../kiosk-api-server';

/** `identity.compareFace`: the live frame against the session's card photo, at the platform; the frame is not kept. */
export function identityCompareFace(faces: FaceService): KioskApiHandlers['identity.compareFace'] {
  return ({ sessionId, image }) => faces.compare(sessionId, image);
}
