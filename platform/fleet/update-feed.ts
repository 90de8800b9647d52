// The update feed the platform hosts for electron-updater's generic provider: `/updates/<channel>/<file>` served from
// `<updatesDir>/<channel>/` (latest*.yml, installers, blockmaps). In a latest*.yml as served, `stagingPercentage` is
// the channel's value set from the ops console (when set), so a rollout is widened or stopped without rebuilding.
// A kiosk whose health check failed after an update reports it; the platform pins it to the version it went back to.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { UpdateReportAnswer, UpdateReportRequest } from '../../contracts/remote-operations';
import type { OpsAccounts } from '../ops/ops-accounts';
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

export async function feedFile(sync: SyncDeps, updatesDir: string, channel: string, name: string): Promise<FeedFile> {
  if (!CHANNEL.test(channel) || !FILE_NAME.test(name)) return { ok: false };
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(updatesDir, channel, name));
  } catch {
    return { ok: false };
  }
  if (!/^latest.*\.yml$/.test(name)) return { ok: true, body: bytes, type: 'application/octet-stream' };
  const staging = await sync.storage.fleet.staging(channel);
  const text = bytes.toString('utf8');
  return { ok: true, body: staging === undefined ? text : withStaging(text, staging), type: 'text/yaml; charset=utf-8' };
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
