import { EventEmitter } from 'node:events';
import type { WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { startShellWatchdog } from './shell-watchdog';

function harness() {
  const sent: string[] = [];
  const intervals: { fn: () => void; ms: number }[] = [];
  const contents = new EventEmitter();
  const options = {
    notify: (state: string) => {
      sent.push(state);
      return Promise.resolve();
    },
    setInterval: ((fn: () => void, ms: number) => {
      intervals.push({ fn, ms });
      return { unref: () => {} } as unknown as ReturnType<typeof setInterval>;
    }) as unknown as typeof setInterval,
  };
  return { sent, intervals, contents: contents as unknown as Pick<WebContents, 'once'>, emitter: contents, options };
}

describe('startShellWatchdog', () => {
  it('does nothing outside systemd', () => {
    const h = harness();
    expect(startShellWatchdog({}, h.contents, h.options)).toBeNull();
  });

  it('under cage: READY=1 once the window loaded, WATCHDOG=1 every half WatchdogSec on behalf of the unit’s main process, STOPPING=1 on quit', () => {
    const h = harness();
    // WATCHDOG_PID names cage, the unit's main process, not this Electron process.
    const watchdog = startShellWatchdog({ NOTIFY_SOCKET: '/run/systemd/notify', WATCHDOG_USEC: '60000000', WATCHDOG_PID: '4242' }, h.contents, h.options);
    expect(h.sent).toEqual([]);
    h.emitter.emit('did-finish-load');
    expect(h.sent).toEqual(['READY=1']);
    expect(h.intervals.map((i) => i.ms)).toEqual([30_000]);
    h.intervals[0]?.fn();
    expect(h.sent).toEqual(['READY=1', 'WATCHDOG=1']);
    // A later page load (a reload) does not announce readiness again.
    h.emitter.emit('did-finish-load');
    watchdog?.stop();
    expect(h.sent).toEqual(['READY=1', 'WATCHDOG=1', 'STOPPING=1']);
  });
});
