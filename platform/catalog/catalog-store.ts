// The catalog in force: published versions live in storage; this keeps the latest parsed in memory and checks with a
// cheap query that it is still the latest (another platform instance may have published), so every commit decides
// with the current rules.
import { createHash } from 'node:crypto';
import { CatalogDocument } from '../../contracts/catalog';
import type { CatalogRecord, PlatformStorage } from '../storage/platform-storage';

export interface CurrentCatalog {
  version: string;
  /** Strong ETag, quoted, of `body`. */
  etag: string;
  /** The exact text served. */
  body: string;
  document: CatalogDocument;
  publishedAt: Date;
}

export type PublishResult =
  | { ok: true; created: boolean; catalog: CatalogRecord }
  | { ok: false; reason: 'versionConflict'; message: string };

export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url')}"`;
}

export class CatalogStore {
  readonly #storage: PlatformStorage;
  #current: CurrentCatalog | undefined;

  constructor(storage: PlatformStorage) {
    this.#storage = storage;
  }

  async current(): Promise<CurrentCatalog | undefined> {
    const version = await this.#storage.q.latestCatalogVersion();
    if (version === undefined) return undefined;
    if (this.#current?.version === version) return this.#current;
    const record = await this.#storage.q.getCatalog(version);
    if (!record) return undefined;
    // Stored documents were validated when published; parsing again gives the typed form (and catches tampering).
    const document = CatalogDocument.parse(JSON.parse(record.body));
    this.#current = { version: record.version, etag: record.etag, body: record.body, document, publishedAt: record.publishedAt };
    return this.#current;
  }

  /** Publishes a validated document. The same version again is a no-op when identical, and refused otherwise. */
  async publish(document: CatalogDocument, now: Date): Promise<PublishResult> {
    const body = JSON.stringify(document);
    const record: CatalogRecord = { version: document.version, etag: etagOf(body), body, publishedAt: now };
    if (await this.#storage.q.insertCatalog(record)) return { ok: true, created: true, catalog: record };
    const existing = await this.#storage.q.getCatalog(document.version);
    if (existing && existing.etag === record.etag) return { ok: true, created: false, catalog: existing };
    return { ok: false, reason: 'versionConflict', message: `catalog version ${document.version} exists with other content; publish a new version` };
  }
}
