import type { PrefillService } from '../../services/prefill-service';
import type { KioskApiHandlers } from '../kiosk-api-server';

/** `form.prefill`: card and shared-data values for the form, masked for the screen; the real ones stay in the session. */
export function formPrefill(prefill: PrefillService): KioskApiHandlers['form.prefill'] {
  return ({ sessionId, itemCode }) => prefill.prefill(sessionId, itemCode);
}
