import { useTranslation } from 'react-i18next';

const digits = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Digits only, large, for numbers, ID numbers, phone numbers and dates; `extra` adds X, a point or a hyphen. */
export function NumericPad(props: { extra?: string; onKey(key: string): void; onBackspace(): void; onClear(): void }) {
  const { t } = useTranslation();
  const key = (k: string) => (
    <button type="button" className="key pad-key" key={k} data-key={k} onClick={() => props.onKey(k)}>
      {k}
    </button>
  );
  return (
    <div className="numeric-pad" role="group" aria-label={t('journey.keyboard.numeric')} data-testid="numeric-pad">
      {digits.map(key)}
      {props.extra ? key(props.extra) : <button type="button" className="key pad-key" onClick={props.onClear}>{t('journey.keyboard.clear')}</button>}
      {key('0')}
      <button type="button" className="key pad-key" data-key="backspace" aria-label={t('journey.keyboard.backspace')} onClick={props.onBackspace}>
        {t('journey.keyboard.backspaceShort')}
      </button>
    </div>
  );
}
