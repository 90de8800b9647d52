import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogService, type CatalogSource, departmentShortName } from './catalog-service';

// The platform's demo catalog, read as data (main/ does not import platform/ code).
const demoCatalog = JSON.parse(readFileSync(path.join(import.meta.dirname, '../..', 'platform', 'catalog', 'demo-catalog.json'), 'utf8')) as { items: { implementationCode: string; basicCode: string }[] };

const quiet = { info() {}, warn() {}, error() {} };

function fakeSource(initial: { version: string; document: unknown } | null) {
  const listeners = new Set<(c: { version: string; document: unknown }) => void>();
  const source: CatalogSource = {
    catalog: () => initial,
    onCatalog: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return { source, push: (c: { version: string; document: unknown }) => listeners.forEach((l) => l(c)), listeners };
}

describe('CatalogService', () => {
  it('offers an empty catalog without a source', () => {
    const service = new CatalogService({ logger: quiet });
    expect(service.overview()).toEqual({ version: null, departments: [], topics: [], hot: [], items: [], bundles: [] });
    expect(service.guide('370200-000113002000')).toBeUndefined();
  });

  it('builds the compact overview from the catalog at start', () => {
    const service = new CatalogService({ source: fakeSource({ version: 'v1', document: demoCatalog }).source, logger: quiet });
    const overview = service.overview();
    expect(overview.version).toBe('v1');
    expect(overview.items).toHaveLength(demoCatalog.items.length);
    const gjj = overview.items.find((i) => i.code === '370200-000113002000')!;
    expect(gjj).toMatchObject({ name: '解除劳动关系提取住房公积金', kiosk: true });
    expect(overview.departments[gjj.dept]).toMatchObject({ name: '青岛市住房公积金管理中心', shortName: '公积金' });
    expect(gjj.topics.map((t) => overview.topics[t]!.name)).toEqual(['公积金']);
    expect(overview.topics.find((t) => t.name === '企业服务')?.audience).toBe('company');
    expect(overview.topics.find((t) => t.name === '社保')?.audience).toBe('individual');
    expect(overview.hot[0]).toBe('370200-000112013000');
  });

  it('gives the guide of one item', () => {
    const service = new CatalogService({ source: fakeSource({ version: 'v1', document: demoCatalog }).source, logger: quiet });
    const guide = service.guide('370200-000113002000')!;
    expect(guide.department.name).toBe('青岛市住房公积金管理中心');
    expect(guide.materials.length).toBeGreaterThan(0);
    expect(guide.terminal).toMatchObject({ available: true, printing: true });
  });

  it('takes updates into use and tells listeners; refuses a malformed one and keeps the last good', () => {
    const warnings: object[] = [];
    const fake = fakeSource(null);
    const service = new CatalogService({ source: fake.source, logger: { ...quiet, warn: (f) => warnings.push(f) } });
    const changes: string[] = [];
    service.onChange((v) => changes.push(v));
    fake.push({ version: 'v2', document: demoCatalog });
    expect(service.version).toBe('v2');
    fake.push({ version: 'v3', document: { ...demoCatalog, items: 'nope' } });
    expect(service.version).toBe('v2');
    expect(changes).toEqual(['v2']);
    expect(warnings).toHaveLength(1);
    service.close();
    expect(fake.listeners.size).toBe(0);
  });

  it('names departments as people do', () => {
    expect(departmentShortName('青岛市人力资源和社会保障局')).toBe('社保');
    expect(departmentShortName('国家税务总局青岛市市南区税务局')).toBe('税务');
    expect(departmentShortName('青岛市交通运输局')).toBe('交通运输局');
  });
});
