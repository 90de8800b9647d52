// The attract screen (待机屏): what the kiosk shows between citizens. Dim, with content that changes every few
// seconds and a layout that drifts slowly, so no bright area stays in one place long enough to burn into the panel.
// Touching anywhere in the middle (or the big button) starts a visit.
import { useTranslation } from 'react-i18next';
import { AccessibilitySwitches } from '../accessibility/AccessibilitySwitches';
import type { CatalogState } from '../catalog/use-catalog';
import { useBusy } from '../session/idle-context';
import { useClock } from './use-clock';
import type { Connection } from './use-system-info';

/** Seconds each panel of the rotation stays. */
const panelSeconds = 10;
const hotShown = 6;
/**
 * Where the content sits, one position a minute (px): a few pixels every minute are invisible to a citizen and move
 * every edge off its pixels over the hours. Jumps, not an animation: nothing on screen is ever in motion under a finger.
 */
const drift = [
  [0, 0],
  [12, 6],
  [20, -4],
  [8, -12],
  [-10, -8],
  [-18, 4],
  [-6, 12],
  [6, 16],
] as const;
const steps = ['step1', 'step2', 'step3', 'step4'] as const;

export function StartScreen(props: {
  connection: Connection;
  catalog: CatalogState;
  elderMode: boolean;
  onToggleElderMode(): void;
  onToggleLanguage(): void;
  onStart(): void;
}) {
  const { t, i18n } = useTranslation();
  // No visit is under way here: the idle timer has nothing to end.
  useBusy();
  const now = useClock();
  const { connection, catalog } = props;
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full' }).format(now);
  const time = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit', hour12: false }).format(now);

  const hot =
    catalog.state === 'ready'
      ? catalog.overview.hot.flatMap((code) => catalog.overview.items[catalog.byCode.get(code) ?? -1]?.name ?? []).slice(0, hotShown)
      : [];
  const panels = [
    <p className="welcome" key="welcome">
      {t('start.welcome')}
    </p>,
    ...(hot.length > 0
      ? [
          <div className="attract-panel" key="hot">
            <h2>{t('attract.hotTitle')}</h2>
            <ul className="attract-hot">{hot.map((name) => <li key={name}>{name}</li>)}</ul>
          </div>,
        ]
      : []),
    <div className="attract-panel" key="how">
      <h2>{t('attract.howTitle')}</h2>
      <ol className="attract-steps">{steps.map((s) => <li key={s}>{t(`attract.${s}`)}</li>)}</ol>
    </div>,
  ];
  const panel = panels[Math.floor(now.getTime() / (panelSeconds * 1000)) % panels.length];
  const [dx, dy] = drift[Math.floor(now.getTime() / 60_000) % drift.length] ?? [0, 0];

  return (
    <main className="start-screen attract" data-testid="start-screen">
      <div className="attract-drift" style={{ transform: `translate(${dx}px, ${dy}px)` }}>
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

        <section className="start-body" data-testid="attract-touch" onClick={props.onStart}>
          <div className="attract-rotating" data-testid="attract-panel">
            {panel}
          </div>
          <p className="prompt">{t('start.prompt')}</p>
          <button type="button" className="start-button" data-testid="start-button" onClick={props.onStart}>
            {t('start.begin')}
          </button>
          <p className="attract-touch-hint">{t('attract.touchHint')}</p>
        </section>
      </div>

      <nav className="start-actions" aria-label={t('attract.settings')}>
        <button type="button" className="pill" aria-pressed={props.elderMode} onClick={props.onToggleElderMode}>
          {props.elderMode ? t('settings.elderModeOn') : t('settings.elderMode')}
        </button>
        <button type="button" className="pill" aria-label={t('settings.languageLabel')} onClick={props.onToggleLanguage}>
          {t('settings.language')}
        </button>
        <AccessibilitySwitches />
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
