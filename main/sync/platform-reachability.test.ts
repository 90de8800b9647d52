import { describe, expect, it } from 'vitest';
import type { PlatformStatus } from '../../contracts/kiosk-api';
import { trackReachability } from './platform-reachability';
import type { ConnectionState, SyncStatus } from './sync-status';

function fakeAgent(connection: ConnectionState) {
  let listener: ((s: SyncStatus) => void) | undefined;
  let current = connection;
  const status = () => ({ connection: current }) as SyncStatus;
  return {
    agent: {
      status,
      onStatus: (l: (s: SyncStatus) => void) => {
        listener = l;
        return () => (listener = undefined);
      },
    },
    move(next: ConnectionState) {
      current = next;
      listener?.(status());
    },
    get subscribed() {
      return listener !== undefined;
    },
  };
}

describe('trackReachability', () => {
  it('reports a flip once, with the time it happened; starting counts as reachable', () => {
    const fake = fakeAgent('starting');
    let time = Date.parse('2025-03-01T08:00:00Z');
    const tracker = trackReachability(fake.agent, () => time);
    const seen: PlatformStatus[] = [];
    tracker.onChange((s) => seen.push(s));
    expect(tracker.current()).toEqual({ online: true, since: '2025-03-01T08:00:00.000Z' });
    time += 5_000;
    fake.move('backoff');
    fake.move('offline');
    time += 5_000;
    fake.move('online');
    expect(seen).toEqual([
      { online: false, since: '2025-03-01T08:00:05.000Z' },
      { online: true, since: '2025-03-01T08:00:10.000Z' },
    ]);
    tracker.stop();
    expect(fake.subscribed).toBe(false);
  });
});
