// What a failed platform request means to a citizen waiting at the screen: the kiosk could not reach the platform
// (`offline`), or the platform could not serve (`serviceUnavailable`: a 5xx, a gateway page, an answer breaking the
// contract), or it refused this request (`refused`, with the HTTP status, e.g. 400 for an image it would not take).
import type { SyncFailure } from '../sync/sync-client';

export type PlatformFailure = { kind: 'offline' } | { kind: 'serviceUnavailable' } | { kind: 'refused'; status: number };

export function platformFailure(failure: SyncFailure): PlatformFailure {
  switch (failure.kind) {
    case 'network':
    case 'timeout':
    case 'closed':
      return { kind: 'offline' };
    case 'malformedAnswer':
    case 'unexpectedStatus':
      return { kind: 'serviceUnavailable' };
    case 'refused':
      return failure.status >= 500 ? { kind: 'serviceUnavailable' } : { kind: 'refused', status: failure.status };
  }
}

/** For logs: kind and status only, never the answer's text (it may hold personal data). */
export function describeFailure(failure: SyncFailure): { kind: SyncFailure['kind']; status?: number; code?: string } {
  if (failure.kind === 'refused') return { kind: failure.kind, status: failure.status, code: failure.error.code };
  if (failure.kind === 'malformedAnswer' || failure.kind === 'unexpectedStatus') return { kind: failure.kind, status: failure.status };
  return { kind: failure.kind };
}
