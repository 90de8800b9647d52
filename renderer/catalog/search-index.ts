// Search over the catalog's items as the citizen types on the on-screen keyboard: Chinese names, full pinyin
// (gongjijin), pinyin initials (gjj → 公积金) and item codes. Pinyin is computed once, when the index is built (the
// catalog changes rarely), so a keystroke only compares precomputed strings: a few milliseconds over 5,000+ items.
//
// Ranking, best first: exact item code; code prefix; name equal to the query; name, full pinyin or initials starting
// with it; the query inside the name (or inside its pinyin at a syllable start, or its initials); all of its
// characters in order in the name; a match on the item's department or topic only (社保, sb, shebao). Ties: items
// this kiosk can do first, then shorter names, then catalog order.
import { pinyin } from 'pinyin-pro';
import type { CatalogOverview } from '../../contracts/kiosk-api';

interface Phonetic {
  text: string;
  /** Full pinyin without tones or spaces: 住房公积金 → zhufanggongjijin. */
  full: string;
  /** First letters of the syllables: zfgjj. */
  initials: string;
  /** Offsets in `full` where a syllable starts. */
  starts: Set<number>;
}

interface Entry {
  index: number;
  code: string;
  /** The code in lower case without separators, as typed on a keyboard of letters and digits. */
  codeKey: string;
  name: Phonetic;
  /** The department's short name and the topics: matched with a lower score. */
  keywords: Phonetic[];
  kiosk: boolean;
}

export interface SearchHit {
  /** Index into the overview's `items`. */
  index: number;
  score: number;
}

export interface SearchIndex {
  readonly size: number;
  search(query: string, limit?: number): SearchHit[];
}

function phonetic(text: string): Phonetic {
  const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'removed', v: true })
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter((s) => s.length > 0);
  const starts = new Set<number>();
  let full = '';
  for (const s of syllables) {
    starts.add(full.length);
    full += s;
  }
  return { text, full, initials: syllables.map((s) => s[0]).join(''), starts };
}

/** Lower case; keeps letters, digits and Chinese characters (drops spaces, dashes, brackets). */
export function normaliseQuery(query: string): string {
  return query.toLowerCase().replace(/[^a-z0-9\u3400-\u9fff\uf900-\ufaff]/g, '');
}

const latin = /^[a-z0-9]+$/;

/** Where `needle` occurs in `full` starting at a syllable, or -1. */
function syllableIndexOf(p: Phonetic, needle: string): number {
  for (let at = p.full.indexOf(needle); at !== -1; at = p.full.indexOf(needle, at + 1)) {
    if (p.starts.has(at)) return at;
  }
  return -1;
}

function inOrder(text: string, query: string): boolean {
  let at = 0;
  for (const ch of query) {
    at = text.indexOf(ch, at);
    if (at === -1) return false;
    at += ch.length;
  }
  return true;
}

function scoreText(p: Phonetic, q: string, isLatin: boolean): number {
  if (p.text === q) return 900;
  if (p.text.startsWith(q)) return 800;
  if (p.text.includes(q)) return 600;
  if (isLatin) {
    if (p.full === q || p.initials === q) return 850;
    if (p.initials.startsWith(q) || (q.length >= 2 && p.full.startsWith(q))) return 750;
    if (q.length >= 2 && p.initials.includes(q)) return 550;
    if (q.length >= 2 && syllableIndexOf(p, q) !== -1) return 500;
    return 0;
  }
  if (q.length >= 2 && inOrder(p.text, q)) return 300;
  return 0;
}

function scoreEntry(e: Entry, q: string, isLatin: boolean): number {
  let score = 0;
  if (isLatin && /[0-9]/.test(q)) {
    if (e.codeKey === q) return 1000;
    if (e.codeKey.startsWith(q)) score = 950;
    else if (q.length >= 3 && e.codeKey.includes(q)) score = 400;
  }
  score = Math.max(score, scoreText(e.name, q, isLatin));
  if (score >= 300) return score;
  for (const k of e.keywords) {
    const s = scoreText(k, q, isLatin);
    // Only a whole or a leading match on a department or topic counts: `sb` → 社保, not every "s…b…".
    if (s >= 750) score = Math.max(score, 200);
  }
  return score;
}

export function buildSearchIndex(overview: Pick<CatalogOverview, 'items' | 'departments' | 'topics'>): SearchIndex {
  const departmentKeys = overview.departments.map((d) => phonetic(d.shortName));
  const topicKeys = overview.topics.map((t) => phonetic(t.name));
  // Many items share a name (each district implements the same item): pinyin is computed once per name.
  const names = new Map<string, Phonetic>();
  const entries: Entry[] = overview.items.map((item, index) => {
    let name = names.get(item.name);
    if (!name) {
      name = phonetic(item.name);
      names.set(item.name, name);
    }
    const keywords = [departmentKeys[item.dept], ...item.topics.map((t) => topicKeys[t])].filter((k): k is Phonetic => k !== undefined);
    return { index, code: item.code, codeKey: normaliseQuery(item.code), name, keywords, kiosk: item.kiosk };
  });

  return {
    size: entries.length,
    search(query, limit = 50) {
      const q = normaliseQuery(query);
      if (!q) return [];
      const isLatin = latin.test(q);
      const hits: (SearchHit & { entry: Entry })[] = [];
      for (const entry of entries) {
        const score = scoreEntry(entry, q, isLatin);
        if (score > 0) hits.push({ index: entry.index, score, entry });
      }
      hits.sort(
        (a, b) =>
          b.score - a.score ||
          Number(b.entry.kiosk) - Number(a.entry.kiosk) ||
          a.entry.name.text.length - b.entry.name.text.length ||
          a.index - b.index,
      );
      return hits.slice(0, limit).map(({ index, score }) => ({ index, score }));
    },
  };
}
