import { describe, expect, it } from 'vitest';
import { maskNameForPrint } from './masked-name';

describe('a name masked for paper', () => {
  it('keeps the first and last whole character of a longer name', () => {
    expect(maskNameForPrint('张小三')).toBe('张*三');
    expect(maskNameForPrint('蓝天䶮')).toBe('蓝*䶮');
    expect(maskNameForPrint('𠮷野家𠮷')).toBe('𠮷*𠮷');
    expect(maskNameForPrint('欧阳娜娜')).toBe('欧*娜');
    expect(maskNameForPrint(' SMITH, JOHN ')).toBe('S*N');
  });

  it('keeps only the first of one or two characters', () => {
    expect(maskNameForPrint('张三')).toBe('张*');
    expect(maskNameForPrint('𠮷田')).toBe('𠮷*');
    expect(maskNameForPrint('王')).toBe('王*');
    expect(maskNameForPrint('')).toBe('*');
  });
});
