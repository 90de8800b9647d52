// One citizen's journey for an item or a bundle: starts a session, then shows the step the journey state machine
// (journey-state.ts) is at. The frame (title, back, leave, progress, demo badge) is the same on every step.
import { type ReactElement, useEffect, useReducer, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKioskApi } from '../api/kiosk-api-context';
import { TopBar } from '../app/TopBar';
import { RatingScreen } from '../rating/RatingScreen';
import { useRegisterSession } from '../session/idle-context';
import { useSpokenInstructions } from '../speech/speech-context';
import { type Step, canGoBack, initialJourney, journeyReducer } from './journey-state';
import { FaceStep } from './steps/FaceStep';
import { FormStep } from './steps/FormStep';
import { CardStep, ChooseIdentityStep, ConsentStep, QrStep, StaffStep } from './steps/IdentitySteps';
import { MaterialsStep } from './steps/MaterialsStep';
import { ResultStep } from './steps/ResultStep';
import { ReviewStep } from './steps/ReviewStep';
import { SuggestionsStep } from './steps/SuggestionsStep';
import type { StepProps } from './step-props';
import './journey.css';

const phases = ['identity', 'form', 'materials', 'review', 'result'] as const;
const phaseOf: Record<Step, (typeof phases)[number]> = {
  starting: 'identity',
  startFailed: 'identity',
  chooseIdentity: 'identity',
  card: 'identity',
  consent: 'identity',
  face: 'identity',
  qr: 'identity',
  staff: 'identity',
  suggestions: 'form',
  form: 'form',
  materials: 'materials',
  review: 'review',
  result: 'result',
};

/**
 * The instruction said when a step appears (`journey.spoken.<step>`). The suggestions step says its own once it knows
 * there are suggestions to show (with none it moves on at once); starting and a failed start have nothing to ask.
 */
const spokenSteps = ['chooseIdentity', 'card', 'consent', 'face', 'qr', 'staff', 'form', 'materials', 'review', 'result'] as const satisfies readonly Step[];
const isSpokenStep = (step: Step): step is (typeof spokenSteps)[number] => (spokenSteps as readonly Step[]).includes(step);

export interface JourneyScreenProps {
  /** The item or bundle code. */
  code: string;
  itemName(code: string): string | undefined;
  /** The citizen left before submitting: back to where the journey was opened from. */
  onLeave(): void;
  /** The citizen is done: the session rules remind them to take card and receipt, wipe, and show the attract screen. */
  onFinished(): void;
  elderMode: boolean;
  onToggleElderMode(): void;
  onToggleLanguage(): void;
}

export function JourneyScreen(props: JourneyScreenProps) {
  const { t } = useTranslation();
  const api = useKioskApi();
  const [state, dispatch] = useReducer(journeyReducer, props.code, initialJourney);
  const { sessionId, form, identity } = state;
  useRegisterSession(sessionId);
  useSpokenInstructions(isSpokenStep(state.step) ? t(`journey.spoken.${state.step}`) : undefined);
  // 好差评 for the case just submitted, shown over the journey: the result step stays mounted (its prints are not
  // repeated) and is back when the rating is done. The session lives on until "done" or the timeout.
  const [rating, setRating] = useState<string | undefined>();

  // A session for this journey, and the form it fills; ended when the journey leaves the screen, however it leaves.
  useEffect(() => {
    let started: string | undefined;
    let left = false;
    void (async () => {
      try {
        started = (await api.invoke('session.start', {})).sessionId;
        if (left) return;
        const answer = await api.invoke('catalog.getForm', { itemCode: props.code });
        if (left) return;
        if (answer.found) dispatch({ type: 'started', sessionId: started, form: answer.form });
        else dispatch({ type: 'startFailed', reason: 'notFound' });
      } catch {
        if (!left) dispatch({ type: 'startFailed', reason: 'unavailable' });
      } finally {
        if (left && started) void api.invoke('session.end', { sessionId: started }).catch(() => undefined);
      }
    })();
    return () => {
      left = true;
      if (started) void api.invoke('session.end', { sessionId: started }).catch(() => undefined);
    };
  }, [api, props.code]);

  // What the Node side and the platform already know fills the form, once the citizen is identified.
  const formCode = form?.code;
  useEffect(() => {
    if (!sessionId || !formCode || !identity) return;
    let stopped = false;
    api.invoke('form.prefill', { sessionId, itemCode: formCode }).then(
      (answer) => {
        if (stopped) return;
        dispatch({ type: 'prefilled', prefill: answer.ok ? { code: formCode, ...answer } : 'failed' });
      },
      () => !stopped && dispatch({ type: 'prefilled', prefill: 'failed' }),
    );
    return () => {
      stopped = true;
    };
  }, [api, sessionId, formCode, identity]);

  const title = form ? (form.kind === 'bundle' ? t('journey.bundleTitle', { name: form.name }) : form.name) : t('journey.title');
  const demo = identity && (identity.kind === 'card' ? identity.demo : identity.identity.demo);
  const phase = phaseOf[state.step];

  let body;
  if (state.step === 'starting') {
    body = (
      <p className="step-status" role="status">
        {t('journey.starting')}
      </p>
    );
  } else if (state.step === 'startFailed' || !sessionId || !form) {
    body = (
      <p className="step-error" role="alert" data-testid="journey-failed">
        {t(`journey.startFailed.${state.startError ?? 'unavailable'}`)}
      </p>
    );
  } else {
    const step: StepProps = { state, sessionId, form, dispatch, itemName: props.itemName };
    const steps: Record<Exclude<Step, 'starting' | 'startFailed'>, () => ReactElement> = {
      chooseIdentity: () => <ChooseIdentityStep {...step} />,
      card: () => <CardStep {...step} />,
      consent: () => <ConsentStep {...step} />,
      face: () => <FaceStep {...step} />,
      qr: () => <QrStep {...step} />,
      staff: () => <StaffStep />,
      suggestions: () => <SuggestionsStep {...step} />,
      form: () => <FormStep {...step} />,
      materials: () => <MaterialsStep {...step} />,
      review: () => <ReviewStep {...step} />,
      result: () => <ResultStep {...step} onFinish={props.onFinished} onRate={setRating} />,
    };
    body = steps[state.step]();
  }

  const submitted = state.submitted !== undefined;
  return (
    <>
      {rating !== undefined && (
        <RatingScreen
          reference={rating}
          onDone={() => setRating(undefined)}
          doneLabel={t('nav.back')}
          elderMode={props.elderMode}
          onToggleElderMode={props.onToggleElderMode}
          onToggleLanguage={props.onToggleLanguage}
        />
      )}
      <main className="screen journey-screen" data-testid="journey-screen" data-step={state.step} hidden={rating !== undefined}>
        <TopBar title={title} elderMode={props.elderMode} onToggleElderMode={props.onToggleElderMode} onToggleLanguage={props.onToggleLanguage}>
          {canGoBack(state) && (
            <button type="button" className="pill" data-testid="journey-back" onClick={() => dispatch({ type: 'back' })}>
              {t('nav.back')}
            </button>
          )}
          {!submitted && (
            <button type="button" className="pill" data-testid="journey-leave" onClick={props.onLeave}>
              {t('journey.leave')}
            </button>
          )}
        </TopBar>
        <div className="journey-body">
          <ol className="journey-phases" aria-label={t('journey.phasesLabel')}>
            {phases.map((p) => (
              <li key={p} className={p === phase ? 'phase-current' : undefined} aria-current={p === phase ? 'step' : undefined}>
                {t(`journey.phase.${p}`)}
              </li>
            ))}
          </ol>
          {demo && (
            <p className="demo-badge" data-testid="demo-badge">
              {t('journey.demo')}
            </p>
          )}
          {form?.kind === 'bundle' && phase === 'identity' && (
            <p className="bundle-items" data-testid="bundle-summary">
              {t('journey.bundleIncludes', { items: form.itemCodes.map((c) => props.itemName(c) ?? c).join(t('journey.listSeparator')) })}
            </p>
          )}
          {body}
        </div>
      </main>
    </>
  );
}
