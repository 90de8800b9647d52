// The entry screen's wait for a staff card on the ID card reader, beside the PIN pad: started when the screen shows,
// waited again after each timeout or refused card, and stopped on the Node side when the screen goes (so the reader
// is not left waiting for a card nobody brings).
import { useEffect, useRef } from 'react';
import type { EnterWithCardResult } from '../../contracts/maintenance-api';
import { useKioskApi } from '../api/kiosk-api-context';

const waitSeconds = 60;

/** `onResult` gets every answer but the quiet ones (no card within the wait, or the wait canceled). */
export function useStaffCardWait(active: boolean, onResult: (result: EnterWithCardResult) => void): void {
  const api = useKioskApi();
  const latest = useRef(onResult);
  latest.current = onResult;

  useEffect(() => {
    if (!active) return;
    let stopped = false;
    async function waitForCards(): Promise<void> {
      while (!stopped) {
        const result = await api.invoke('maintenance.enterWithCard', { timeoutSeconds: waitSeconds }).catch(() => undefined);
        if (stopped || result === undefined) return;
        const quiet = !result.ok && result.code === 'cardNotRead' && (result.reason === 'timeOut' || result.reason === 'canceled');
        if (!quiet) latest.current(result);
        // Entered, locked, or a reader that does not work: the PIN is what is left.
        if (result.ok || result.code === 'locked' || result.code === 'notConfigured' || (result.code === 'cardNotRead' && result.reason !== 'timeOut')) return;
      }
    }
    void waitForCards();
    return () => {
      stopped = true;
      void api.invoke('maintenance.cancelCardWait', {}).catch(() => undefined);
    };
  }, [api, active]);
}
