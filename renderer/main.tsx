import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { UiSettings } from '../contracts/kiosk-api';
import { KioskApiProvider } from './api/kiosk-api-context';
import { connectKioskApi } from './api/connect';
import { App } from './app/App';
import { initI18n } from './i18n/i18n';
import { MaintenanceRoot } from './maintenance/MaintenanceRoot';
import { RemoteScreenGuard } from './remote/RemoteScreenGuard';
import { SessionRoot } from './session/SessionRoot';
import './styles/global.css';

/** Used until the Node side answers, so the screen is never blank while the service starts. */
const fallbackSettings: UiSettings = {
  defaultLocale: 'zh-CN',
  elderModeDefault: false,
  speech: { enabled: true, volume: 0.8 },
  idle: { warnAfterSeconds: 90, countdownSeconds: 30 },
};

async function boot(): Promise<void> {
  const api = connectKioskApi();
  const settings = await api.invoke('ui.getSettings', {}).catch(() => fallbackSettings);
  await initI18n(settings.defaultLocale);
  const root = document.getElementById('root');
  if (!root) throw new Error('#root missing from index.html');
  createRoot(root).render(
    <StrictMode>
      <KioskApiProvider value={api}>
        {/* Outside the remote lock: staff can come in while ops have locked the screen. */}
        <MaintenanceRoot>
          <RemoteScreenGuard>
            <SessionRoot settings={settings}>
              <App settings={settings} />
            </SessionRoot>
          </RemoteScreenGuard>
        </MaintenanceRoot>
      </KioskApiProvider>
    </StrictMode>,
  );
}

void boot();
