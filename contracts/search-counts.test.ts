import { describe, expect, it } from 'vitest';
import { SearchCount, countableSearch, normaliseSearchQuery } from './search-counts';

const code = '370200-000112013000';

describe('countable searches', () => {
  it('normalises: NFKC, lower case, trimmed, one space', () => {
    expect(normaliseSearchQuery('  ＧＪＪ  公积金\t提取 ')).toBe('gjj 公积金 提取');
    expect(countableSearch('  Ｓｈｅｂａｏ ', code)).toBe('shebao');
    expect(countableSearch('65岁 补贴', code)).toBe('65岁 补贴');
  });

  it('never counts an ID number, a phone number, a long digit string or a long text', () => {
    for (const personal of ['11010519491231002X', '110105194912310', '１１０１０５１９４９１２３１００２ｘ', '13812345678', '0532-88881234', '88881234', '张三 11010519491231002X', '12345'])
      expect(countableSearch(personal, code)).toBeUndefined();
    expect(countableSearch('一'.repeat(25), code)).toBeUndefined();
    expect(countableSearch('   ', code)).toBeUndefined();
  });

  it('counts a search by item code as the opened item’s code, and only when the digits begin it', () => {
    expect(countableSearch('370200-000112', code)).toBe(code);
    expect(countableSearch('370200000112013000', code)).toBe(code);
    expect(countableSearch('370200-000199', code)).toBeUndefined();
    expect(countableSearch('公积金370200', code)).toBeUndefined();
  });

  it('takes only normalised queries on the wire', () => {
    expect(SearchCount.safeParse({ day: '2026-11-20', query: 'gjj', count: 3 }).success).toBe(true);
    expect(SearchCount.safeParse({ day: '2026-11-20', query: 'GJJ', count: 3 }).success).toBe(false);
    expect(SearchCount.safeParse({ day: '2026-11-20', query: 'gjj', count: 0 }).success).toBe(false);
  });
});
