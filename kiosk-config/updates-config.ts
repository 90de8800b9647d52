// Software updates of the Electron shell (main/electron/kiosk-updater.ts, main/updates/): which feed channel the
// terminal follows, when it may install, how often it looks. Environment-neutral like the rest of the schema.
import { z } from 'zod';
import { UpdateChannel } from '../contracts/remote-operations';

const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day HH:MM');

export const UpdatesConfig = z.strictObject({
  /** Off: the shell never looks for updates (a terminal updated by its image, or a test bench). */
  enabled: z.boolean().default(true),
  /** The feed folder on the platform, `/updates/<channel>/`. */
  channel: UpdateChannel.default('latest'),
  /** When an update may be installed, China Standard Time; the window may cross midnight. */
  quietHours: z.strictObject({ start: TimeOfDay.default('02:00'), end: TimeOfDay.default('05:00') }).prefault({}),
  /** How often the feed is read (a small latest*.yml); downloads happen only when an install is due. */
  checkEveryMinutes: z.number().int().min(1).max(1440).default(15),
  /** After an update: how long the new version has to load its screen and reach the platform. */
  healthDeadlineSeconds: z.number().int().min(30).max(3600).default(300),
});
export type UpdatesConfig = z.output<typeof UpdatesConfig>;
