// The translations: `locales/<lang>.json` holds the shared strings, and `locales/<lang>/<part>.json` those of one
// part of the UI under the key `<part>` (so `locales/zh-CN/identity.json` is `t('identity.…')`). One file per part
// keeps parts built side by side from editing the same file.
import type { Locale } from '../../contracts/kiosk-api';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

type Tree = Record<string, unknown>;

const parts = import.meta.glob<Tree>('./locales/*/*.json', { eager: true, import: 'default' });

function withParts(lang: Locale, base: Tree): Tree {
  const merged: Tree = { ...base };
  for (const [file, tree] of Object.entries(parts)) {
    const match = /^\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(file);
    if (!match || match[1] !== lang) continue;
    const part = match[2] as string;
    if (part in merged) throw new Error(`locale part ${file} clashes with an existing key "${part}"`);
    merged[part] = tree;
  }
  return merged;
}

export const translations: Record<Locale, Tree> = { 'zh-CN': withParts('zh-CN', zhCN), en: withParts('en', en) };
