import { useTranslation } from 'react-i18next';
import { useSpeech } from '../speech/speech-context';
import { useLargeText } from './large-text-context';

/** The large-text and speech switches, beside elder mode and language on every screen (TopBar, start screen). */
export function AccessibilitySwitches() {
  const { t } = useTranslation();
  const largeText = useLargeText();
  const speech = useSpeech();
  return (
    <>
      <button type="button" className="pill" data-testid="large-text-switch" aria-pressed={largeText.on} onClick={largeText.toggle}>
        {t('session.largeText')}
      </button>
      <button type="button" className="pill" data-testid="speech-switch" aria-pressed={speech.enabled} onClick={speech.toggle}>
        {speech.enabled ? t('session.speechOn') : t('session.speechOff')}
      </button>
    </>
  );
}
