// 好差评: five levels, the two bad ones with at least one reason from the list (国办发〔2019〕51号); stored through the
// outbox like an application (`rating.submit`), then a thank-you.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RatingReason } from '../../contracts/kiosk-api';
import { useKioskApi } from '../api/kiosk-api-context';
import { TopBar } from '../app/TopBar';
import { useSpokenInstructions } from '../speech/speech-context';

type Sent = { state: 'editing' } | { state: 'sending' } | { state: 'thanks' } | { state: 'failed' };

/** 5 非常满意 … 1 非常不满意, best first as the national 好差评 pages list them. */
const levels = [5, 4, 3, 2, 1] as const;
const reasons = RatingReason.options;

export function RatingScreen(props: {
  /** The case number, or the transaction id of an application just submitted. */
  reference: string;
  onDone(): void;
  /** What the top bar's way out (`onDone`) says: "home" unless the screen was opened from somewhere to go back to. */
  doneLabel?: string;
  elderMode: boolean;
  onToggleElderMode(): void;
  onToggleLanguage(): void;
}) {
  const { t } = useTranslation();
  const api = useKioskApi();
  const [level, setLevel] = useState<number>();
  const [chosen, setChosen] = useState<(typeof reasons)[number][]>([]);
  const [sent, setSent] = useState<Sent>({ state: 'editing' });
  const bad = level !== undefined && level <= 2;
  const ready = level !== undefined && (!bad || chosen.length > 0);

  useSpokenInstructions(sent.state === 'thanks' ? t('rating.thanks') : bad ? t('rating.reasonPrompt') : t('rating.prompt'));

  const send = () => {
    if (level === undefined) return;
    setSent({ state: 'sending' });
    api.invoke('rating.submit', { reference: props.reference, level, reasons: bad ? chosen : [] }).then(
      (answer) => setSent({ state: answer.ok ? 'thanks' : 'failed' }),
      () => setSent({ state: 'failed' }),
    );
  };

  const bar = (
    <TopBar title={t('rating.title')} elderMode={props.elderMode} onToggleElderMode={props.onToggleElderMode} onToggleLanguage={props.onToggleLanguage}>
      <button type="button" className="pill" data-testid="rating-leave" onClick={props.onDone}>
        {props.doneLabel ?? t('nav.home')}
      </button>
    </TopBar>
  );

  if (sent.state === 'thanks') {
    return (
      <main className="screen rating-screen" data-testid="rating-screen">
        {bar}
        <div className="rating-body rating-thanks" data-testid="rating-thanks">
          <p className="rating-thanks-title">{t('rating.thanks')}</p>
          {bad && <p>{t('rating.followUp')}</p>}
          <button type="button" className="primary-button" data-testid="rating-done" onClick={props.onDone}>
            {t('rating.done')}
          </button>
        </div>
      </main>
    );
  }

  return (
    <main className="screen rating-screen" data-testid="rating-screen">
      {bar}
      <div className="rating-body">
        <h2>{t('rating.prompt')}</h2>
        <p className="rating-reference">{t('rating.reference', { reference: props.reference })}</p>
        <div className="rating-levels" role="radiogroup" aria-label={t('rating.prompt')}>
          {levels.map((l) => (
            <button
              type="button"
              role="radio"
              aria-checked={level === l}
              className={`rating-level${level === l ? ' rating-level-chosen' : ''}`}
              data-testid={`rating-level-${l}`}
              key={l}
              onClick={() => setLevel(l)}
            >
              <span className="rating-stars" aria-hidden="true">
                {'★'.repeat(l)}
                {'☆'.repeat(5 - l)}
              </span>
              <span>{t(`rating.level.${l}`)}</span>
            </button>
          ))}
        </div>
        {bad && (
          <section className="rating-reasons" data-testid="rating-reasons">
            <h2>{t('rating.reasonPrompt')}</h2>
            <div className="tiles">
              {reasons.map((r) => (
                <button
                  type="button"
                  className="tile"
                  aria-pressed={chosen.includes(r)}
                  data-testid={`rating-reason-${r}`}
                  key={r}
                  onClick={() => setChosen((c) => (c.includes(r) ? c.filter((x) => x !== r) : [...c, r]))}
                >
                  {t(`rating.reason.${r}`)}
                </button>
              ))}
            </div>
          </section>
        )}
        {sent.state === 'failed' && (
          <p className="inline-error" role="alert">
            {t('rating.failed')}
          </p>
        )}
        <button type="button" className="primary-button" data-testid="rating-submit" disabled={!ready || sent.state === 'sending'} onClick={send}>
          {bad && chosen.length === 0 ? t('rating.needReason') : t('rating.submit')}
        </button>
      </div>
    </main>
  );
}
