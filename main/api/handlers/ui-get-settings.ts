import type { UiSettings } from '../../../contracts/kiosk-api';
import type { KioskApiHandlers } from '../kiosk-api-server';

/** `ui.getSettings`: read at call time, so a settings push is seen by the next screen that asks. */
export function uiGetSettings(current: () => UiSettings): KioskApiHandlers['ui.getSettings'] {
  return () => current();
}
