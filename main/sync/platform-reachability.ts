// The sync agent's connection state boiled down to what the citizen's screen needs: can the platform be reached now?
// `starting` counts as reachable (nothing has failed yet: no banner at boot); one failed request (`backoff`) or an
// open breaker counts as unreachable, because a citizen's request would fail the same way.
import type { PlatformStatus } from '../../contracts/kiosk-api';
import type { ConnectionState, SyncStatus } from './sync-status';

export function isReachable(connection: ConnectionState): boolean {
  return connection === 'online' || connection === 'starting';
}

export interface PlatformReachability {
  current(): PlatformStatus;
  /** Called when reachability flips; returns the unsubscribe function. */
  onChange(listener: (status: PlatformStatus) => void): () => void;
  stop(): void;
}

export function trackReachability(agent: { status(): SyncStatus; onStatus(listener: (status: SyncStatus) => void): () => void }, now: () => number = Date.now): PlatformReachability {
  let status: PlatformStatus = { online: isReachable(agent.status().connection), since: new Date(now()).toISOString() };
  const listeners = new Set<(status: PlatformStatus) => void>();
  const stop = agent.onStatus((next) => {
    const online = isReachable(next.connection);
    if (online === status.online) return;
    status = { online, since: new Date(now()).toISOString() };
    for (const listener of listeners) listener(status);
  });
  return {
    current: () => status,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop,
  };
}
