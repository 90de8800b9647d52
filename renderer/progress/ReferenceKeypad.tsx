import { useTranslation } from 'react-i18next';

// Case numbers are digits and hyphens (`370202-20250301-000012`); receipt codes are UUIDs (hex digits and hyphens).
const rows = [
  ['1', '2', '3', 'a', 'b'],
  ['4', '5', '6', 'c', 'd'],
  ['7', '8', '9', 'e', 'f'],
  ['-', '0'],
];

/** A keypad for case numbers and receipt codes: only the characters they can hold, so nothing else can be typed. */
export function ReferenceKeypad(props: { onKey(key: string): void; onBackspace(): void; onClear(): void }) {
  const { t } = useTranslation();
  return (
    <div className="keypad" data-testid="reference-keypad" role="group" aria-label={t('progress.keypad')}>
      {rows.map((row) => (
        <div className="keypad-row" key={row.join('')}>
          {row.map((key) => (
            <button type="button" className="key" key={key} data-key={key} onClick={() => props.onKey(key)}>
              {key.toUpperCase()}
            </button>
          ))}
        </div>
      ))}
      <div className="keypad-row">
        <button type="button" className="key key-wide" aria-label={t('keyboard.backspace')} onClick={props.onBackspace}>
          {t('keyboard.backspaceShort')}
        </button>
        <button type="button" className="key key-wide" onClick={props.onClear}>
          {t('keyboard.clear')}
        </button>
      </div>
    </div>
  );
}
