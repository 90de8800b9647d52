// The real electron-updater (its generic provider, staging check, HTTP downloads, sha512 verification and AppImage
// install) against the real platform serving a feed folder, with only `electron` faked (test/fakes/electron.ts: `app`,
// and `net.request` over Node's http). What runs here is what runs in the packaged kiosk, except the Electron binary:
//  - the rollout: found at 100 % and at a percentage just above this terminal's bucket, not at 0 % or just below it;
//  - the download: fetched from the platform and checked against the sha512 in latest*.yml; a file changed after the
//    feed was written is refused and nothing is installed;
//  - the install: the AppImage named by $APPIMAGE is replaced and the new one started;
//  - the way back: a failed health check reported through the sync API pins the terminal, its per-terminal feed names
//    the previous release, and that downgrade is downloaded and installed.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AppImageUpdater as AppImageUpdaterClass } from 'electron-updater';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeElectron, net } from '../fakes/electron';
import { routeRequireOfElectronToFake } from '../fakes/electron-require';
import { KioskUpdater } from '../../main/electron/kiosk-updater';
import { pointUpdaterAtFeed } from '../../main/electron/update-feed-setup';
import { systemClock } from '../../main/sync/clock';
import { SyncClient } from '../../main/sync/sync-client';
import { feedFileName } from '../../main/updates/latest-yml';
import { UpdateHealthWatch } from '../../main/updates/update-health-watch';
import { stagingBucket } from '../../main/updates/update-policy';
import { UpdateStateFile } from '../../main/updates/update-state';
import { type RunningPlatform, startPlatform } from '../../platform/start-platform';
import { type FreshStorage, openFreshStorage } from '../../platform/test-support/storage-backends';
import { provisionTerminal } from '../../platform/terminals/provision';

let AppImageUpdater: typeof AppImageUpdaterClass;
let fresh: FreshStorage;
let platform: RunningPlatform;
let root: string;
let updatesDir: string;
let channelDir: string;
const opsToken = 'ops-token-for-the-updater-test-0123456789';
const feedName = feedFileName(process.platform, process.arch);
const ids = Array.from({ length: 400 }, (_, i) => `QD-U-${i}`);
/** In the middle of the range, so a percentage just below and just above it are both real rollouts. */
const terminalId = ids.find((id) => stagingBucket(id) > 20 && stagingBucket(id) < 80) as string;
const otherTerminal = ids.find((id) => id !== terminalId) as string;
let credentials: Awaited<ReturnType<typeof provisionTerminal>>;

/** 03:00 and 14:00 China Standard Time. */
const quiet = Date.parse('2026-11-20T19:00:00Z');
const busy = Date.parse('2026-11-21T06:00:00Z');
const silent = { info: () => {}, warn: () => {}, error: () => {} };
const savedEnv = { APPIMAGE: process.env.APPIMAGE, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME };
const savedResourcesPath = Object.getOwnPropertyDescriptor(process, 'resourcesPath');

beforeAll(async () => {
  routeRequireOfElectronToFake();
  ({ AppImageUpdater } = await import('electron-updater'));
  root = await mkdtemp(path.join(tmpdir(), 'updater-feed-'));
  updatesDir = path.join(root, 'updates');
  channelDir = path.join(updatesDir, 'latest');
  await mkdir(channelDir, { recursive: true });
  // What electron-builder puts beside the packaged app when `publish` is set (electron-builder.yml).
  const resources = path.join(root, 'resources');
  await mkdir(resources);
  await writeFile(path.join(resources, 'app-update.yml'), 'provider: generic\nurl: https://platform.invalid/updates/latest/\nupdaterCacheDirName: gov-kiosk-updater\n');
  Object.defineProperty(process, 'resourcesPath', { value: resources, configurable: true, writable: true });
  fresh = await openFreshStorage('pglite');
  platform = await startPlatform({ storage: fresh.storage, opsToken, updatesDir });
  credentials = await provisionTerminal(fresh.storage, { terminalId, name: 'updater test', region: '370202' });
}, 60_000);

afterAll(async () => {
  await platform?.close();
  await fresh?.close();
  if (savedResourcesPath) Object.defineProperty(process, 'resourcesPath', savedResourcesPath);
  else delete (process as { resourcesPath?: string }).resourcesPath;
  await rm(root, { recursive: true, force: true });
});

let run: string;
let appImage: string;
let markers: string;

beforeEach(async () => {
  fakeElectron.reset();
  run = await mkdtemp(path.join(root, 'run-'));
  markers = path.join(run, 'markers');
  await mkdir(markers);
  // The running kiosk is an AppImage without a version in its name, as the systemd unit starts it.
  appImage = path.join(run, 'gov-kiosk.AppImage');
  await writeFile(appImage, '#!/bin/sh\n# the running version\n', { mode: 0o755 });
  process.env.APPIMAGE = appImage;
  process.env.XDG_CACHE_HOME = path.join(run, 'cache');
  fakeElectron.app.isPackaged = true;
  fakeElectron.app.version = '1.2.0';
  fakeElectron.app.paths.set('userData', path.join(run, 'userData'));
  fakeElectron.app.markReady();
  await rm(channelDir, { recursive: true, force: true });
  await mkdir(channelDir, { recursive: true });
});

afterEach(() => {
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

/** An "AppImage" that, when started, leaves a marker saying which version started. */
function installerFor(version: string): string {
  return `#!/bin/sh\necho ${version} > '${markers}/started-${version}'\n`;
}

function sha512(bytes: string | Buffer): string {
  return createHash('sha512').update(bytes).digest('base64');
}

/** Publishes a release as electron-builder writes it, keeping its latest*.yml under releases/<version>/ too. */
async function publish(version: string, options: { current?: boolean; stagingPercentage?: number } = {}): Promise<{ file: string; sha512: string }> {
  const file = `gov-kiosk-${version}-x86_64.AppImage`;
  const bytes = installerFor(version);
  const hash = sha512(bytes);
  await writeFile(path.join(channelDir, file), bytes);
  const yml = [
    `version: ${version}`,
    'files:',
    `  - url: ${file}`,
    `    sha512: ${hash}`,
    `    size: ${Buffer.byteLength(bytes)}`,
    `path: ${file}`,
    `sha512: ${hash}`,
    "releaseDate: '2026-11-20T02:00:00.000Z'",
    ...(options.stagingPercentage === undefined ? [] : [`stagingPercentage: ${options.stagingPercentage}`]),
    '',
  ].join('\n');
  await mkdir(path.join(channelDir, 'releases', version), { recursive: true });
  await writeFile(path.join(channelDir, 'releases', version, feedName), yml);
  if (options.current !== false) await writeFile(path.join(channelDir, feedName), yml);
  return { file, sha512: hash };
}

async function setStaging(percentage: number): Promise<void> {
  const response = await fetch(`${platform.url}/v1/ops/update-channels/latest`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${opsToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ stagingPercentage: percentage }),
  });
  expect(response.status).toBe(200);
}

async function realUpdater(terminal = terminalId): Promise<AppImageUpdaterClass> {
  const updater = new AppImageUpdater();
  await pointUpdaterAtFeed(updater, { platformUrl: platform.url, channel: 'latest', terminalId: terminal, userDataDir: path.join(run, 'userData'), logger: silent });
  return updater;
}

async function kioskLoop(options: { updater: AppImageUpdaterClass; now: number; running?: string; terminal?: string }) {
  const state = (await UpdateStateFile.open(path.join(run, 'state'))).store;
  const loop = new KioskUpdater({
    updater: options.updater,
    state,
    running: options.running ?? '1.2.0',
    terminalId: options.terminal ?? terminalId,
    channel: 'latest',
    quietHours: { start: '02:00', end: '05:00' },
    sessions: { size: 0 },
    verdictPending: () => state.current.pending !== null,
    logger: silent,
    now: () => options.now,
  });
  return { loop, state };
}

describe('electron-updater against the platform’s feed', () => {
  it('finds the update only inside the rollout: 0 % and just below this terminal’s bucket no, just above and 100 % yes', async () => {
    await publish('1.3.0');
    const bucket = stagingBucket(terminalId);
    for (const [percentage, expected] of [[0, false], [Math.floor(bucket), false], [Math.ceil(bucket), true], [100, true]] as const) {
      await setStaging(percentage);
      const updater = await realUpdater();
      const result = await updater.checkForUpdates();
      expect({ percentage, available: result?.isUpdateAvailable }).toEqual({ percentage, available: expected });
      expect(result?.updateInfo).toMatchObject({ version: '1.3.0', stagingPercentage: percentage });
    }
    // electron-updater read its staging id from the file the kiosk wrote.
    const { stagingUserId } = await import('../../main/updates/update-policy');
    expect(await readFile(path.join(run, 'userData', '.updaterId'), 'utf8')).toBe(stagingUserId(terminalId));
    await setStaging(0);
    const { loop } = await kioskLoop({ updater: await realUpdater(), now: quiet });
    expect(await loop.check()).toMatchObject({ kind: 'declined', decision: { reason: 'outsideRollout' } });
    // Finding an update downloads nothing by itself (autoDownload off).
    expect(net.requests.filter((r) => r.url.includes('.AppImage'))).toEqual([]);
  });

  it('at 100 %, at the quiet hour: downloads from the platform, checks the sha512, records the update, replaces the AppImage and starts it', async () => {
    const release = await publish('1.3.0');
    await setStaging(100);
    const updater = await realUpdater();
    const { loop, state } = await kioskLoop({ updater, now: quiet });
    expect(await loop.check()).toEqual({ kind: 'installing', version: '1.3.0', rollback: false });
    expect(state.current.pending).toEqual({ channel: 'latest', fromVersion: '1.2.0', toVersion: '1.3.0', startedAt: quiet });
    // Every request carried the terminal's view of the feed, the installer too.
    expect(net.requests.map((r) => r.url)).toEqual(expect.arrayContaining([`${platform.url}/updates/latest/${feedName}?terminal=${terminalId}`, `${platform.url}/updates/latest/${release.file}?terminal=${terminalId}`]));
    // The running AppImage was replaced by the verified download, and the new version started.
    expect(sha512(await readFile(appImage))).toBe(release.sha512);
    await vi.waitFor(() => expect(existsSync(path.join(markers, 'started-1.3.0'))).toBe(true));
    await vi.waitFor(() => expect(fakeElectron.app.quitCalls).toBe(1));
  });

  it('refuses a file changed after latest*.yml was written, and installs nothing', async () => {
    const release = await publish('1.3.0', { stagingPercentage: 100 });
    const tampered = installerFor('1.3.0').replace('echo', 'ECHO');
    await writeFile(path.join(channelDir, release.file), tampered);
    const before = await readFile(appImage, 'utf8');
    const { loop, state } = await kioskLoop({ updater: await realUpdater(), now: quiet });
    expect(await loop.check()).toMatchObject({ kind: 'failed', stage: 'download', detail: expect.stringMatching(/sha512 checksum mismatch/) });
    expect(await readFile(appImage, 'utf8')).toBe(before);
    expect(state.current.pending).toBeNull();
    expect(fakeElectron.app.quitCalls).toBe(0);
    expect(existsSync(path.join(markers, 'started-1.3.0'))).toBe(false);
  });

  it('after a failed health check: reports it, the platform pins the terminal, and its feed takes it back to the previous release', async () => {
    const previous = await publish('1.2.0', { current: false });
    await publish('1.3.0', { stagingPercentage: 100 });
    // This process runs 1.3.0, installed five minutes ago; its screen never loaded.
    fakeElectron.app.version = '1.3.0';
    const updater = await realUpdater();
    const { loop, state } = await kioskLoop({ updater, now: busy, running: '1.3.0' });
    await state.recordPending({ channel: 'latest', fromVersion: '1.2.0', toVersion: '1.3.0', startedAt: busy - 300_000 });
    const client = new SyncClient({ platformUrl: platform.url, credentials, clock: systemClock, requestTimeoutMs: 10_000 });
    const pinnedTo: string[] = [];
    const watch = new UpdateHealthWatch({
      state,
      running: '1.3.0',
      checks: () => ({ screenLoaded: false, platformReached: true, outboxOpen: true }),
      report: (report) => client.request('updateReport', { body: report }),
      deadlineMs: 300_000,
      onPinned: (version) => pinnedTo.push(version),
      logger: silent,
      now: () => busy,
    });
    try {
      expect(await watch.tick()).toEqual({ kind: 'reported', outcome: 'healthCheckFailed', pinnedVersion: '1.2.0' });
    } finally {
      client.close();
    }
    expect(pinnedTo).toEqual(['1.2.0']);
    expect(await fresh.storage.fleet.pin(terminalId)).toMatchObject({ version: '1.2.0', failedVersion: '1.3.0' });

    // Outside the quiet hour, and the way back is installed all the same.
    expect(await loop.check()).toEqual({ kind: 'installing', version: '1.2.0', rollback: true });
    expect(sha512(await readFile(appImage))).toBe(previous.sha512);
    await vi.waitFor(() => expect(existsSync(path.join(markers, 'started-1.2.0'))).toBe(true));

    // Another terminal on 1.3.0 is not pinned: its view of the feed offers nothing to go back to.
    const other = await realUpdater(otherTerminal);
    expect(await other.checkForUpdates()).toMatchObject({ isUpdateAvailable: false, updateInfo: { version: '1.3.0' } });
    await fresh.storage.fleet.unpinTerminal(terminalId);
  });
});
