import { describe, expect, it } from 'vitest';
import { searchUsed } from './search-used';

const recorded: [string, string][] = [];
const counts = {
  record: async (query: string, itemCode: string) => {
    recorded.push([query, itemCode]);
    return query.includes('1101') ? ('notCounted' as const) : ('counted' as const);
  },
};
const catalog = { guide: (code: string) => (code === '370200-000112013000' ? ({} as never) : undefined) };
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

describe('search.used', () => {
  it('counts only a search whose opened item is in the catalog, as the log decides, and never fails the step', async () => {
    const handler = searchUsed(catalog, counts, quiet);
    expect(await handler({ query: '公积金', itemCode: '370200-000112013000' })).toEqual({ counted: true });
    expect(await handler({ query: '公积金', itemCode: '370200-999' })).toEqual({ counted: false });
    expect(await handler({ query: '11010519491231002X', itemCode: '370200-000112013000' })).toEqual({ counted: false });
    expect(recorded).toEqual([
      ['公积金', '370200-000112013000'],
      ['11010519491231002X', '370200-000112013000'],
    ]);
    const failing = searchUsed(catalog, { record: () => Promise.reject(Object.assign(new Error('disk full'), { code: 'ENOSPC' })) }, quiet);
    expect(await failing({ query: '社保', itemCode: '370200-000112013000' })).toEqual({ counted: false });
    expect(await searchUsed(catalog, undefined, quiet)({ query: '社保', itemCode: '370200-000112013000' })).toEqual({ counted: false });
  });
});
