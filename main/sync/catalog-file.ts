// The last good item catalog, kept in `<dataDir>/catalog/catalog.json` so a kiosk that starts offline still offers
// its items. Written atomically (temporary file, fsync, rename, fsync of the folder): a power cut leaves the old
// catalog or the new one, never a torn file. Only a catalog that passed the contract's schema and the platform's
// signature is written; the file keeps the exact text the platform signed, and reading checks both again.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { CatalogDocument } from '../../contracts/catalog';
import { TEMP_PREFIX, ensureDirectory, fsyncDirectory, writeFileAtomically } from '../outbox/durable-files';
import { verifyCatalogSignature } from './catalog-signature';

export interface StoredCatalog {
  /** The platform's ETag, sent as If-None-Match on the next fetch. */
  etag: string;
  version: string;
  /** ISO time of the fetch, on the kiosk's clock. */
  fetchedAt: string;
  document: CatalogDocument;
}

/** As written: the document as the exact text the platform sent and signed (`x-catalog-signature`). */
const Envelope = z.object({ etag: z.string().min(1), version: z.string().min(1), fetchedAt: z.string(), signature: z.string(), text: z.string() });
type Envelope = z.infer<typeof Envelope>;

const FILE = 'catalog.json';

export function catalogDir(dataDir: string): string {
  return path.join(path.resolve(dataDir), 'catalog');
}

export type CatalogCheck = { ok: true; catalog: StoredCatalog } | { ok: false; reason: string };

/** Schema and signature of a catalog's exact text: what is checked before it is stored, and when it is read back. */
export function checkCatalog(envelope: Envelope, publicKey: string | undefined): CatalogCheck {
  const signed = verifyCatalogSignature(envelope.text, envelope.signature, publicKey);
  if (!signed.ok) return signed;
  let json: unknown;
  try {
    json = JSON.parse(envelope.text);
  } catch {
    return { ok: false, reason: 'the catalog is not JSON' };
  }
  const document = CatalogDocument.safeParse(json);
  if (!document.success) return { ok: false, reason: `the catalog fails the schema at ${document.error.issues[0]?.path.join('.') || '(root)'}` };
  return { ok: true, catalog: { etag: envelope.etag, version: envelope.version, fetchedAt: envelope.fetchedAt, document: document.data } };
}

export type ReadCatalogResult =
  | { ok: true; catalog: StoredCatalog }
  /** `missing`: never fetched; `invalid`: unreadable, or failing schema or signature (then fetched afresh). */
  | { ok: false; reason: 'missing' | 'invalid'; message: string };

/** Reads the stored catalog, checking it with the platform key of the terminal's credentials. */
export async function readCatalogFile(dataDir: string, publicKey: string | undefined): Promise<ReadCatalogResult> {
  const file = path.join(catalogDir(dataDir), FILE);
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'missing' : 'invalid', message: `${file}: ${code ?? 'unreadable'}` };
  }
  let envelope;
  try {
    envelope = Envelope.safeParse(JSON.parse(raw));
  } catch {
    return { ok: false, reason: 'invalid', message: `${file}: not JSON` };
  }
  if (!envelope.success) return { ok: false, reason: 'invalid', message: `${file}: ${envelope.error.issues[0]?.path.join('.') || '(root)'} is missing or malformed` };
  const checked = checkCatalog(envelope.data, publicKey);
  return checked.ok ? checked : { ok: false, reason: 'invalid', message: `${file}: ${checked.reason}` };
}

/** Stores a checked catalog: `text` exactly as the platform sent it, with its signature. */
export async function writeCatalogFile(dataDir: string, envelope: Envelope): Promise<void> {
  const dir = catalogDir(dataDir);
  await ensureDirectory(dir);
  // A temporary file left by a crash mid-write would block the exclusive create of the next one.
  await rm(path.join(dir, `${TEMP_PREFIX}${FILE}`), { force: true });
  const { etag, version, fetchedAt, signature, text } = envelope;
  await writeFileAtomically(dir, FILE, Buffer.from(`${JSON.stringify({ etag, version, fetchedAt, signature, text })}\n`));
  await fsyncDirectory(dir);
}
