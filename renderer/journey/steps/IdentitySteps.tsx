// The ways a citizen proves who they are (the item's `identityModes`): ID card then face, a network ID or app QR
// code, or a member of staff. The face capture itself is FaceStep.
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useKioskApi } from '../../api/kiosk-api-context';
import { openPaths } from '../journey-state';
import type { StepProps } from '../step-props';
import { useCall } from '../use-call';
import { useCancelWaitOnLeave } from '../use-cancel-wait';

export function ChooseIdentityStep(props: StepProps) {
  const { t } = useTranslation();
  const paths = openPaths(props.state);
  return (
    <section className="step step-identity" data-testid="step-choose-identity">
      <h2>{t('journey.identity.choose')}</h2>
      {props.state.notice && (
        <p className="step-notice" role="status" data-testid="identity-notice">
          {t(`journey.identity.notice.${props.state.notice}`)}
        </p>
      )}
      <div className="path-list">
        {paths.map((path) => (
          <button type="button" key={path} className="path-button" data-testid={`path-${path}`} onClick={() => props.dispatch({ type: 'choosePath', path })}>
            <span className="path-name">{t(`journey.identity.path.${path}`)}</span>
            <span className="path-hint">{t(`journey.identity.pathHint.${path}`)}</span>
          </button>
        ))}
      </div>
    </section>
  );
}

export function CardStep(props: StepProps) {
  const api = useKioskApi();
  const { sessionId, dispatch } = props;
  return (
    <DeviceWaitStep
      sessionId={sessionId}
      wait="card"
      read={() => api.invoke('identity.readCard', { sessionId, timeoutSeconds: 30 })}
      onRead={(answer) => dispatch({ type: 'cardRead', card: answer.card })}
    >
      <div className="reader" />
      <div className="card" />
    </DeviceWaitStep>
  );
}

export function ConsentStep(props: StepProps) {
  const { t } = useTranslation();
  return (
    <section className="step step-consent" data-testid="step-consent">
      <h2>{t('journey.consent.title')}</h2>
      <ul className="consent-points">
        <li>{t('journey.consent.what')}</li>
        <li>{t('journey.consent.who')}</li>
        <li>{t('journey.consent.deleted')}</li>
        <li>{t('journey.consent.alternative')}</li>
      </ul>
      <div className="step-actions">
        <button type="button" className="action action-secondary" data-testid="consent-decline" onClick={() => props.dispatch({ type: 'consent', given: false })}>
          {t('journey.consent.decline')}
        </button>
        <button type="button" className="action" data-testid="consent-accept" onClick={() => props.dispatch({ type: 'consent', given: true })}>
          {t('journey.consent.accept')}
        </button>
      </div>
    </section>
  );
}

export function QrStep(props: StepProps) {
  const api = useKioskApi();
  const { sessionId, dispatch } = props;
  return (
    <DeviceWaitStep
      sessionId={sessionId}
      wait="qr"
      read={() => api.invoke('identity.readQr', { sessionId, timeoutSeconds: 60 })}
      onRead={(answer) => dispatch({ type: 'qrIdentified', identity: answer.identity })}
    >
      <div className="phone" />
    </DeviceWaitStep>
  );
}

type WaitAnswer<T> = ({ ok: true } & T) | { ok: false; error: { code: string } };

/**
 * A step that waits for the citizen at a device (the card reader, the QR reader): it starts on arrival, says it is
 * waiting, explains a failure with a retry, and stops the wait on the Node side when the citizen leaves the step.
 * Texts are `journey.<wait>.*`; test ids `step-<wait>` and `<wait>-error`.
 */
function DeviceWaitStep<T>(props: {
  sessionId: string;
  wait: 'card' | 'qr';
  read: () => Promise<WaitAnswer<T>>;
  onRead: (answer: { ok: true } & T) => void;
  /** The animation's parts. */
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { wait, onRead } = props;
  const [read, run] = useCall(props.read);
  useCancelWaitOnLeave(props.sessionId, wait, read.state === 'running');
  const start = () => void run().then((answer) => answer?.ok && onRead(answer));
  // Once on arrival; a retry is the citizen's tap.
  useEffect(start, []);

  let message: string | undefined;
  if (read.state === 'broken') message = t('journey.unavailable');
  else if (read.state === 'done' && !read.value.ok) message = t(`journey.${wait}.error.${read.value.error.code}`);
  return (
    <section className={`step step-${wait}`} data-testid={`step-${wait}`}>
      <div className={`device-animation ${wait}-animation`} aria-hidden="true">
        {props.children}
      </div>
      <h2>{t(`journey.${wait}.prompt`)}</h2>
      <p>{t(`journey.${wait}.hint`)}</p>
      {read.state === 'running' && (
        <p className="step-status" role="status">
          {t(`journey.${wait}.waiting`)}
        </p>
      )}
      {message && (
        <div className="step-error" role="alert" data-testid={`${wait}-error`}>
          <p>{message}</p>
          <button type="button" className="action" onClick={start}>
            {t('journey.tryAgain')}
          </button>
        </div>
      )}
    </section>
  );
}

export function StaffStep() {
  const { t } = useTranslation();
  return (
    <section className="step step-staff" data-testid="step-staff">
      <h2>{t('journey.staff.title')}</h2>
      <p className="staff-call">{t('journey.staff.call')}</p>
      <p>{t('journey.staff.bring')}</p>
    </section>
  );
}
