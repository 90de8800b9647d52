// What a sync operation gives the HTTP layer: a value, or an HTTP status with the contract's error answer.
import type { ErrorAnswer, ErrorCode } from '../../contracts/sync-api';
import type { CatalogStore } from '../catalog/catalog-store';
import type { PlatformStorage } from '../storage/platform-storage';

export type Outcome<T> = { ok: true; value: T } | { ok: false; status: number; error: ErrorAnswer };

export function fail(status: number, code: ErrorCode, message: string, extra: Omit<ErrorAnswer, 'code' | 'message'> = {}): { ok: false; status: number; error: ErrorAnswer } {
  return { ok: false, status, error: { code, message, ...extra } };
}

/** What the operations need. */
export interface SyncDeps {
  storage: PlatformStorage;
  catalogs: CatalogStore;
  /** The platform's clock (injected in tests). */
  now: () => Date;
}
