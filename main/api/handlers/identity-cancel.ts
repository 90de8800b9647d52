import type { IdentityService } from '../../services/identity-service';
import type { QrIdentityService } from '../../services/qr-identity-service';
import type { KioskApiHandlers } from '../kiosk-api-server';

/** `identity.cancel`: stops the session's card or QR wait when the citizen leaves that step. */
export function identityCancel(cards: IdentityService, codes: QrIdentityService): KioskApiHandlers['identity.cancel'] {
  return ({ sessionId, wait }) => ({ canceled: wait === 'card' ? cards.cancelRead(sessionId) : codes.cancelRead(sessionId) });
}
