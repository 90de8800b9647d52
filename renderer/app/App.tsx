import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UiSettings } from '../../contracts/kiosk-api';
import { useKioskApi } from '../api/kiosk-api-context';
import { StartScreen } from './StartScreen';
import { useSystemInfo } from './use-system-info';

export function App(props: { settings: UiSettings }) {
  const api = useKioskApi();
  const { i18n } = useTranslation();
  const connection = useSystemInfo();
  const [elderMode, setElderMode] = useState(props.settings.elderModeDefault);

  // A central settings push applies to the next screen without a reload.
  useEffect(
    () =>
      api.on('ui.settingsChanged', (settings) => {
        setElderMode(settings.elderModeDefault);
        void i18n.changeLanguage(settings.defaultLocale);
      }),
    [api, i18n],
  );

  useEffect(() => {
    document.documentElement.classList.toggle('elder', elderMode);
  }, [elderMode]);

  return (
    <StartScreen
      connection={connection}
      elderMode={elderMode}
      onToggleElderMode={() => setElderMode((on) => !on)}
      onToggleLanguage={() => void i18n.changeLanguage(i18n.language === 'zh-CN' ? 'en' : 'zh-CN')}
    />
  );
}
