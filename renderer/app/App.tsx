import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UiSettings } from '../../contracts/kiosk-api';
import { useKioskApi } from '../api/kiosk-api-context';
import { useCatalog } from '../catalog/use-catalog';
import { JourneyScreen } from '../journey/JourneyScreen';
import { ProgressScreen } from '../progress/ProgressScreen';
import { RatingScreen } from '../rating/RatingScreen';
import { useFinishSession } from '../session/idle-context';
import { useSettingsInForce } from '../session/use-ui-settings';
import { GuideScreen } from './GuideScreen';
import { type Browse, HomeScreen } from './HomeScreen';
import { StartScreen } from './StartScreen';
import { useSystemInfo } from './use-system-info';

type Screen =
  | { name: 'start' }
  | { name: 'home' }
  | { name: 'guide'; itemCode: string }
  | { name: 'progress' }
  | { name: 'rating'; reference: string }
  /** Doing an item or a bundle (一件事); `back` is where leaving it returns. */
  | { name: 'journey'; code: string; back: Screen };

export function App(props: { settings: UiSettings }) {
  const api = useKioskApi();
  const { i18n } = useTranslation();
  const connection = useSystemInfo();
  const catalog = useCatalog();
  const finish = useFinishSession();
  // The latest push, not the boot-time settings: a new visit remounts this screen.
  const inForce = useSettingsInForce(props.settings);
  const [elderMode, setElderMode] = useState(inForce.elderModeDefault);
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
        onOpenItem={(itemCode) => {
          // With a query typed the list is its results: a used search, counted for hot searches where the Node side allows.
          if (query) api.invoke('search.used', { query, itemCode }).catch(() => undefined);
          setScreen({ name: 'guide', itemCode });
        }}
        onOpenBundle={(code) => setScreen({ name: 'journey', code, back: screen })}
        onProgress={() => setScreen({ name: 'progress' })}
        onExit={finish}
      />
    );
  }
  if (screen.name === 'guide') {
    return (
      <GuideScreen
        {...settings}
        itemCode={screen.itemCode}
        onBack={() => setScreen({ name: 'home' })}
        onHome={goHome}
        onStartJourney={() => setScreen({ name: 'journey', code: screen.itemCode, back: screen })}
      />
    );
  }
  if (screen.name === 'journey') {
    const names = catalog.state === 'ready' ? catalog : undefined;
    return (
      <JourneyScreen
        {...settings}
        code={screen.code}
        itemName={(code) => names?.overview.items[names.byCode.get(code) ?? -1]?.name}
        onLeave={() => setScreen(screen.back)}
        onFinished={finish}
      />
    );
  }
  if (screen.name === 'progress') return <ProgressScreen {...settings} onHome={goHome} onRate={(reference) => setScreen({ name: 'rating', reference })} />;
  if (screen.name === 'rating') return <RatingScreen {...settings} reference={screen.reference} onDone={goHome} />;
  return <StartScreen {...settings} connection={connection} catalog={catalog} onStart={goHome} />;
}
