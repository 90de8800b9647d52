import { createContext, useContext, useEffect, useState } from 'react';
import type { UiSettings } from '../../contracts/kiosk-api';
import { useKioskApi } from '../api/kiosk-api-context';

/** The settings in force: those read at boot, then each central push (`ui.settingsChanged`). */
export function useUiSettings(initial: UiSettings): UiSettings {
  const api = useKioskApi();
  const [settings, setSettings] = useState(initial);
  useEffect(() => api.on('ui.settingsChanged', setSettings), [api]);
  return settings;
}

/** The settings in force, provided by SessionRoot: each visit remounts the screens, which must start from the latest push. */
export const UiSettingsContext = createContext<UiSettings | undefined>(undefined);

/** The settings in force under SessionRoot; `outside` where there is none. */
export function useSettingsInForce(outside: UiSettings): UiSettings {
  return useContext(UiSettingsContext) ?? outside;
}
