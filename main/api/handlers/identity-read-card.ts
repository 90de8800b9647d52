import type { IdentityService } from '../../services/identity-service';
import type { KioskApiHandlers } from '../kiosk-api-server';

/** `identity.readCard`: waits for a card; the screen gets the masked summary, the session keeps the card. */
export function identityReadCard(identity: IdentityService): KioskApiHandlers['identity.readCard'] {
  return ({ sessionId, timeoutSeconds }) => identity.readCard(sessionId, timeoutSeconds);
}
