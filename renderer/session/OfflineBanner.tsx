import { useTranslation } from 'react-i18next';
import { usePlatformStatus } from './use-platform-status';

/** Shown on every screen while the platform cannot be reached: what still works, and what has to wait. */
export function OfflineBanner() {
  const { t } = useTranslation();
  const status = usePlatformStatus();
  if (status?.online !== false) return null;
  return (
    <section className="offline-banner" role="status" data-testid="offline-banner">
      <strong className="offline-title">{t('session.offlineTitle')}</strong>
      <span>{t('session.offlineWorks')}</span>
      <span>{t('session.offlineWaits')}</span>
    </section>
  );
}
