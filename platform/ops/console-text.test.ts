// The console's two languages carry the same placeholders in every text (the compiler checks the keys).
import { expect, it } from 'vitest';
import { consoleTexts, translator } from './console-text';

it('has the same placeholders in zh-CN and English', () => {
  const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();
  for (const [key, zh] of Object.entries(consoleTexts['zh-CN'])) {
    expect(placeholders(consoleTexts.en[key as keyof typeof consoleTexts.en]), key).toEqual(placeholders(zh));
  }
  expect(translator('en')('stats.window', { n: 7 })).toBe('Last 7 days');
});
