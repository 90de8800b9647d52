import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSpeech } from '../speech/speech-context';

/** Seconds left at which the countdown is said a second time. */
const spokenAgainAt = 10;

/**
 * "Are you still there?" with the seconds left, shown and spoken. One large button gives more time. In standard mode
 * it covers the screen like a dialog; in elder mode (no pop-ups, 适老化) the same element is a banner above the screen.
 */
export function IdleWarning(props: { remainingSeconds: number; countdownSeconds: number; onMoreTime(): void; onFinish(): void }) {
  const { t } = useTranslation();
  const { say } = useSpeech();
  const { remainingSeconds, countdownSeconds } = props;
  useEffect(() => {
    if (remainingSeconds === countdownSeconds || remainingSeconds === spokenAgainAt) say(t('session.idleSpoken', { seconds: remainingSeconds }));
  }, [remainingSeconds, countdownSeconds, say, t]);

  return (
    <div className="idle-warning" role="alert" data-testid="idle-warning">
      <div className="idle-warning-box">
        <p className="idle-warning-title">{t('session.idleTitle')}</p>
        <p className="idle-warning-count" data-testid="idle-countdown">
          {t('session.idleCountdown', { seconds: remainingSeconds })}
        </p>
        <div className="idle-warning-actions">
          <button type="button" className="primary-button" data-testid="idle-more-time" onClick={props.onMoreTime}>
            {t('session.moreTime')}
          </button>
          <button type="button" className="pill" data-testid="idle-finish" onClick={props.onFinish}>
            {t('session.finishNow')}
          </button>
        </div>
      </div>
    </div>
  );
}
