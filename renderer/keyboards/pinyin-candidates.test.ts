import { describe, expect, it } from 'vitest';
import { buildPinyinTable, pinyinTable } from './pinyin-candidates';

const texts = (typed: string, limit?: number) => pinyinTable().candidates(typed, limit).map((c) => c.text);

describe('pinyin candidates', () => {
  it('offers the characters of a whole syllable, the most used first', () => {
    const zhang = texts('zhang');
    expect(zhang.slice(0, 3)).toContain('张');
    expect(zhang).toContain('章');
    expect(zhang).toContain('长'); // polyphonic: cháng / zhǎng
    expect(texts('shi')[0]).toBe('是');
    expect(pinyinTable().candidates('zhang').every((c) => c.consumed === 5)).toBe(true);
  });

  it('writes ü as v, and ignores case', () => {
    expect(texts('lv')).toContain('绿');
    expect(texts('NV')).toContain('女');
  });

  it('offers a word for the whole typing before the characters of its first syllable, and keeps the rest typed', () => {
    const typed = pinyinTable().candidates('youxiangongsi');
    expect(typed[0]).toEqual({ text: '有限公司', consumed: 13 });
    expect(typed.map((c) => c.text)).toContain('有');
    expect(typed.find((c) => c.text === '有')?.consumed).toBe(3);
    // Typing more than a word: the word uses up its letters, the rest stays for the next pick.
    expect(pinyinTable().candidates('qingdaoshi')[0]).toEqual({ text: '青岛', consumed: 7 });
  });

  it('completes an unfinished syllable from every syllable it starts', () => {
    const zh = texts('zh');
    expect(zh).toContain('中');
    expect(zh).toContain('张');
    expect(pinyinTable().candidates('zh').every((c) => c.consumed === 2)).toBe(true);
  });

  it('has nothing for what no syllable starts, or for digits', () => {
    expect(texts('vvv')).toEqual([]);
    expect(texts('12')).toEqual([]);
    expect(texts('')).toEqual([]);
  });

  it('honours the limit, and builds its own tables from what it is given', () => {
    expect(texts('yi', 5)).toHaveLength(5);
    const table = buildPinyinTable('杨羊阳', ['阳光']);
    expect(table.candidates('yang').map((c) => c.text)).toEqual(['杨', '羊', '阳']);
    expect(table.candidates('yangguang').map((c) => c.text)).toEqual(['阳光', '杨', '羊', '阳']);
  });
});
