// The update loop's decisions with a fake electron-updater: what it downloads and installs, when, and that the
// update being installed is on disk before the install starts.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { UpdateInfo } from 'electron-updater';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stagingBucket } from '../updates/update-policy';
import { UpdateStateFile } from '../updates/update-state';
import { KioskUpdater, type KioskUpdaterOptions, type UpdaterLike } from './kiosk-updater';

/** 03:00 and 14:00 China Standard Time. */
const quiet = Date.parse('2026-11-20T19:00:00Z');
const busy = Date.parse('2026-11-21T06:00:00Z');
const terminalId = Array.from({ length: 200 }, (_, i) => `QD-${i}`).find((id) => stagingBucket(id) < 20) as string;

function info(version: string, stagingPercentage?: number): UpdateInfo {
  const file = { url: `gov-kiosk-${version}-x86_64.AppImage`, sha512: 'q'.repeat(86) + '==', size: 1000 };
  return { version, files: [file], path: file.url, sha512: file.sha512, releaseDate: '2026-11-20T02:00:00.000Z', ...(stagingPercentage === undefined ? {} : { stagingPercentage }) };
}

/** electron-updater as the loop sees it: each call recorded in order; the state file is read at install time. */
class FakeUpdater implements UpdaterLike {
  allowDowngrade = false;
  readonly calls: string[] = [];
  offer: { isUpdateAvailable: boolean; updateInfo: UpdateInfo } | null = { isUpdateAvailable: true, updateInfo: info('1.3.0', 100) };
  downloadError: Error | null = null;
  /** Runs while "downloading": a session may start meanwhile. */
  duringDownload = (): void => {};
  stateAtInstall: unknown = undefined;
  readonly stateFile: string;

  constructor(stateFile: string) {
    this.stateFile = stateFile;
  }

  checkForUpdates(): ReturnType<UpdaterLike['checkForUpdates']> {
    this.calls.push(`check(allowDowngrade=${this.allowDowngrade})`);
    return Promise.resolve(this.offer === null ? null : { ...this.offer, versionInfo: this.offer.updateInfo });
  }

  downloadUpdate(): Promise<string[]> {
    this.calls.push('download');
    this.duringDownload();
    return this.downloadError ? Promise.reject(this.downloadError) : Promise.resolve(['/cache/gov-kiosk.AppImage']);
  }

  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.calls.push(`quitAndInstall(${isSilent}, ${isForceRunAfter})`);
    this.stateAtInstall = JSON.parse(readFileSync(this.stateFile, 'utf8'));
  }
}

let dir: string;
let updater: FakeUpdater;
let state: UpdateStateFile;
let sessions: { size: number };
let now: number;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kiosk-updater-'));
  state = (await UpdateStateFile.open(dir)).store;
  updater = new FakeUpdater(path.join(dir, 'update-state.json'));
  sessions = { size: 0 };
  now = quiet;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const silent = { info: () => {}, warn: () => {}, error: () => {} };

function loop(over: Partial<KioskUpdaterOptions> = {}): KioskUpdater {
  return new KioskUpdater({ updater, state, running: '1.2.0', terminalId, channel: 'latest', quietHours: { start: '02:00', end: '05:00' }, sessions, verdictPending: () => state.current.pending !== null, logger: silent, now: () => now, ...over });
}

describe('KioskUpdater', () => {
  it('at the quiet hour, in the rollout, without a session: downloads, records the update durably, then installs silently and restarts', async () => {
    expect(await loop().check()).toEqual({ kind: 'installing', version: '1.3.0', rollback: false });
    expect(updater.calls).toEqual(['check(allowDowngrade=false)', 'download', 'quitAndInstall(true, true)']);
    // On disk before quitAndInstall ran, so the next process can judge the update.
    expect(updater.stateAtInstall).toMatchObject({ pending: { channel: 'latest', fromVersion: '1.2.0', toVersion: '1.3.0', startedAt: quiet } });
  });

  it('never downloads or installs during a citizen session', async () => {
    sessions.size = 1;
    expect(await loop().check()).toMatchObject({ kind: 'declined', decision: { reason: 'sessionActive' } });
    expect(updater.calls).toEqual(['check(allowDowngrade=false)']);
    expect(state.current.pending).toBeNull();
  });

  it('never outside the quiet hour', async () => {
    now = busy;
    expect(await loop().check()).toMatchObject({ kind: 'declined', decision: { reason: 'notQuietHour' } });
    expect(updater.calls).not.toContain('download');
  });

  it('never outside the rollout', async () => {
    updater.offer = { isUpdateAvailable: false, updateInfo: info('1.3.0', Math.floor(stagingBucket(terminalId))) };
    expect(await loop().check()).toMatchObject({ kind: 'declined', decision: { reason: 'outsideRollout' } });
    updater.offer = { isUpdateAvailable: false, updateInfo: info('1.3.0', 0) };
    expect(await loop().check()).toMatchObject({ kind: 'declined', decision: { reason: 'outsideRollout' } });
    expect(updater.calls).not.toContain('download');
  });

  it('does not install what electron-updater does not offer, even when the policy would', async () => {
    updater.offer = { isUpdateAvailable: false, updateInfo: info('1.3.0', 100) };
    expect(await loop().check()).toEqual({ kind: 'notOffered', version: '1.3.0' });
    expect(updater.calls).not.toContain('download');
  });

  it('keeps a download for later when a citizen arrived while it ran', async () => {
    updater.duringDownload = () => {
      sessions.size = 1;
    };
    expect(await loop().check()).toMatchObject({ kind: 'deferred', decision: { reason: 'sessionActive' } });
    expect(updater.calls).not.toContain('quitAndInstall(true, true)');
    expect(state.current.pending).toBeNull();
  });

  it('installs nothing when the download fails its sha512 check', async () => {
    updater.downloadError = Object.assign(new Error('sha512 checksum mismatch, expected qqq, got ppp'), { code: 'ERR_CHECKSUM_MISMATCH' });
    expect(await loop().check()).toMatchObject({ kind: 'failed', stage: 'download', detail: expect.stringContaining('sha512 checksum mismatch') });
    expect(updater.calls).not.toContain('quitAndInstall(true, true)');
    expect(state.current.pending).toBeNull();
  });

  it('does not look for another update while the last one waits for its verdict', async () => {
    await state.recordPending({ channel: 'latest', fromVersion: '1.1.0', toVersion: '1.2.0', startedAt: quiet });
    expect(await loop().check()).toEqual({ kind: 'verdictPending' });
    expect(updater.calls).toEqual([]);
  });

  it('goes back to the pinned version after a failed health check — at any hour, never during a session — without recording it as an update', async () => {
    await state.recordFailed('1.3.0', '1.2.0');
    updater.offer = { isUpdateAvailable: true, updateInfo: info('1.2.0') };
    now = busy;
    sessions.size = 1;
    expect(await loop({ running: '1.3.0' }).check()).toMatchObject({ kind: 'declined', decision: { reason: 'sessionActive' } });
    sessions.size = 0;
    expect(await loop({ running: '1.3.0' }).check()).toEqual({ kind: 'installing', version: '1.2.0', rollback: true });
    expect(updater.calls.at(-3)).toBe('check(allowDowngrade=true)');
    expect(updater.stateAtInstall).toMatchObject({ pending: null, pinnedVersion: '1.2.0', failedVersions: ['1.3.0'] });
  });

  it('once back on the pinned version, lets the platform’s feed hold the pin and allows no downgrade', async () => {
    await state.recordFailed('1.3.0', '1.2.0');
    updater.offer = { isUpdateAvailable: false, updateInfo: info('1.2.0') };
    expect(await loop({ running: '1.2.0' }).check()).toMatchObject({ kind: 'declined', decision: { reason: 'notNewer' } });
    expect(updater.calls).toEqual(['check(allowDowngrade=false)']);
    expect(state.current).toEqual({ pending: null, pinnedVersion: null, failedVersions: ['1.3.0'] });
    // The failed version is never taken again.
    updater.offer = { isUpdateAvailable: true, updateInfo: info('1.3.0', 100) };
    expect(await loop({ running: '1.2.0' }).check()).toMatchObject({ kind: 'declined', decision: { reason: 'failedBefore' } });
  });

  it('says so when electron-updater is off (not packaged, not an AppImage)', async () => {
    updater.offer = null;
    expect(await loop().check()).toEqual({ kind: 'inactive' });
  });
});
