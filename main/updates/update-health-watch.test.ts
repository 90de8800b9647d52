// After the restart an install caused: the verdict is reported, recorded, and a failed one starts the way back.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UpdateReportAnswer, UpdateReportRequest } from '../../contracts/remote-operations';
import type { SyncResult } from '../sync/sync-client';
import type { HealthChecks } from './update-health';
import { UpdateHealthWatch } from './update-health-watch';
import { UpdateStateFile } from './update-state';

let dir: string;
let state: UpdateStateFile;
let now: number;
let checks: HealthChecks;
let answer: SyncResult<UpdateReportAnswer>;
const reports: UpdateReportRequest[] = [];
const onPinned = vi.fn();
const startedAt = 1_700_000_000_000;
const deadlineMs = 300_000;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'update-health-'));
  state = (await UpdateStateFile.open(dir)).store;
  await state.recordPending({ channel: 'latest', fromVersion: '1.2.0', toVersion: '1.3.0', startedAt });
  now = startedAt + 20_000;
  checks = { screenLoaded: false, platformReached: false, outboxOpen: true };
  answer = { ok: true, value: { pinnedVersion: null } };
  reports.length = 0;
  onPinned.mockReset();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function watch(running = '1.3.0'): UpdateHealthWatch {
  return new UpdateHealthWatch({
    state,
    running,
    checks: () => checks,
    report: (report) => {
      reports.push(report);
      return Promise.resolve(answer);
    },
    deadlineMs,
    onPinned,
    logger: { info: () => {}, warn: () => {}, error: () => {} },
    now: () => now,
  });
}

async function onDisk(): Promise<unknown> {
  return JSON.parse(await readFile(path.join(dir, 'update-state.json'), 'utf8'));
}

describe('UpdateHealthWatch', () => {
  it('waits until the new version is healthy, then reports it installed and forgets the pending update', async () => {
    const w = watch();
    expect(await w.tick()).toEqual({ kind: 'waiting' });
    expect(reports).toEqual([]);
    checks = { screenLoaded: true, platformReached: true, outboxOpen: true };
    expect(await w.tick()).toEqual({ kind: 'reported', outcome: 'installed', pinnedVersion: null });
    expect(reports).toEqual([{ channel: 'latest', fromVersion: '1.2.0', toVersion: '1.3.0', outcome: 'installed', detail: 'screen loaded, platform reached, outbox open' }]);
    expect(await onDisk()).toEqual({ pending: null, pinnedVersion: null, failedVersions: [] });
    expect(w.pending).toBe(false);
    expect(onPinned).not.toHaveBeenCalled();
  });

  it('after the deadline reports a failed health check, records the pin and the failed version, and starts the way back', async () => {
    checks = { screenLoaded: false, platformReached: true, outboxOpen: true };
    now = startedAt + deadlineMs;
    answer = { ok: true, value: { pinnedVersion: '1.2.0' } };
    expect(await watch().tick()).toEqual({ kind: 'reported', outcome: 'healthCheckFailed', pinnedVersion: '1.2.0' });
    expect(reports[0]).toMatchObject({ outcome: 'healthCheckFailed', fromVersion: '1.2.0', toVersion: '1.3.0', detail: expect.stringContaining('screenLoaded') });
    expect(await onDisk()).toEqual({ pending: null, pinnedVersion: '1.2.0', failedVersions: ['1.3.0'] });
    expect(onPinned).toHaveBeenCalledWith('1.2.0');
  });

  it('reports a failed install at once when the old version still runs', async () => {
    answer = { ok: true, value: { pinnedVersion: '1.2.0' } };
    expect(await watch('1.2.0').tick()).toMatchObject({ kind: 'reported', outcome: 'healthCheckFailed' });
    expect(reports[0]?.detail).toBe('still running 1.2.0 after installing 1.3.0');
  });

  it('keeps the pending update while the report does not get through, and reports the fresh verdict later', async () => {
    now = startedAt + deadlineMs;
    answer = { ok: false, failure: { kind: 'network', message: 'ECONNREFUSED' } };
    const w = watch();
    expect(await w.tick()).toMatchObject({ kind: 'reportFailed' });
    expect(state.current.pending).not.toBeNull();
    expect(onPinned).not.toHaveBeenCalled();
    // The network is back, and with it the heartbeat: the version was fine after all.
    checks = { screenLoaded: true, platformReached: true, outboxOpen: true };
    answer = { ok: true, value: { pinnedVersion: null } };
    expect(await w.tick()).toMatchObject({ kind: 'reported', outcome: 'installed' });
    expect(reports.map((r) => r.outcome)).toEqual(['healthCheckFailed', 'installed']);
  });

  it('does nothing without a pending update', async () => {
    await state.update({ pending: null });
    expect(await watch().tick()).toEqual({ kind: 'nothingPending' });
    expect(reports).toEqual([]);
  });
});
