// What remote commands (main/commands/) do to the kiosk screen, as KioskApi commands and events merged into
// `kioskCommands` / `kioskEvents`: a reload, and a lock page (ops' lock, or maintenance announced from the
// platform) that stays until unlocked, also across restarts.
import { z } from 'zod';

export const ScreenLock = z.discriminatedUnion('locked', [
  z.strictObject({ locked: z.literal(false) }),
  z.strictObject({
    locked: z.literal(true),
    /** `remote`: ops locked the terminal; `maintenance`: ops announced maintenance on it. */
    reason: z.enum(['remote', 'maintenance']),
    /** Ops' words for citizens; null: the screen's standard text. */
    message: z.string().max(200).nullable(),
  }),
]);
export type ScreenLock = z.infer<typeof ScreenLock>;

export const remoteScreenCommands = {
  /** Whether the screen is locked now (asked at start; `screen.lockChanged` tells changes). */
  'screen.getLock': { input: z.strictObject({}), output: ScreenLock },
} as const;

export const remoteScreenEvents = {
  /** Reload the page now (a remote `reloadUi`; sent only while no citizen session is open). */
  'screen.reload': z.strictObject({}),
  'screen.lockChanged': ScreenLock,
} as const;
