import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemGuide } from '../../contracts/kiosk-api';
import { useKioskApi } from '../api/kiosk-api-context';
import { useSpokenInstructions } from '../speech/speech-context';
import { TopBar } from './TopBar';

type Loaded = { state: 'loading' } | { state: 'missing' } | { state: 'failed' } | { state: 'ready'; item: ItemGuide };

/** 办事指南: what the citizen must know before starting, in plain words, and what this kiosk can do for the item. */
export function GuideScreen(props: {
  itemCode: string;
  onBack(): void;
  onHome(): void;
  /** Starts doing the item at this kiosk (identity, form, materials, submit). */
  onStartJourney(): void;
  elderMode: boolean;
  onToggleElderMode(): void;
  onToggleLanguage(): void;
}) {
  const { t } = useTranslation();
  const api = useKioskApi();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  useEffect(() => {
    let stopped = false;
    setLoaded({ state: 'loading' });
    api.invoke('catalog.getItem', { itemCode: props.itemCode }).then(
      (answer) => !stopped && setLoaded(answer.found ? { state: 'ready', item: answer.item } : { state: 'missing' }),
      () => !stopped && setLoaded({ state: 'failed' }),
    );
    return () => {
      stopped = true;
    };
  }, [api, props.itemCode]);
  useSpokenInstructions(loaded.state === 'ready' ? t('session.spokenGuide', { name: loaded.item.name }) : undefined);

  const nav = (
    <>
      <button type="button" className="pill" onClick={props.onBack}>
        {t('nav.back')}
      </button>
      <button type="button" className="pill" onClick={props.onHome}>
        {t('nav.home')}
      </button>
    </>
  );
  const bar = (
    <TopBar title={t('guide.title')} elderMode={props.elderMode} onToggleElderMode={props.onToggleElderMode} onToggleLanguage={props.onToggleLanguage}>
      {nav}
    </TopBar>
  );
  if (loaded.state !== 'ready') {
    return (
      <main className="screen guide-screen" data-testid="guide-screen">
        {bar}
        <p className="notice">{t(`guide.${loaded.state}`)}</p>
      </main>
    );
  }
  const { item } = loaded;
  const days = (limit: ItemGuide['timeLimits']['promised']) =>
    limit.value === 0 ? t('guide.onTheSpot') : t(limit.unit === 'workingDays' ? 'guide.workingDays' : 'guide.naturalDays', { count: limit.value });

  return (
    <main className="screen guide-screen" data-testid="guide-screen">
      {bar}
      <div className="guide-body">
        <h2 className="guide-name" data-testid="guide-name">
          {item.name}
        </h2>
        <p className="guide-dept">
          {item.department.name} · {t(`itemType.${item.type}`)} · {t('guide.code', { code: item.code })}
        </p>

        <section className={`kiosk-box ${item.terminal.available ? 'kiosk-yes' : 'kiosk-no'}`} data-testid="guide-kiosk">
          <h3>{item.terminal.available ? t('guide.kioskCan') : t('guide.kioskCannot')}</h3>
          {item.terminal.available ? (
            <ul>
              <li>{t('guide.kioskIdentity', { modes: item.terminal.identityModes.map((m) => t(`identityMode.${m}`)).join(t('guide.listSeparator')) })}</li>
              <li>{item.terminal.scanning ? t('guide.kioskScan') : t('guide.kioskNoScan')}</li>
              {item.terminal.printing && <li>{t('guide.kioskPrint')}</li>}
              {item.terminal.instantApproval && <li>{t('guide.kioskInstant')}</li>}
            </ul>
          ) : (
            <p>{t('guide.kioskElsewhere')}</p>
          )}
          {item.terminal.available && (
            <button type="button" className="action journey-start" data-testid="start-journey" onClick={props.onStartJourney}>
              {t('journey.startHere')}
            </button>
          )}
        </section>

        <section>
          <h3>{t('guide.conditions')}</h3>
          {item.conditions.length ? (
            <ul>{item.conditions.map((c) => <li key={c}>{c}</li>)}</ul>
          ) : (
            <p>{t('guide.noConditions')}</p>
          )}
        </section>

        <section>
          <h3>{t('guide.materials')}</h3>
          {item.materials.length ? (
            <ul className="materials" data-testid="guide-materials">
              {item.materials.map((m) => (
                <li key={m.code}>
                  <span className="material-name">{m.name}</span>
                  <span className={`tag ${m.required ? 'tag-required' : 'tag-muted'}`}>{m.required ? t('guide.required') : t('guide.optional')}</span>
                  {m.sharedDataSkippable && (
                    <span className="tag tag-shared" data-testid="material-shared">
                      {t('guide.sharedData')}
                    </span>
                  )}
                  <span className="material-detail">
                    {t('guide.materialForms', {
                      forms: m.forms.map((f) => t(`guide.form.${f}`)).join(t('guide.listSeparator')),
                      count: m.copies,
                    })}
                    {m.source ? ` · ${t('guide.source', { source: m.source })}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('guide.noMaterials')}</p>
          )}
        </section>

        <section>
          <h3>{t('guide.timeLimits')}</h3>
          <p>
            {t('guide.promised', { days: days(item.timeLimits.promised) })}
            {t('guide.sentenceSeparator')}
            {t('guide.statutory', { days: days(item.timeLimits.statutory) })}
          </p>
        </section>

        <section>
          <h3>{t('guide.fees')}</h3>
          {item.fees.length ? (
            <ul>
              {item.fees.map((f) => (
                <li key={f.name}>
                  {t('guide.fee', { name: f.name, amount: f.amountYuan })}
                  {f.waiver ? ` ${t('guide.waiver', { waiver: f.waiver })}` : ''}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('guide.free')}</p>
          )}
        </section>

        <section>
          <h3>{t('guide.procedure')}</h3>
          <ol className="procedure">{item.procedure.map((step) => <li key={step.name}>{step.name}</li>)}</ol>
        </section>

        <section>
          <h3>{t('guide.legalBasis')}</h3>
          <ul>
            {item.legalBasis.map((l) => (
              <li key={`${l.document}${l.article ?? ''}`}>
                {t('guide.legalRef', {
                  document: l.document,
                  number: l.number ? t('guide.legalNumber', { number: l.number }) : '',
                  article: l.article ?? '',
                })}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </main>
  );
}
