import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogService } from '../../services/catalog-service';
import { createKioskApiServer } from '../kiosk-api-server';
import { catalogGetItem } from './catalog-get-item';

// The platform's demo catalog, read as data (main/ does not import platform/ code).
const demoCatalog = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../..', 'platform', 'catalog', 'demo-catalog.json'), 'utf8')) as { items: { implementationCode: string; basicCode: string }[] };

const quiet = { info() {}, warn() {}, error() {} };
const catalog = new CatalogService({ source: { catalog: () => ({ version: 'v1', document: demoCatalog }), onCatalog: () => () => {} }, logger: quiet });
const server = createKioskApiServer({ handlers: { 'catalog.getItem': catalogGetItem(catalog) } as never, logger: quiet });

describe('catalog.getItem', () => {
  it('answers the guide of an item in the catalog', async () => {
    const result = await server.invoke('catalog.getItem', { itemCode: '370200-000116001000' });
    expect(result).toMatchObject({ ok: true, output: { found: true, item: { name: '不动产登记资料查询', department: { name: '青岛市自然资源和规划局' } } } });
  });

  it('answers found: false for an unknown code, and refuses a malformed one', async () => {
    expect(await server.invoke('catalog.getItem', { itemCode: '370200-999' })).toEqual({ ok: true, output: { found: false } });
    expect(await server.invoke('catalog.getItem', { itemCode: '../x' })).toMatchObject({ ok: false, error: { code: 'invalidInput' } });
  });
});
