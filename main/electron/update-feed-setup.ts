// Points electron-updater at the platform's feed for this terminal: the generic provider at
// `<platform>/updates/<channel>/?terminal=<id>` (electron-updater keeps the base URL's query on every request, for
// latest*.yml and the installer alike; the platform answers a pinned terminal with its pinned release), and the
// staging id in `<userData>/.updaterId` set to the terminal's own (update-policy.ts `stagingUserId`), so
// electron-updater's rollout bucket is the one the policy computes.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppUpdater } from 'electron-updater';
import { ensureDirectory, fsyncDirectory, writeFileAtomically } from '../outbox/durable-files';
import { stagingUserId } from '../updates/update-policy';
import type { ShellLogger } from './shell-logger';

export function feedUrl(platformUrl: string, channel: string, terminalId: string): string {
  const base = new URL(platformUrl);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const url = new URL(`updates/${encodeURIComponent(channel)}/`, base);
  url.search = new URLSearchParams({ terminal: terminalId }).toString();
  return url.href;
}

/** Writes the terminal's staging id where electron-updater reads it (only when it differs). */
export async function writeStagingId(userDataDir: string, terminalId: string): Promise<void> {
  const id = stagingUserId(terminalId);
  const current = await readFile(path.join(userDataDir, '.updaterId'), 'utf8').catch(() => null);
  if (current === id) return;
  await ensureDirectory(userDataDir);
  await writeFileAtomically(userDataDir, '.updaterId', Buffer.from(id));
  await fsyncDirectory(userDataDir);
}

/** electron-updater's logger: plain strings in, the shell's structured logger out. */
function updaterLog(logger: ShellLogger): NonNullable<AppUpdater['logger']> {
  const line = (message: unknown): string => String(message).split('\n')[0]?.slice(0, 500) ?? '';
  return {
    info: (message?: unknown) => logger.info({ component: 'electron-updater' }, line(message)),
    warn: (message?: unknown) => logger.warn({ component: 'electron-updater' }, line(message)),
    error: (message?: unknown) => logger.error({ component: 'electron-updater' }, line(message)),
  };
}

export async function pointUpdaterAtFeed(
  updater: AppUpdater,
  options: { platformUrl: string; channel: string; terminalId: string; userDataDir: string; logger: ShellLogger },
): Promise<void> {
  // Downloading and installing are the update loop's decisions (kiosk-updater.ts), never electron-updater's own: set
  // before anything can check, or a check would start a download by itself.
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;
  await writeStagingId(options.userDataDir, options.terminalId);
  // Not `updater.channel`: that names the feed file (and turns on allowDowngrade); our channel is the folder.
  updater.setFeedURL({ provider: 'generic', url: feedUrl(options.platformUrl, options.channel, options.terminalId) });
  updater.logger = updaterLog(options.logger);
}
