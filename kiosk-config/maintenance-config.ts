// Branch-staff maintenance mode (main/maintenance/): the hidden entry, staff PINs, the lockout and the privileged
// hooks. Environment-neutral like the rest of the schema.
import { z } from 'zod';
import { MaintenanceGesture } from '../contracts/maintenance-api';

/** `scrypt$<log2 N>$<r>$<p>$<salt b64url>$<hash b64url>`, as `npx tsx main/maintenance/hash-pin-cli.ts [--card]` prints it. */
const PinHash = z.string().regex(/^scrypt\$\d{1,2}\$\d{1,2}\$\d{1,2}\$[A-Za-z0-9_-]{16,}\$[A-Za-z0-9_-]{32,}$/, 'a scrypt PIN hash (npx tsx main/maintenance/hash-pin-cli.ts)');

export const StaffAccount = z.strictObject({
  /** Who did it, in the audit log and at the platform: a staff number, never a person's ID number. */
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/),
  /** Shown on the maintenance screen ("王工"); optional. */
  name: z.string().min(1).max(32).optional(),
  pinHash: PinHash.optional(),
  /** The hash of the number on the staff member's card (ID number), read on the ID card reader instead of a PIN. */
  cardHash: PinHash.optional(),
  /** May take the window out of kiosk mode during maintenance (it shows the OS session behind it): senior staff only. */
  canLeaveKioskMode: z.boolean().default(false),
}).refine((s) => s.pinHash !== undefined || s.cardHash !== undefined, 'a staff member needs a pinHash or a cardHash');
export type StaffAccount = z.infer<typeof StaffAccount>;

/** A program and its arguments, run without a shell: an absolute path, so PATH cannot substitute another program. */
const Command = z.array(z.string().min(1).max(500)).min(1).max(20).refine((argv) => argv[0]?.startsWith('/'), 'the first element must be an absolute path');

export const MaintenanceConfig = z.strictObject({
  gesture: z
    .strictObject({
      corner: MaintenanceGesture.shape.corner.default('topRight'),
      taps: MaintenanceGesture.shape.taps.default(5),
      withinSeconds: MaintenanceGesture.shape.withinSeconds.default(3),
      sizePx: MaintenanceGesture.shape.sizePx.default(64),
    })
    .prefault({}),
  /** Staff who may enter, each with a unique PIN. Empty: maintenance mode cannot be entered (unless `demoPin`). */
  staff: z.array(StaffAccount).max(50).default([]),
  /**
   * DEMO ONLY: a PIN in clear for the demo configuration, hashed at start and printed by `npm start` as the staff
   * `demo`. Never set it on a terminal in a branch.
   */
  demoPin: z.string().regex(/^[0-9]{4,12}$/).optional(),
  lockout: z
    .strictObject({
      /** Wrong PINs in a row before the entry locks. */
      maxFailures: z.number().int().min(1).max(20).default(5),
      minutes: z.number().int().min(1).max(24 * 60).default(15),
    })
    .prefault({}),
  /** Maintenance mode ends by itself after this long without a staff action. */
  idleMinutes: z.number().int().min(1).max(120).default(10),
  /** The narrow privileged hook that reboots the terminal, e.g. ["/usr/bin/sudo", "-n", "/usr/local/sbin/gov-kiosk-reboot"]. Absent: no reboot button. */
  rebootCommand: Command.optional(),
  /** Where removable drives are mounted (Linux: udisks under /media/<user> and /run/media/<user>); logs go to the first. */
  usbMountRoots: z.array(z.string().regex(/^\//, 'an absolute path')).min(1).max(10).default(['/media', '/run/media']),
});
export type MaintenanceConfig = z.output<typeof MaintenanceConfig>;
