// The update feed the platform hosts for electron-updater's generic provider: `/updates/<channel>/<file>` served from
// `<updatesDir>/<channel>/` (latest*.yml, installers, blockmaps). In a latest*.yml as served, `stagingPercentage` is
// the channel's value set from the ops console (when set), so a rollout is widened or stopped without rebuilding.
// A kiosk whose health check failed after an update reports it; the platform pins it to the version it went back to.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { UpdateReportAnswer, UpdateReportRequest } from '../../contracts/remote-operations';
import type { OpsAccounts, OpsPrincipal } from '../ops/ops-accounts';
import type { SyncDeps } from '../sync/outcome';

const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;
const CHANNEL = /^[a-z][a-z0-9-]{0,31}$/;

export function withStaging(yml: string, percentage: number): string {
  const lines = yml.split('\n').filter((line) => !/^stagingPercentage:/.test(line));
  const end = lines.at(-1) === '' ? lines.length - 1 : lines.length;
  lines.splice(end, 0, `stagingPercentage: ${percentage}`);
  return lines.join('\n');
}

export type FeedFile = { ok: true; body: Buffer | string; type: string } | { ok: false };

const YAML = 'text/yaml; charset=utf-8';

/** The `version:` line of a latest*.yml (no YAML library: one line). */
function offeredVersion(text: string): string | null {
  return /^version:\s*['"]?([^'"\s]+)/m.exec(text)?.[1] ?? null;
}

/** Numeric semver order of the release core; enough to tell whether the channel has moved past a failed version. */
function newer(a: string, b: string): boolean {
  const parts = (v: string) => v.split(/[-+]/)[0]?.split('.').map((n) => Number.parseInt(n, 10) || 0) ?? [];
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  return a.includes('-') ? false : b.includes('-');
}

/**
 * A pinned terminal's view of a latest*.yml: the pinned release's own file, kept as
 * `<channel>/releases/<version>/<latest*.yml>` (its installer stays in the channel folder), without a
 * stagingPercentage — going back is not part of any rollout. Only while the channel still offers the version that
 * failed (or an older one): once a newer release is out, the terminal sees the channel like everyone else.
 */
async function pinnedView(sync: SyncDeps, updatesDir: string, channel: string, name: string, current: string, terminalId: string): Promise<string | null> {
  const pin = await sync.storage.fleet.pin(terminalId);
  if (!pin || pin.channel !== channel) return null;
  const offered = offeredVersion(current);
  if (offered !== null && newer(offered, pin.failedVersion)) return null;
  if (!FILE_NAME.test(pin.version)) return null;
  return readFile(path.join(updatesDir, channel, 'releases', pin.version, name), 'utf8').catch(() => null);
}

/**
 * One file of the feed. `terminalId` (the feed URL's `?terminal=`) asks for that terminal's view: a pinned terminal
 * gets the release it is pinned to (the query string rather than a header, so a download cache in front of the
 * platform keys the two views apart without relying on `Vary`).
 */
export async function feedFile(sync: SyncDeps, updatesDir: string, channel: string, name: string, terminalId?: string): Promise<FeedFile> {
  if (!CHANNEL.test(channel) || !FILE_NAME.test(name)) return { ok: false };
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(updatesDir, channel, name));
  } catch {
    return { ok: false };
  }
  if (!/^latest.*\.yml$/.test(name)) return { ok: true, body: bytes, type: 'application/octet-stream' };
  const text = bytes.toString('utf8');
  const pinned = terminalId ? await pinnedView(sync, updatesDir, channel, name, text, terminalId) : null;
  if (pinned !== null) return { ok: true, body: pinned.split('\n').filter((line) => !/^stagingPercentage:/.test(line)).join('\n'), type: YAML };
  const staging = await sync.storage.fleet.staging(channel);
  return { ok: true, body: staging === undefined ? text : withStaging(text, staging), type: YAML };
}

export async function recordUpdateReport(sync: SyncDeps, accounts: OpsAccounts, terminalId: string, report: UpdateReportRequest): Promise<UpdateReportAnswer> {
  const actor = `terminal:${terminalId}`;
  if (report.outcome === 'installed') {
    await sync.storage.fleet.unpinTerminal(terminalId);
    await accounts.audit(actor, 'update.installed', terminalId, { channel: report.channel, from: report.fromVersion, to: report.toVersion });
    return { pinnedVersion: null };
  }
  await sync.storage.fleet.pinTerminal({ terminalId, channel: report.channel, version: report.fromVersion, failedVersion: report.toVersion, detail: report.detail, pinnedAt: sync.now() });
  await accounts.audit(actor, 'update.healthCheckFailed', terminalId, { channel: report.channel, from: report.fromVersion, to: report.toVersion, detail: report.detail });
  return { pinnedVersion: report.fromVersion };
}

/** Sets a channel's rollout as an ops user (the ops API and the console's updates page), audited. */
export async function setStagingAs(sync: SyncDeps, accounts: OpsAccounts, principal: OpsPrincipal, channel: string, stagingPercentage: number): Promise<void> {
  await sync.storage.fleet.setStaging(channel, stagingPercentage, sync.now(), principal.username);
  await accounts.audit(principal.username, 'update.staging', channel, { stagingPercentage });
}

export interface FeedChannel {
  channel: string;
  /** `latest*.yml` file → the `version:` it offers. */
  releases: { file: string; version: string | null }[];
}

/** The channels the feed folder holds, with the version each latest*.yml offers (no YAML library: one line). */
export async function feedChannels(updatesDir: string): Promise<FeedChannel[]> {
  const folders = await readdir(updatesDir, { withFileTypes: true }).catch(() => []);
  const channels = folders.filter((d) => d.isDirectory() && CHANNEL.test(d.name)).map((d) => d.name).sort();
  return Promise.all(
    channels.map(async (channel) => {
      const files = (await readdir(path.join(updatesDir, channel)).catch(() => [] as string[])).filter((f) => /^latest.*\.yml$/.test(f)).sort();
      const releases = await Promise.all(
        files.map(async (file) => {
          const text = await readFile(path.join(updatesDir, channel, file), 'utf8').catch(() => '');
          return { file, version: offeredVersion(text) };
        }),
      );
      return { channel, releases };
    }),
  );
}
