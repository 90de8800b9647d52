import { useEffect, useRef } from 'react';
import { useKioskApi } from '../api/kiosk-api-context';

/**
 * While a step waits for the citizen at a device, leaving the step (back, another way in) stops the wait on the Node
 * side (`identity.cancel`): otherwise it would hold the reader until its timeout and the next try would say "busy".
 * The end of the visit needs nothing from here: `session.end` stops every wait of the session.
 */
export function useCancelWaitOnLeave(sessionId: string, wait: 'card' | 'qr', waiting: boolean): void {
  const api = useKioskApi();
  const stillWaiting = useRef(waiting);
  stillWaiting.current = waiting;
  useEffect(
    () => () => {
      if (stillWaiting.current) void api.invoke('identity.cancel', { sessionId, wait }).catch(() => undefined);
    },
    [api, sessionId, wait],
  );
}
