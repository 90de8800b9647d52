import type { KioskApiHandlers } from '../kiosk-api-server';

/** `system.ping`: echoes the nonce so the caller can pair the answer with its question. */
export function systemPing(now: () => Date = () => new Date()): KioskApiHandlers['system.ping'] {
  return ({ nonce }) => ({ nonce, receivedAt: now().toISOString() });
}
