// The ways a citizen proves who they are (the item's `identityModes`): ID card then face, a network ID or app QR
// code, or a member of staff. The face capture itself is FaceStep.
import { useEffect } from 'react';
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
  const { t } = useTranslation();
  const api = useKioskApi();
  const { sessionId, dispatch } = props;
  const [read, run] = useCall(() => api.invoke('identity.readCard', { sessionId, timeoutSeconds: 30 }));
  useCancelWaitOnLeave(sessionId, 'card', read.state === 'running');
  const start = () => void run().then((answer) => answer?.ok && dispatch({ type: 'cardRead', card: answer.card }));
  // Once on arrival; a retry is the citizen's tap.
  useEffect(start, []);

  let message: string | undefined;
  if (read.state === 'broken') message = t('journey.unavailable');
  else if (read.state === 'done' && !read.value.ok) message = t(`journey.card.error.${read.value.error.code}`);
  return (
    <section className="step step-card" data-testid="step-card">
      <div className="device-animation card-animation" aria-hidden="true">
        <div className="reader" />
        <div className="card" />
      </div>
      <h2>{t('journey.card.prompt')}</h2>
      <p>{t('journey.card.hint')}</p>
      {read.state === 'running' && (
        <p className="step-status" role="status">
          {t('journey.card.waiting')}
        </p>
      )}
      {message && (
        <div className="step-error" role="alert" data-testid="card-error">
          <p>{message}</p>
          <button type="button" className="action" onClick={start}>
            {t('journey.tryAgain')}
          </button>
        </div>
      )}
    </section>
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
  const { t } = useTranslation();
  const api = useKioskApi();
  const { sessionId, dispatch } = props;
  const [read, run] = useCall(() => api.invoke('identity.readQr', { sessionId, timeoutSeconds: 60 }));
  useCancelWaitOnLeave(sessionId, 'qr', read.state === 'running');
  const start = () => void run().then((answer) => answer?.ok && dispatch({ type: 'qrIdentified', identity: answer.identity }));
  // Once on arrival; a retry is the citizen's tap.
  useEffect(start, []);

  let message: string | undefined;
  if (read.state === 'broken') message = t('journey.unavailable');
  else if (read.state === 'done' && !read.value.ok) message = t(`journey.qr.error.${read.value.error.code}`);
  return (
    <section className="step step-qr" data-testid="step-qr">
      <div className="device-animation qr-animation" aria-hidden="true">
        <div className="phone" />
      </div>
      <h2>{t('journey.qr.prompt')}</h2>
      <p>{t('journey.qr.hint')}</p>
      {read.state === 'running' && (
        <p className="step-status" role="status">
          {t('journey.qr.waiting')}
        </p>
      )}
      {message && (
        <div className="step-error" role="alert" data-testid="qr-error">
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
