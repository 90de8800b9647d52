import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSpokenInstructions } from '../speech/speech-context';
import { useBusy } from './idle-context';

export type EndReason = 'timeout' | 'finished';

/** How long the reminder stays before the attract screen returns (a touch returns at once). */
const reminderMs = 8_000;

/** The end of a visit: the session is already wiped; remind the citizen to take the ID card and the receipt. */
export function FinishScreen(props: { reason: EndReason; onDone(): void }) {
  const { t } = useTranslation();
  const { onDone } = props;
  // The reminder is no session: the idle timer stays out of it.
  useBusy();
  const text = `${t(props.reason === 'timeout' ? 'session.endedIdle' : 'session.ended')} ${t('session.takeCard')}`;
  useSpokenInstructions(text);
  useEffect(() => {
    const timer = setTimeout(onDone, reminderMs);
    return () => clearTimeout(timer);
  }, [onDone]);

  return (
    <main className="finish-screen" data-testid="finish-screen">
      <p className="finish-title">{t(props.reason === 'timeout' ? 'session.endedIdle' : 'session.ended')}</p>
      <ul className="finish-reminders">
        <li>{t('session.takeIdCard')}</li>
        <li>{t('session.takeReceipt')}</li>
      </ul>
      <p className="finish-wiped">{t('session.wiped')}</p>
      <button type="button" className="primary-button" data-testid="finish-done" onClick={onDone}>
        {t('session.done')}
      </button>
    </main>
  );
}
