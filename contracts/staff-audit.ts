// What the kiosk reports of its branch staff's actions (maintenance mode, main/maintenance/): who, what, when.
// Carried by heartbeats (`HeartbeatRequest.staffActions`), so the platform keeps them with the heartbeat history.
// Delivery is at least once: a heartbeat whose answer was lost is sent again with the same entries, so the platform
// and ops take (terminal, seq) as an entry's identity. Nothing personal: staff numbers, device ids, short details.
import { z } from 'zod';

export const StaffActionKind = z.enum([
  'enter',
  /** A wrong PIN; `staffId` is null (nobody was identified). */
  'enterFailed',
  /** The wrong PIN that locked the entry. */
  'lockedOut',
  'leave',
  /** Maintenance mode ended by itself after the staff left the screen alone. */
  'expired',
  'restock',
  'testDevice',
  'forceSync',
  'restartApp',
  'reboot',
  /** Logs written to a USB drive (the detail says how much, or why not). */
  'exportLogs',
  /** The window left kiosk mode for maintenance, or went back (`detail`). */
  'kioskMode',
]);
export type StaffActionKind = z.infer<typeof StaffActionKind>;

export const StaffAction = z.strictObject({
  /** 1, 2, 3 … per terminal, never reused. */
  seq: z.number().int().positive(),
  at: z.iso.datetime(),
  staffId: z.string().min(1).max(32).nullable(),
  action: StaffActionKind,
  /** e.g. `receipt-1 printReceipt: success`. */
  detail: z.string().max(200).optional(),
});
export type StaffAction = z.infer<typeof StaffAction>;

/** At most this many per heartbeat; more wait for the next one. */
export const maxStaffActionsPerHeartbeat = 100;
