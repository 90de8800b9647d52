import type { SessionStore } from '../../services/session-store';
import type { KioskApiHandlers } from '../kiosk-api-server';

/** `session.start`: a new citizen. */
export function sessionStart(sessions: SessionStore): KioskApiHandlers['session.start'] {
  return () => ({ sessionId: sessions.start().id });
}
