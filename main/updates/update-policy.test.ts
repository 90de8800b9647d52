// Update decisions against a feed folder written here (electron-builder's latest-linux.yml format), without the
// Electron binary: a higher version at staging 0 % and 100 %, in and out of the quiet hour, in and out of the
// rollout, with and without a citizen session; pins and versions that failed before.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFeedFolder } from './feed-folder';
import type { LatestYml } from './latest-yml';
import { type UpdateSituation, compareVersions, decideUpdate, inQuietHours, stagingBucket, stagingUserId } from './update-policy';
import { judgeUpdate } from './update-health';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'update-feed-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function feed(version: string, stagingPercentage?: number): Promise<LatestYml> {
  const sha = 'q'.repeat(86) + '==';
  await writeFile(
    path.join(dir, 'latest-linux.yml'),
    [
      `version: ${version}`,
      'files:',
      `  - url: gov-kiosk-${version}-x86_64.AppImage`,
      `    sha512: ${sha}`,
      '    size: 123456789',
      '    blockMapSize: 130000',
      `path: gov-kiosk-${version}-x86_64.AppImage`,
      `sha512: ${sha}`,
      "releaseDate: '2026-11-20T02:00:00.000Z'",
      ...(stagingPercentage === undefined ? [] : [`stagingPercentage: ${stagingPercentage}`]),
      '',
    ].join('\n'),
  );
  const read = await readFeedFolder(dir, 'linux', 'x64');
  if (!read.ok) throw new Error(read.reason);
  return read.feed;
}

/** 03:00 and 14:00 China Standard Time on 2026-11-21. */
const quiet = new Date('2026-11-20T19:00:00Z');
const busy = new Date('2026-11-21T06:00:00Z');
const hours = { start: '02:00', end: '05:00' };

/** Terminal ids on either side of 50 %. */
const early = Array.from({ length: 200 }, (_, i) => `QD-${i}`).find((id) => stagingBucket(id) < 20) as string;
const late = Array.from({ length: 200 }, (_, i) => `QD-${i}`).find((id) => stagingBucket(id) > 80) as string;

function situation(f: LatestYml, over: Partial<UpdateSituation> = {}): UpdateSituation {
  return { running: '1.2.0', feed: f, terminalId: early, now: quiet, quietHours: hours, sessionActive: false, ...over };
}

describe('update policy', () => {
  it('reads the feed folder', async () => {
    const f = await feed('1.3.0', 25);
    expect(f).toMatchObject({ version: '1.3.0', stagingPercentage: 25, releaseDate: '2026-11-20T02:00:00.000Z', files: [{ url: 'gov-kiosk-1.3.0-x86_64.AppImage', size: 123456789 }] });
    expect(await readFeedFolder(dir, 'linux', 'arm64')).toMatchObject({ ok: false, reason: expect.stringContaining('latest-linux-arm64.yml') });
    await writeFile(path.join(dir, 'latest-linux.yml'), 'version: 1.3\nfiles:\n');
    expect(await readFeedFolder(dir, 'linux', 'x64')).toMatchObject({ ok: false, reason: expect.stringMatching(/version|files/) });
  });

  it('installs a higher version at 100 % staging in the quiet hour with no session open', async () => {
    const f = await feed('1.3.0', 100);
    expect(decideUpdate(situation(f))).toEqual({ install: true, version: '1.3.0' });
    expect(decideUpdate(situation(f, { terminalId: late }))).toEqual({ install: true, version: '1.3.0' });
    // No stagingPercentage in the file means everyone.
    expect(decideUpdate(situation(await feed('1.3.0')))).toEqual({ install: true, version: '1.3.0' });
  });

  it('installs nothing at 0 % staging, wherever the terminal falls', async () => {
    const f = await feed('1.3.0', 0);
    expect(decideUpdate(situation(f))).toMatchObject({ install: false, reason: 'outsideRollout' });
    expect(decideUpdate(situation(f, { terminalId: late }))).toMatchObject({ install: false, reason: 'outsideRollout' });
  });

  it('at 50 % takes terminals inside the rollout only, by a bucket that does not change', async () => {
    const f = await feed('1.3.0', 50);
    expect(decideUpdate(situation(f, { terminalId: early }))).toEqual({ install: true, version: '1.3.0' });
    expect(decideUpdate(situation(f, { terminalId: late }))).toMatchObject({ install: false, reason: 'outsideRollout' });
    expect(stagingBucket(early)).toBe(stagingBucket(early));
    expect(stagingUserId(early)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Spread: about half of many terminals fall under 50.
    const under = Array.from({ length: 1000 }, (_, i) => stagingBucket(`T-${i}`)).filter((b) => b < 50).length;
    expect(under).toBeGreaterThan(400);
    expect(under).toBeLessThan(600);
  });

  it('waits for the quiet hour, and for the citizen session to end', async () => {
    const f = await feed('1.3.0', 100);
    expect(decideUpdate(situation(f, { now: busy }))).toMatchObject({ install: false, reason: 'notQuietHour' });
    expect(decideUpdate(situation(f, { sessionActive: true }))).toMatchObject({ install: false, reason: 'sessionActive' });
    expect(decideUpdate(situation(f, { now: busy, sessionActive: true }))).toMatchObject({ install: false });
    // A window across midnight.
    expect(inQuietHours(new Date('2026-11-20T15:30:00Z'), { start: '23:00', end: '01:00' })).toBe(true);
    expect(inQuietHours(new Date('2026-11-20T17:30:00Z'), { start: '23:00', end: '01:00' })).toBe(false);
    expect(inQuietHours(new Date('2026-11-20T21:00:00Z'), hours)).toBe(false);
  });

  it('never takes the same or a lower version, a version that failed here, or anything but the pinned one', async () => {
    expect(decideUpdate(situation(await feed('1.2.0', 100)))).toMatchObject({ install: false, reason: 'notNewer' });
    expect(decideUpdate(situation(await feed('1.1.9', 100)))).toMatchObject({ install: false, reason: 'notNewer' });
    expect(decideUpdate(situation(await feed('1.2.0-rc.1', 100)))).toMatchObject({ install: false, reason: 'notNewer' });
    const f = await feed('1.3.0', 100);
    expect(decideUpdate(situation(f, { failedVersions: ['1.3.0'] }))).toMatchObject({ install: false, reason: 'failedBefore' });
    expect(decideUpdate(situation(f, { pinnedVersion: '1.2.0' }))).toMatchObject({ install: false, reason: 'pinned' });
    expect(decideUpdate(situation(f, { pinnedVersion: '1.3.0' }))).toEqual({ install: true, version: '1.3.0' });
  });

  it('goes back to the pinned version after a failed health check: outside the quiet hour and the rollout, never during a session', async () => {
    const previous = await feed('1.2.0', 0);
    const after = { running: '1.3.0', pinnedVersion: '1.2.0', failedVersions: ['1.3.0'] };
    expect(decideUpdate(situation(previous, { ...after, now: busy, terminalId: late }))).toEqual({ install: true, version: '1.2.0', rollback: true });
    expect(decideUpdate(situation(previous, { ...after, sessionActive: true }))).toMatchObject({ install: false, reason: 'sessionActive' });
    // Not pinned: an older feed is never taken.
    expect(decideUpdate(situation(previous, { running: '1.3.0' }))).toMatchObject({ install: false, reason: 'notNewer' });
    // A release newer than the failed one ends the pin; the failed one itself never comes back.
    expect(decideUpdate(situation(await feed('1.3.1', 100), after))).toEqual({ install: true, version: '1.3.1' });
    expect(decideUpdate(situation(await feed('1.3.0', 100), { ...after, running: '1.2.0' }))).toMatchObject({ install: false, reason: 'pinned' });
    // Back on the pinned version: nothing more to do.
    expect(decideUpdate(situation(previous, { ...after, running: '1.2.0' }))).toMatchObject({ install: false, reason: 'notNewer' });
  });

  it('orders versions as semver does', () => {
    expect(['1.10.0', '1.2.0', '1.2.0-rc.2', '1.2.0-rc.10', '1.2.0-beta', '0.9.9'].sort(compareVersions)).toEqual(['0.9.9', '1.2.0-beta', '1.2.0-rc.2', '1.2.0-rc.10', '1.2.0', '1.10.0']);
  });
});

describe('health check after an update', () => {
  const pending = { channel: 'latest', fromVersion: '1.2.0', toVersion: '1.3.0', startedAt: 1_000_000 };
  const ok = { screenLoaded: true, platformReached: true, outboxOpen: true };

  it('reports a healthy install', () => {
    expect(judgeUpdate({ pending, running: '1.3.0', checks: ok, now: pending.startedAt + 5_000, deadlineMs: 300_000 })).toMatchObject({ kind: 'healthy', report: { outcome: 'installed', toVersion: '1.3.0' } });
  });

  it('waits until the deadline, then reports the failure and goes back to the version it came from', () => {
    const checks = { ...ok, screenLoaded: false };
    expect(judgeUpdate({ pending, running: '1.3.0', checks, now: pending.startedAt + 60_000, deadlineMs: 300_000 })).toEqual({ kind: 'waiting' });
    expect(judgeUpdate({ pending, running: '1.3.0', checks, now: pending.startedAt + 300_000, deadlineMs: 300_000 })).toMatchObject({
      kind: 'failed',
      rollbackTo: '1.2.0',
      report: { outcome: 'healthCheckFailed', fromVersion: '1.2.0', toVersion: '1.3.0', detail: expect.stringContaining('screenLoaded') },
    });
    expect(judgeUpdate({ pending, running: '1.2.0', checks: ok, now: pending.startedAt + 1, deadlineMs: 300_000 })).toMatchObject({ kind: 'failed', rollbackTo: '1.2.0' });
  });
});
