import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UiSettings } from '../../contracts/kiosk-api';
import { useKioskApi } from '../api/kiosk-api-context';
import { useCatalog } from '../catalog/use-catalog';
import { GuideScreen } from './GuideScreen';
import { type Browse, HomeScreen } from './HomeScreen';
import { StartScreen } from './StartScreen';
import { useSystemInfo } from './use-system-info';

type Screen = { name: 'start' } | { name: 'home' } | { name: 'guide'; itemCode: string };

export function App(props: { settings: UiSettings }) {
  const api = useKioskApi();
  const { i18n } = useTranslation();
  const connection = useSystemInfo();
  const catalog = useCatalog();
  const [elderMode, setElderMode] = useState(props.settings.elderModeDefault);
  const [screen, setScreen] = useState<Screen>({ name: 'start' });
  // Kept while the citizen looks at a guide, so "back" returns to the same results.
  const [query, setQuery] = useState('');
  const [browse, setBrowse] = useState<Browse>({ kind: 'tiles' });

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

  const settings = {
    elderMode,
    onToggleElderMode: () => setElderMode((on) => !on),
    onToggleLanguage: () => void i18n.changeLanguage(i18n.language === 'zh-CN' ? 'en' : 'zh-CN'),
  };
  const goHome = () => {
    setQuery('');
    setBrowse({ kind: 'tiles' });
    setScreen({ name: 'home' });
  };

  if (screen.name === 'home') {
    return (
      <HomeScreen
        {...settings}
        catalog={catalog}
        query={query}
        onQuery={setQuery}
        browse={browse}
        onBrowse={setBrowse}
        onOpenItem={(itemCode) => setScreen({ name: 'guide', itemCode })}
        onExit={() => {
          goHome();
          setScreen({ name: 'start' });
        }}
      />
    );
  }
  if (screen.name === 'guide') {
    return <GuideScreen {...settings} itemCode={screen.itemCode} onBack={() => setScreen({ name: 'home' })} onHome={goHome} />;
  }
  return <StartScreen {...settings} connection={connection} onStart={goHome} />;
}
