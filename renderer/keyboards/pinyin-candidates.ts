// Pinyin → hanzi for the on-screen keyboard's candidate bar: a reverse table built once, on first use, by running the
// common characters (and a few words that forms often need) through pinyin-pro. Typing `zhang` offers 张 章 长 …;
// `youxian` offers 有限公司 before the characters of `you`; an unfinished `zh` offers the characters of every
// syllable it starts.
import { pinyin } from 'pinyin-pro';
import { commonHanzi } from './common-hanzi';
import { formWords } from './form-words';

export interface Candidate {
  text: string;
  /** How many letters of the typed pinyin this candidate uses up. */
  consumed: number;
}

export interface PinyinTable {
  /** Candidates for typed pinyin (lower-case letters, `v` for ü), words first, then characters by frequency. */
  candidates(typed: string, limit?: number): Candidate[];
}

/** A syllable is at most six letters (zhuang, shuang). */
const maxSyllable = 6;

function readings(text: string, multiple: boolean): string[] {
  return pinyin(text, { toneType: 'none', type: 'array', v: true, multiple, nonZh: 'removed' });
}

export function buildPinyinTable(characters: string, words: readonly string[]): PinyinTable {
  const bySyllable = new Map<string, string[]>();
  // Rank = position in `characters`, which lists the most used first.
  const rank = new Map<string, number>();
  for (const char of characters) {
    if (rank.has(char)) continue;
    rank.set(char, rank.size);
    for (const syllable of new Set(readings(char, true))) {
      if (!/^[a-z]+$/.test(syllable)) continue;
      const list = bySyllable.get(syllable);
      if (list) list.push(char);
      else bySyllable.set(syllable, [char]);
    }
  }
  const wordList = words.map((word) => ({ word, spelled: readings(word, false).join('') }));

  /** The longest syllable the typed letters start with, if any. */
  const firstSyllable = (typed: string): string | undefined => {
    for (let length = Math.min(maxSyllable, typed.length); length > 0; length--) {
      const head = typed.slice(0, length);
      if (bySyllable.has(head)) return head;
    }
    return undefined;
  };

  return {
    candidates(raw, limit = 60) {
      const typed = raw.toLowerCase().replace(/ü/g, 'v');
      if (!/^[a-z]+$/.test(typed)) return [];
      const out: Candidate[] = [];
      const seen = new Set<string>();
      const add = (text: string, consumed: number) => {
        if (seen.has(text) || out.length >= limit) return;
        seen.add(text);
        out.push({ text, consumed });
      };
      const syllable = firstSyllable(typed);
      // Words: the typed letters spell a whole word (then what follows stays typed), or the start of a word that is
      // longer than one syllable of typing.
      const whole = wordList.filter((w) => typed.startsWith(w.spelled)).sort((a, b) => b.spelled.length - a.spelled.length);
      for (const w of whole) add(w.word, w.spelled.length);
      if (syllable === undefined || typed.length > syllable.length) {
        for (const w of wordList) if (w.spelled.startsWith(typed) && w.spelled !== typed) add(w.word, typed.length);
      }
      if (syllable !== undefined) {
        for (const char of bySyllable.get(syllable) ?? []) add(char, syllable.length);
      }
      if (syllable === undefined || syllable === typed) {
        // An unfinished syllable (zh, xia → xian, xiang …): the characters of every syllable it starts, by frequency.
        const more = [...bySyllable.entries()]
          .filter(([s]) => s !== syllable && s.startsWith(typed))
          .flatMap(([, chars]) => chars)
          .sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
        for (const char of more) add(char, typed.length);
      }
      return out;
    },
  };
}

let shared: PinyinTable | undefined;

/** The table for the kiosk's keyboard, built on the first keystroke (about 3,800 pinyin-pro look-ups). */
export function pinyinTable(): PinyinTable {
  shared ??= buildPinyinTable(commonHanzi, formWords);
  return shared;
}
