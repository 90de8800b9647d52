import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AccessibilitySwitches } from '../accessibility/AccessibilitySwitches';

/** The bar on every screen after the start screen: where you are, the way back, and the elder-mode, language, large-text and speech switches. */
export function TopBar(props: { title: string; elderMode: boolean; onToggleElderMode(): void; onToggleLanguage(): void; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <header className="top-bar">
      <div className="top-bar-nav">{props.children}</div>
      <h1 className="top-bar-title">{props.title}</h1>
      <div className="top-bar-settings">
        <button type="button" className="pill" aria-pressed={props.elderMode} onClick={props.onToggleElderMode}>
          {props.elderMode ? t('settings.elderModeOn') : t('settings.elderMode')}
        </button>
        <button type="button" className="pill" aria-label={t('settings.languageLabel')} onClick={props.onToggleLanguage}>
          {t('settings.language')}
        </button>
        <AccessibilitySwitches />
      </div>
    </header>
  );
}
