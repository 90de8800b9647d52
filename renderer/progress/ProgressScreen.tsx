// 进度查询: the case number or receipt code typed on a keypad or read from the receipt's QR code, then the case's
// status, steps, promised date and reasons; offline, plain words on why it has to wait.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseReference, type ProgressResult } from '../../contracts/kiosk-api';
import { useKioskApi } from '../api/kiosk-api-context';
import { TopBar } from '../app/TopBar';
import { useSpokenInstructions } from '../speech/speech-context';
import { ReferenceKeypad } from './ReferenceKeypad';
import { useReceiptQr } from './use-receipt-qr';

type Found = Extract<ProgressResult, { ok: true }>;
type View =
  | { step: 'enter' }
  | { step: 'loading' }
  | { step: 'found'; progress: Found }
  | { step: 'failed'; code: Extract<ProgressResult, { ok: false }>['error']['code'] | 'unreachable' };

export function ProgressScreen(props: {
  onHome(): void;
  onRate(reference: string): void;
  elderMode: boolean;
  onToggleElderMode(): void;
  onToggleLanguage(): void;
}) {
  const { t, i18n } = useTranslation();
  const api = useKioskApi();
  const [typed, setTyped] = useState('');
  const [view, setView] = useState<View>({ step: 'enter' });

  const query = useCallback(
    (reference: string) => {
      setView({ step: 'loading' });
      api.invoke('progress.query', { reference }).then(
        (answer) => setView(answer.ok ? { step: 'found', progress: answer } : { step: 'failed', code: answer.error.code }),
        () => setView({ step: 'failed', code: 'unreachable' }),
      );
    },
    [api],
  );
  const reader = useReceiptQr(view.step === 'enter', query);
  const valid = CaseReference.safeParse(typed).success;

  const spoken: Record<View['step'], string> = {
    enter: t('progress.spokenEnter'),
    loading: t('progress.loading'),
    found: view.step === 'found' ? t('progress.spokenFound', { status: t(`progress.status.${view.progress.status}`) }) : '',
    failed: view.step === 'failed' ? t(`progress.error.${view.code}`) : '',
  };
  useSpokenInstructions(spoken[view.step]);

  const date = (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(new Date(iso));
  const dateTime = (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

  let body;
  if (view.step === 'enter') {
    body = (
      <div className="progress-enter">
        <section className="progress-type">
          <h2>{t('progress.typeTitle')}</h2>
          {/* The button beside the box, not under the keypad: in elder mode it stays on screen without scrolling. */}
          <div className="reference-row">
            <div className="search-box reference-box" data-testid="reference-box" role="textbox" aria-label={t('progress.typeTitle')}>
              {typed ? <span className="search-query">{typed.toUpperCase()}</span> : <span className="search-placeholder">{t('progress.typeHint')}</span>}
            </div>
            <button type="button" className="primary-button" data-testid="progress-submit" disabled={!valid} onClick={() => query(typed)}>
              {t('progress.query')}
            </button>
          </div>
          <ReferenceKeypad onKey={(key) => setTyped((v) => (v.length < 64 ? v + key : v))} onBackspace={() => setTyped((v) => v.slice(0, -1))} onClear={() => setTyped('')} />
        </section>
        <section className="progress-scan" data-testid="progress-scan">
          <h2>{t('progress.scanTitle')}</h2>
          <p className="scan-hint">{t('progress.scanHint')}</p>
          {reader.state === 'notReceipt' && (
            <p className="inline-error" role="alert" data-testid="qr-not-receipt">
              {t('progress.notReceipt')}
            </p>
          )}
          {reader.state === 'unavailable' && <p className="inline-error">{t('progress.readerUnavailable')}</p>}
        </section>
      </div>
    );
  } else if (view.step === 'loading') {
    body = <p className="notice">{t('progress.loading')}</p>;
  } else if (view.step === 'failed') {
    body = (
      <div className="progress-result">
        <p className="notice" role="alert" data-testid="progress-error">
          {t(`progress.error.${view.code}`)}
        </p>
        <button type="button" className="primary-button" onClick={() => setView({ step: 'enter' })}>
          {t('progress.again')}
        </button>
      </div>
    );
  } else {
    const p = view.progress;
    body = (
      <div className="progress-result" data-testid="progress-result">
        <section className={`progress-status status-${p.status}`}>
          <p className="progress-status-label" data-testid="progress-status">
            {t(`progress.status.${p.status}`)}
          </p>
          {p.itemName && <p className="progress-item">{p.itemName}</p>}
          <dl className="progress-facts">
            <dt>{t('progress.caseNumber')}</dt>
            <dd data-testid="progress-case-number">{p.caseNumber}</dd>
            <dt>{t('progress.submittedAt')}</dt>
            <dd>{dateTime(p.submittedAt)}</dd>
            <dt>{t('progress.promisedBy')}</dt>
            <dd>{p.promisedBy ? date(p.promisedBy) : t('progress.noPromise')}</dd>
          </dl>
        </section>
        {p.steps.length > 0 && (
          <section>
            <h2>{t('progress.steps')}</h2>
            <ol className="progress-steps">
              {p.steps.map((s) => (
                <li key={s.name} className={s.done ? 'step-done' : 'step-open'}>
                  <span className="step-mark">{s.done ? t('progress.stepDone') : t('progress.stepOpen')}</span> {t(`progress.step.${s.name}`, { defaultValue: s.name })}
                  {s.at && <span className="step-at"> · {dateTime(s.at)}</span>}
                </li>
              ))}
            </ol>
          </section>
        )}
        {p.reasons.length > 0 && (
          <section>
            <h2>{t('progress.reasons')}</h2>
            <ul>{p.reasons.map((r) => <li key={r}>{r}</li>)}</ul>
          </section>
        )}
        <div className="progress-actions">
          {p.rated ? (
            <p className="notice">{t('progress.rated')}</p>
          ) : (
            <button type="button" className="primary-button" data-testid="progress-rate" onClick={() => props.onRate(p.caseNumber)}>
              {t('progress.rate')}
            </button>
          )}
          <button type="button" className="pill" onClick={() => setView({ step: 'enter' })}>
            {t('progress.another')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <main className="screen progress-screen" data-testid="progress-screen">
      <TopBar title={t('progress.title')} elderMode={props.elderMode} onToggleElderMode={props.onToggleElderMode} onToggleLanguage={props.onToggleLanguage}>
        <button type="button" className="pill" onClick={props.onHome}>
          {t('nav.home')}
        </button>
      </TopBar>
      <div className="progress-body">{body}</div>
    </main>
  );
}
