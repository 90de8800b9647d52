import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogService } from '../../services/catalog-service';
import { createKioskApiServer } from '../kiosk-api-server';
import { catalogGet } from './catalog-get';
import { catalogGetItem } from './catalog-get-item';

// The platform's demo catalog, read as data (main/ does not import platform/ code).
const demoCatalog = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../..', 'platform', 'catalog', 'demo-catalog.json'), 'utf8')) as { items: { implementationCode: string; basicCode: string }[] };

const quiet = { info() {}, warn() {}, error() {} };

function serverWith(document: unknown) {
  const catalog = new CatalogService({ source: { catalog: () => ({ version: 'v1', document }), onCatalog: () => () => {} }, logger: quiet });
  // Only the catalog commands are called here.
  const handlers = { 'catalog.get': catalogGet(catalog), 'catalog.getItem': catalogGetItem(catalog) } as never;
  return createKioskApiServer({ handlers, logger: quiet });
}

describe('catalog.get', () => {
  it('answers the overview through the KioskApi server (output schema checked)', async () => {
    const result = await serverWith(demoCatalog).invoke('catalog.get', {});
    expect(result).toMatchObject({ ok: true, output: { version: 'v1' } });
    expect((result as { output: { items: unknown[] } }).output.items).toHaveLength(demoCatalog.items.length);
  });

  it('keeps 5,000+ items compact', async () => {
    // 5,100 items: the demo items again and again under new codes (the realistic large catalog is platform code).
    const items = Array.from({ length: 5100 }, (_, i) => {
      const item = demoCatalog.items[i % demoCatalog.items.length]!;
      return { ...item, implementationCode: `370200-${String(i).padStart(6, '0')}-${item.basicCode}` };
    });
    const result = await serverWith({ ...demoCatalog, items, bundles: [] }).invoke('catalog.get', {});
    expect(result.ok).toBe(true);
    const output = (result as { output: { items: unknown[] } }).output;
    expect(output.items.length).toBeGreaterThanOrEqual(5000);
    // About 100 bytes per item: well under a megabyte for the whole city catalog.
    expect(JSON.stringify(output).length).toBeLessThan(1_000_000);
  });
});
