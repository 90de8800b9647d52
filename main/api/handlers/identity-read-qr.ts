import type { QrIdentityService } from '../../services/qr-identity-service';
import type { KioskApiHandlers } from '../kiosk-api-server';

/** `identity.readQr`: waits for a network ID / app code on the QR reader and has the platform verify it. */
export function identityReadQr(qr: QrIdentityService): KioskApiHandlers['identity.readQr'] {
  return ({ sessionId, timeoutSeconds }) => qr.read(sessionId, timeoutSeconds);
}
