import { describe, expect, it } from 'vitest';
import { CatalogDocument } from '../../contracts/catalog';
import { largeDemoCatalog } from './large-demo-catalog';

describe('large demo catalog', () => {
  const parsed = CatalogDocument.safeParse(largeDemoCatalog());

  it('passes the catalog schema with 5,000+ items', () => {
    expect(parsed.error?.issues.slice(0, 3)).toBeUndefined();
    expect(parsed.data!.items.length).toBeGreaterThanOrEqual(5000);
  });

  it('covers the departments kiosks serve, with real-sounding names', () => {
    const names = parsed.data!.items.map((i) => i.name);
    for (const name of ['城乡居民基本养老保险参保登记', '住房公积金个人账户信息查询', '不动产登记资料查询', '住房公积金提取（租赁住房）']) {
      expect(names).toContain(name);
    }
    const departments = new Set(parsed.data!.items.map((i) => i.department.name));
    for (const part of ['人力资源和社会保障', '医疗保障', '住房公积金', '不动产', '公安', '市场监督', '税务', '民政']) {
      expect([...departments].some((d) => d.includes(part)), part).toBe(true);
    }
  });

  it('is the same every time', () => {
    expect(JSON.stringify(largeDemoCatalog())).toBe(JSON.stringify(largeDemoCatalog()));
  });
});
