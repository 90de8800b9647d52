import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pinyinTable } from './pinyin-candidates';

const rows = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const perPage = 8;

/**
 * Chinese (pinyin with a candidate bar), letters and digits, for text fields; touch only. In pinyin mode letters
 * collect in the bar and a candidate puts its characters into the field; in letter mode they go in directly.
 */
export function TextKeyboard(props: { onInsert(text: string): void; onBackspace(): void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'pinyin' | 'letters'>('pinyin');
  const [typed, setTyped] = useState('');
  const [page, setPage] = useState(0);
  const candidates = useMemo(() => (typed ? pinyinTable().candidates(typed) : []), [typed]);
  const shown = candidates.slice(page * perPage, page * perPage + perPage);
  const retype = (next: string) => {
    setTyped(next);
    setPage(0);
  };

  const letter = (key: string) => {
    if (mode === 'letters' || /[0-9]/.test(key)) props.onInsert(key);
    else retype(typed + key);
  };
  const pick = (index: number) => {
    const candidate = shown[index];
    if (!candidate) return;
    props.onInsert(candidate.text);
    retype(typed.slice(candidate.consumed));
  };

  return (
    <div className="keyboard text-keyboard" role="group" aria-label={t('journey.keyboard.text')} data-testid="text-keyboard">
      {mode === 'pinyin' && (
        <div className="candidate-bar" data-testid="candidate-bar">
          <span className="candidate-typed" data-testid="pinyin-typed">
            {typed || t('journey.keyboard.typePinyin')}
          </span>
          <div className="candidates">
            {shown.map((c, i) => (
              <button type="button" className="candidate" key={c.text} data-testid="candidate" onClick={() => pick(i)}>
                {c.text}
              </button>
            ))}
            {typed && candidates.length === 0 && <span className="candidate-none">{t('journey.keyboard.noCandidates')}</span>}
          </div>
          <button type="button" className="key key-page" aria-label={t('journey.keyboard.previous')} disabled={page === 0} onClick={() => setPage(page - 1)}>
            ‹
          </button>
          <button
            type="button"
            className="key key-page"
            aria-label={t('journey.keyboard.more')}
            disabled={(page + 1) * perPage >= candidates.length}
            onClick={() => setPage(page + 1)}
          >
            ›
          </button>
        </div>
      )}
      {rows.map((row) => (
        <div className="keyboard-row" key={row}>
          {[...row].map((key) => (
            <button type="button" className="key" key={key} data-key={key} aria-label={key} onClick={() => letter(key)}>
              {mode === 'letters' ? key.toUpperCase() : key}
            </button>
          ))}
        </div>
      ))}
      <div className="keyboard-row">
        <button
          type="button"
          className="key key-wide"
          data-testid="keyboard-mode"
          onClick={() => {
            retype('');
            setMode(mode === 'pinyin' ? 'letters' : 'pinyin');
          }}
        >
          {mode === 'pinyin' ? t('journey.keyboard.toLetters') : t('journey.keyboard.toPinyin')}
        </button>
        <button type="button" className="key key-space" data-key="space" onClick={() => (typed ? pick(0) : props.onInsert(' '))}>
          {typed ? t('journey.keyboard.pickFirst') : t('journey.keyboard.space')}
        </button>
        <button
          type="button"
          className="key key-wide"
          data-key="backspace"
          aria-label={t('journey.keyboard.backspace')}
          onClick={() => (typed ? retype(typed.slice(0, -1)) : props.onBackspace())}
        >
          {t('journey.keyboard.backspaceShort')}
        </button>
      </div>
    </div>
  );
}
