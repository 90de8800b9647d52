import { useEffect, useState } from 'react';
import type { UiSettings } from '../../contracts/kiosk-api';
import { useKioskApi } from '../api/kiosk-api-context';

/** The settings in force: those read at boot, then each central push (`ui.settingsChanged`). */
export function useUiSettings(initial: UiSettings): UiSettings {
  const api = useKioskApi();
  const [settings, setSettings] = useState(initial);
  useEffect(() => api.on('ui.settingsChanged', setSettings), [api]);
  return settings;
}
