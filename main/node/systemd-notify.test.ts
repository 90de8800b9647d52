import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemdNotifier } from './systemd-notify';

afterEach(() => {
  vi.useRealTimers();
});

describe('systemd notify', () => {
  it('does nothing when systemd did not start the kiosk', () => {
    expect(systemdNotifier({})).toBeNull();
  });

  it('says READY=1 and pings the watchdog every half of WatchdogSec, until stopped', () => {
    vi.useFakeTimers();
    const sent: string[] = [];
    const notifier = systemdNotifier({ NOTIFY_SOCKET: '/run/systemd/notify', WATCHDOG_USEC: '60000000' }, { pid: 42, notify: async (s) => void sent.push(s) });
    notifier?.ready();
    expect(sent).toEqual(['READY=1']);
    vi.advanceTimersByTime(29_999);
    expect(sent).toEqual(['READY=1']);
    vi.advanceTimersByTime(1);
    vi.advanceTimersByTime(30_000);
    expect(sent).toEqual(['READY=1', 'WATCHDOG=1', 'WATCHDOG=1']);
    notifier?.stop();
    vi.advanceTimersByTime(120_000);
    expect(sent).toEqual(['READY=1', 'WATCHDOG=1', 'WATCHDOG=1', 'STOPPING=1']);
  });

  it('leaves the watchdog alone when it is meant for another process or not set', () => {
    vi.useFakeTimers();
    const sent: string[] = [];
    systemdNotifier({ NOTIFY_SOCKET: '/x', WATCHDOG_USEC: '60000000', WATCHDOG_PID: '7' }, { pid: 42, notify: async (s) => void sent.push(s) })?.ready();
    systemdNotifier({ NOTIFY_SOCKET: '/x' }, { pid: 42, notify: async (s) => void sent.push(s) })?.ready();
    vi.advanceTimersByTime(600_000);
    expect(sent).toEqual(['READY=1', 'READY=1']);
  });
});
