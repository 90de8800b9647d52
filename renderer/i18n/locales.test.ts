import { describe, expect, it } from 'vitest';
import { translations } from './resources';

const { en, 'zh-CN': zhCN } = translations;

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

function interpolations(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();
}

describe('locales', () => {
  it('English has exactly the keys of zh-CN, so no screen falls back to another language', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it('every translation uses the same placeholders as the Chinese text', () => {
    const lookup = (tree: unknown, key: string) =>
      key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) as string;
    for (const key of keys(zhCN)) {
      expect(interpolations(lookup(en, key)), key).toEqual(interpolations(lookup(zhCN, key)));
    }
  });
});
