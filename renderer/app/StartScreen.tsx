import { useTranslation } from 'react-i18next';
import { useClock } from './use-clock';
import type { Connection } from './use-system-info';

export function StartScreen(props: {
  connection: Connection;
  elderMode: boolean;
  onToggleElderMode(): void;
  onToggleLanguage(): void;
  onStart(): void;
}) {
  const { t, i18n } = useTranslation();
  const now = useClock();
  const { connection } = props;
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full' }).format(now);
  const time = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit', hour12: false }).format(now);

  return (
    <main className="start-screen" data-testid="start-screen">
      <header className="start-header">
        <div className="brand">
          <h1>{t('app.title')}</h1>
          <p className="tagline">{t('app.tagline')}</p>
        </div>
        <div className="clock" aria-label={`${date} ${time}`}>
          <span className="clock-time">{time}</span>
          <span className="clock-date">{date}</span>
        </div>
      </header>

      <section className="start-body">
        <p className="welcome">{t('start.welcome')}</p>
        <p className="prompt">{t('start.prompt')}</p>
        <button type="button" className="start-button" data-testid="start-button" onClick={props.onStart}>
          {t('start.begin')}
        </button>
      </section>

      <nav className="start-actions" aria-label="settings">
        <button type="button" className="pill" aria-pressed={props.elderMode} onClick={props.onToggleElderMode}>
          {props.elderMode ? t('settings.elderModeOn') : t('settings.elderMode')}
        </button>
        <button type="button" className="pill" aria-label={t('settings.languageLabel')} onClick={props.onToggleLanguage}>
          {t('settings.language')}
        </button>
      </nav>

      <footer className="start-footer">
        <span className={`status status-${connection.state}`} data-testid="connection-status" role="status">
          {t(`start.${connection.state}`)}
        </span>
        {connection.state === 'connected' && (
          <span data-testid="terminal-label">
            {t('start.terminal', { name: connection.info.terminalName, id: connection.info.terminalId })}
          </span>
        )}
        <span>{t('start.help')}</span>
      </footer>
    </main>
  );
}
