import { useEffect, useState } from 'react';
import { useKioskApi } from '../api/kiosk-api-context';

export type QrReader = { state: 'waiting' } | { state: 'notReceipt' } | { state: 'unavailable' };

/** Waits for a receipt's QR code on the reader while `active`, again and again, and hands each reference found over. */
export function useReceiptQr(active: boolean, onReference: (reference: string) => void): QrReader {
  const api = useKioskApi();
  const [reader, setReader] = useState<QrReader>({ state: 'waiting' });
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    const wait = async () => {
      while (!stopped) {
        const answer = await api.invoke('progress.readReceiptQr', { timeoutSeconds: 30 }).catch(() => undefined);
        if (stopped) return;
        if (answer?.ok) return onReference(answer.reference);
        const code = answer?.error.code;
        if (code === 'notReceipt') setReader({ state: 'notReceipt' });
        // A reader that is missing or broken: say so once and let the citizen type instead.
        else if (code === undefined || code === 'deviceNotReady') return setReader({ state: 'unavailable' });
      }
    };
    void wait();
    return () => {
      stopped = true;
    };
  }, [api, active, onReference]);
  return reader;
}
