import { describe, expect, it } from 'vitest';
import type { CatalogOverview } from '../../contracts/kiosk-api';
import { buildSearchIndex, normaliseQuery } from './search-index';

// A small catalog of real item names; the 5,000-item scale is measured in test/bench/search.bench.ts.
const departments = [
  { code: 'RSJ', name: '青岛市人力资源和社会保障局', shortName: '社保' },
  { code: 'GJJ', name: '青岛市住房公积金管理中心', shortName: '公积金' },
  { code: 'BDC', name: '青岛市不动产登记中心', shortName: '不动产' },
  { code: 'GAJ', name: '青岛市公安局', shortName: '公安' },
  { code: 'YBJ', name: '青岛市医疗保障局', shortName: '医保' },
];
const topics = [
  { name: '社保', audience: 'individual' as const },
  { name: '住房', audience: 'individual' as const },
];
const items: [string, string, number, number[], boolean][] = [
  ['370200-000112013000', '城镇职工基本养老保险参保缴费证明打印', 0, [0], true],
  ['370200-000112001000', '城乡居民基本养老保险参保登记', 0, [0], true],
  ['370200-000113001000', '住房公积金个人账户信息查询', 1, [1], true],
  ['370200-000113021003', '住房公积金提取（租赁住房）', 1, [1], true],
  ['370200-000113002000', '解除劳动关系提取住房公积金', 1, [1], true],
  ['370200-000113022000', '住房公积金个人住房贷款申请', 1, [1], false],
  ['370200-000116001000', '不动产登记资料查询', 2, [1], true],
  ['370200-000110011000', '无犯罪记录证明开具', 3, [], true],
  ['370200-000122013000', '异地就医备案', 4, [], true],
  ['370200-000110001000', '居民身份证换领', 3, [], true],
];
const overview: CatalogOverview = {
  version: 't',
  departments,
  topics,
  hot: [],
  items: items.map(([code, name, dept, t, kiosk]) => ({ code, name, dept, topics: t, kiosk })),
  bundles: [],
};
const index = buildSearchIndex(overview);
const names = (query: string) => index.search(query).map((h) => overview.items[h.index]!.name);

describe('search index', () => {
  it('gjj (pinyin initials) finds the 公积金 items, kiosk ones first', () => {
    const found = names('gjj');
    expect(found.slice(0, 4).every((n) => n.includes('公积金'))).toBe(true);
    expect(found).toHaveLength(4);
    expect(found.at(-1)).toBe('住房公积金个人住房贷款申请');
  });

  it('shebao (full pinyin) and sb (initials) find the 社保 department\'s items', () => {
    expect(names('shebao')).toEqual(['城乡居民基本养老保险参保登记', '城镇职工基本养老保险参保缴费证明打印']);
    expect(names('sb')).toEqual(expect.arrayContaining(['城乡居民基本养老保险参保登记', '城镇职工基本养老保险参保缴费证明打印']));
  });

  it('公积金提取 matches the name with it, then names with its characters in order', () => {
    expect(names('公积金提取')).toEqual(['住房公积金提取（租赁住房）']);
    expect(names('提取公积金')).toEqual(['解除劳动关系提取住房公积金']);
  });

  it('an item code, exact or by its leading digits, with or without the dash', () => {
    expect(names('370200-000116001000')).toEqual(['不动产登记资料查询']);
    expect(names('370200000116001000')).toEqual(['不动产登记资料查询']);
    expect(names('000116001')[0]).toBe('不动产登记资料查询');
  });

  it('ranks a name prefix above a substring', () => {
    expect(names('不动产')[0]).toBe('不动产登记资料查询');
    expect(names('budongchan')[0]).toBe('不动产登记资料查询');
    expect(names('wfz')).toEqual(['无犯罪记录证明开具']);
  });

  it('ignores case, spaces and an empty query; needs a syllable start for full pinyin', () => {
    expect(normaliseQuery(' GJJ ')).toBe('gjj');
    expect(index.search('   ')).toEqual([]);
    // "ang" sits inside many syllables (fang, zhang) but starts none of them.
    expect(names('ang')).toEqual([]);
  });
});
