import type { WebContents } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebContents, fakeElectron, fakeEvent } from '../../test/fakes/electron';
import { RecoveryPolicy } from './recovery-policy';
import { type FallbackReport, RendererRecovery, fallbackPageUrl } from './renderer-recovery';

const appUrl = 'app://kiosk/index.html';

describe('RendererRecovery', () => {
  let contents: FakeWebContents;
  let reports: FallbackReport[];
  let recovery: RendererRecovery;
  const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

  function start(options: { retryAppAfterMs?: number | null; maxAttempts?: number } = {}) {
    recovery = new RendererRecovery({
      contents: fakeElectron.asReal<WebContents>(contents),
      policy: new RecoveryPolicy({ cooldownMs: 5_000, maxAttempts: options.maxAttempts ?? 3, windowMs: 60_000 }, () => Date.now()),
      logger,
      onFallback: (report) => reports.push(report),
      retryAppAfterMs: options.retryAppAfterMs,
    });
  }

  const crash = (reason = 'crashed') => contents.emit('render-process-gone', fakeEvent(), { reason, exitCode: 139 });
  const failLoad = (errorCode = -6, isMainFrame = true) =>
    contents.emit('did-fail-load', fakeEvent(), errorCode, 'ERR_FILE_NOT_FOUND', appUrl, isMainFrame, 1, 1);

  beforeEach(async () => {
    vi.useFakeTimers();
    fakeElectron.reset();
    contents = new FakeWebContents();
    await contents.loadURL(appUrl);
    contents.loads.length = 0;
    reports = [];
  });

  afterEach(() => {
    recovery.dispose();
    vi.useRealTimers();
  });

  it('reloads the app after a renderer crash', async () => {
    start();
    crash();
    await vi.advanceTimersByTimeAsync(0);
    expect(contents.loads).toEqual([appUrl]);
  });

  it('treats several events of one incident as one failure', async () => {
    start();
    crash();
    failLoad();
    await vi.advanceTimersByTimeAsync(0);
    expect(contents.loads).toEqual([appUrl]);
  });

  it('waits the cooldown between reloads', async () => {
    start();
    crash();
    await vi.advanceTimersByTimeAsync(1_000);
    crash();
    await vi.advanceTimersByTimeAsync(3_999);
    expect(contents.loads).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(contents.loads).toHaveLength(2);
  });

  it('shows the fallback page after the cap, reports it once, and retries the app later', async () => {
    start({ retryAppAfterMs: 120_000 });
    for (let i = 0; i < 3; i++) {
      crash();
      await vi.advanceTimersByTimeAsync(6_000);
    }
    expect(contents.loads).toEqual([appUrl, appUrl, appUrl]);
    failLoad();
    await vi.advanceTimersByTimeAsync(0);
    expect(contents.loads.at(-1)).toBe(fallbackPageUrl);
    expect(reports).toEqual([
      { failure: { kind: 'did-fail-load', errorCode: -6, errorDescription: 'ERR_FILE_NOT_FOUND' }, attempts: 3, at: expect.any(String) },
    ]);

    // The fallback page's renderer dies too: shown again, not reported again.
    crash();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(contents.loads.at(-1)).toBe(fallbackPageUrl);
    expect(reports).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(120_000);
    expect(contents.loads.at(-1)).toBe(appUrl);
    // A clean slate: the next failure reloads again.
    crash();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(contents.loads.at(-1)).toBe(appUrl);
  });

  it('stays on the fallback page when retries are off, until reloadApp()', async () => {
    start({ retryAppAfterMs: null, maxAttempts: 0 });
    crash();
    await vi.advanceTimersByTimeAsync(24 * 3_600_000);
    expect(contents.loads).toEqual([fallbackPageUrl]);
    recovery.reloadApp();
    expect(contents.loads).toEqual([fallbackPageUrl, appUrl]);
  });

  it('kills a hung renderer before reloading, without counting its death as another failure', async () => {
    start();
    contents.emit('unresponsive');
    await vi.advanceTimersByTimeAsync(0);
    expect(contents.crashCount).toBe(1);
    expect(contents.loads).toEqual([appUrl]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(contents.loads).toEqual([appUrl]);
  });

  it('cancels a delayed reload when the renderer becomes responsive again', async () => {
    start();
    crash();
    await vi.advanceTimersByTimeAsync(1_000);
    contents.emit('unresponsive');
    contents.emit('responsive');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(contents.loads).toHaveLength(1);
    expect(contents.crashCount).toBe(0);
  });

  it('ignores aborted loads and subframe failures', async () => {
    start();
    failLoad(-3);
    failLoad(-6, false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(contents.loads).toEqual([]);
  });

  it('does nothing once the web contents are gone', async () => {
    start();
    crash();
    contents.destroy();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(contents.loads).toEqual([]);
  });

  it('survives an onFallback callback that throws', async () => {
    recovery = new RendererRecovery({
      contents: fakeElectron.asReal<WebContents>(contents),
      policy: new RecoveryPolicy({ maxAttempts: 0 }, () => Date.now()),
      logger,
      onFallback: () => {
        throw new Error('platform unreachable');
      },
    });
    crash();
    await vi.advanceTimersByTimeAsync(0);
    expect(contents.loads).toEqual([fallbackPageUrl]);
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ err: expect.any(Error) }), 'onFallback failed');
  });
});
