import type { SessionStore } from '../../services/session-store';
import type { KioskApiHandlers } from '../kiosk-api-server';

/** `session.end`: the wipe; answers once the card is dropped and the session's files are deleted. */
export function sessionEnd(sessions: SessionStore): KioskApiHandlers['session.end'] {
  return async ({ sessionId }) => ({ ended: await sessions.end(sessionId) });
}
