import { useTranslation } from 'react-i18next';

const rows = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/**
 * Letters and digits for the search: pinyin is typed as letters and matched directly (no candidate bar needed),
 * item codes as digits. Touch only; every key is a button, at least 60 px high in elder mode (rem-sized).
 */
export function OnScreenKeyboard(props: { onKey(key: string): void; onBackspace(): void; onClear(): void }) {
  const { t } = useTranslation();
  return (
    <div className="keyboard" role="group" aria-label={t('keyboard.label')} data-testid="keyboard">
      {rows.map((row) => (
        <div className="keyboard-row" key={row}>
          {[...row].map((key) => (
            <button type="button" className="key" key={key} data-key={key} aria-label={key} onClick={() => props.onKey(key)}>
              {key.toUpperCase()}
            </button>
          ))}
        </div>
      ))}
      <div className="keyboard-row">
        <button type="button" className="key key-wide" onClick={props.onBackspace} aria-label={t('keyboard.backspace')}>
          {t('keyboard.backspaceShort')}
        </button>
        <button type="button" className="key key-wide" onClick={props.onClear}>
          {t('keyboard.clear')}
        </button>
      </div>
    </div>
  );
}
