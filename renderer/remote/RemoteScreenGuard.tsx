import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useKioskApi } from '../api/kiosk-api-context';
import { useScreenLock } from './use-screen-lock';
import './remote.css';

/**
 * What ops' remote commands do to the screen: `screen.reload` reloads the page (the Node side sends it only while no
 * citizen session is open), and a lock shows the lock page instead of everything else until it is lifted.
 */
export function RemoteScreenGuard(props: { children: ReactNode; reload?: () => void }) {
  const api = useKioskApi();
  const lock = useScreenLock();
  const { reload } = props;
  useEffect(() => api.on('screen.reload', () => (reload ? reload() : window.location.reload())), [api, reload]);
  if (lock?.locked) return <LockScreen reason={lock.reason} message={lock.message} />;
  return <>{props.children}</>;
}

function LockScreen(props: { reason: 'remote' | 'maintenance'; message: string | null }) {
  const { t } = useTranslation();
  return (
    <main className="remote-lock" role="alert" data-testid="remote-lock" data-reason={props.reason}>
      <h1>{t(props.reason === 'maintenance' ? 'remote.maintenanceTitle' : 'remote.lockedTitle')}</h1>
      <p className="remote-lock-message" data-testid="remote-lock-message">
        {props.message ?? t(props.reason === 'maintenance' ? 'remote.maintenanceText' : 'remote.lockedText')}
      </p>
      <p className="remote-lock-hint">{t('remote.hint')}</p>
    </main>
  );
}
