// The maintenance screen: devices with their fixes and tests, the receipt paper counter, the upload queue, the
// platform connection, and the app's restart and reboot. Refreshed every 3 s; when the Node side has ended the
// maintenance session (left alone too long), the citizen's screens come back.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceTest, MaintenanceOverview } from '../../contracts/maintenance-api';
import { useKioskApi } from '../api/kiosk-api-context';
import { DeviceCard, type TestState } from './DeviceCard';
import { formatTime } from './format-time';
import { StaffToolsPanel } from './StaffToolsPanel';

const refreshMs = 3000;

type Confirm = 'restartApp' | 'reboot';

export function MaintenanceScreen(props: { maintenanceId: string; staffName: string; onLeft(): void }) {
  const api = useKioskApi();
  const { t, i18n } = useTranslation();
  const { maintenanceId, onLeft } = props;
  const [overview, setOverview] = useState<MaintenanceOverview>();
  const [tests, setTests] = useState<Record<string, TestState>>({});
  /** A message key (or key and values), so it follows a change of language. */
  const [notice, setNotice] = useState<{ key: string; values?: Record<string, string> }>();
  const [confirm, setConfirm] = useState<Confirm>();
  const time = (iso: string | null) => formatTime(iso, i18n.language, t('maintenance.never'));

  const refresh = useCallback(async () => {
    const result = await api.invoke('maintenance.overview', { maintenanceId }).catch(() => undefined);
    if (!result) return;
    if (result.ok) setOverview(result.overview);
    else onLeft();
  }, [api, maintenanceId, onLeft]);

  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => void refresh(), refreshMs);
    return () => window.clearInterval(timer);
  }, [refresh]);

  async function act(run: () => Promise<{ ok: boolean }>, done: string): Promise<void> {
    const result = await run().catch(() => undefined);
    if (result && !result.ok && 'code' in result && result.code === 'notInMaintenance') return onLeft();
    setNotice({ key: result?.ok ? done : 'maintenance.notSupported' });
    await refresh();
  }

  async function runTest(deviceId: string, test: DeviceTest): Promise<void> {
    setTests((all) => ({ ...all, [deviceId]: { phase: 'running' } }));
    const result = await api.invoke('maintenance.testDevice', { maintenanceId, deviceId, test }).catch(() => undefined);
    if (result && !result.ok) return onLeft();
    setTests((all) => ({ ...all, [deviceId]: result ? { phase: 'done', code: result.code, detail: result.detail } : { phase: 'done', code: 'hardwareError', detail: '' } }));
    await refresh();
  }

  async function runConfirmed(what: Confirm): Promise<void> {
    setConfirm(undefined);
    if (what === 'restartApp') return act(() => api.invoke('maintenance.restartApp', { maintenanceId }), 'maintenance.restarting');
    const result = await api.invoke('maintenance.reboot', { maintenanceId }).catch(() => undefined);
    if (result && !result.ok && result.code === 'failed') setNotice({ key: 'maintenance.rebootFailed', values: { detail: result.detail } });
  }

  async function leave(): Promise<void> {
    await api.invoke('maintenance.leave', { maintenanceId }).catch(() => undefined);
    onLeft();
  }

  const paper = overview?.consumables.receiptPaper;
  const queue = overview?.queue;
  const platform = overview?.platform;
  return (
    <main className="maintenance-screen" data-testid="maintenance-screen">
      <header className="maintenance-bar">
        <h1>{t('maintenance.title')}</h1>
        <span className="maintenance-staff">{t('maintenance.staff', { name: props.staffName })}</span>
        <button type="button" className="maintenance-button" data-testid="maintenance-language" onClick={() => void i18n.changeLanguage(i18n.language === 'zh-CN' ? 'en' : 'zh-CN')}>
          {t('maintenance.language')}
        </button>
        <button type="button" className="maintenance-button maintenance-leave" data-testid="leave-maintenance" onClick={() => void leave()}>
          {t('maintenance.leave')}
        </button>
      </header>
      {notice && (
        <p className="maintenance-notice" role="status" data-testid="maintenance-notice">
          {t(notice.key, notice.values)}
        </p>
      )}
      {confirm && (
        <div className="maintenance-confirm" role="alertdialog" data-testid="maintenance-confirm">
          <p>{t(confirm === 'restartApp' ? 'maintenance.confirmRestart' : 'maintenance.confirmReboot')}</p>
          <button type="button" className="maintenance-button" onClick={() => setConfirm(undefined)}>
            {t('maintenance.cancel')}
          </button>
          <button type="button" className="primary-button" data-testid="confirm-yes" onClick={() => void runConfirmed(confirm)}>
            {t('maintenance.confirm')}
          </button>
        </div>
      )}
      {overview && paper && queue && platform && (
        <div className="maintenance-body">
          <section className="maintenance-devices">
            <h2>{t('maintenance.devices')}</h2>
            {overview.devices.map((device) => (
              <DeviceCard key={device.id} device={device} test={tests[device.id]} onTest={(test) => void runTest(device.id, test)} />
            ))}
          </section>
          <div className="maintenance-side">
            <section className="maintenance-panel" data-testid="consumables">
              <h2>{t('maintenance.consumables')}</h2>
              <h3>{t('maintenance.receiptPaper')}</h3>
              <p data-testid="paper-counter" data-count={paper.printedSinceRestock}>
                {t('maintenance.printedSinceRestock', { count: paper.printedSinceRestock })}
              </p>
              <p>{paper.restockedAt ? t('maintenance.restockedAt', { time: time(paper.restockedAt), staff: paper.restockedBy ?? '' }) : t('maintenance.neverRestocked')}</p>
              <button type="button" className="maintenance-button" data-testid="restock" onClick={() => void act(() => api.invoke('maintenance.restock', { maintenanceId, consumable: 'receiptPaper' }), 'maintenance.restockDone')}>
                {t('maintenance.markRestocked')}
              </button>
            </section>
            <section className="maintenance-panel" data-testid="queue">
              <h2>{t('maintenance.queue')}</h2>
              <p>{queue.pending > 0 ? t('maintenance.pending', { count: queue.pending }) : t('maintenance.noneWaiting')}</p>
              {queue.oldestPendingAgeSeconds !== null && <p>{t('maintenance.oldest', { minutes: Math.floor(queue.oldestPendingAgeSeconds / 60) })}</p>}
              {queue.needsAttention > 0 && <p className="maintenance-warning">{t('maintenance.needsAttention', { count: queue.needsAttention })}</p>}
              <ul className="maintenance-attention">
                {queue.attention.map((item) => (
                  <li key={item.id}>{t('maintenance.attentionItem', { time: time(item.acceptedAt), item: item.itemCode, id: item.id.slice(-8), reason: item.reason })}</li>
                ))}
              </ul>
            </section>
            <section className="maintenance-panel" data-testid="platform">
              <h2>{t('maintenance.platform')}</h2>
              <p className={platform.connection === 'online' ? 'maintenance-ok' : 'maintenance-warning'} data-testid="platform-connection" data-connection={platform.connection}>
                {t(`maintenance.connection.${platform.connection}`)}
              </p>
              <p>{t('maintenance.lastHeartbeat', { time: time(platform.lastHeartbeatAt) })}</p>
              <p>{t('maintenance.lastSuccess', { time: time(platform.lastSuccessAt) })}</p>
              {platform.lastError && <p className="maintenance-warning">{t('maintenance.lastError', { message: platform.lastError.message })}</p>}
              <p>{t('maintenance.catalogVersion', { version: platform.catalogVersion ?? '—' })}</p>
              <p data-testid="settings-version">{platform.settings.version === null ? t('maintenance.settingsNone') : t('maintenance.settingsVersion', { version: platform.settings.version })}</p>
              {platform.settings.lastError && (
                <p className="maintenance-warning" data-testid="settings-refused">
                  {t('maintenance.settingsRefused', { reason: platform.settings.lastError })}
                </p>
              )}
              <button type="button" className="maintenance-button" data-testid="force-sync" onClick={() => void act(() => api.invoke('maintenance.forceSync', { maintenanceId }), 'maintenance.syncStarted')}>
                {t('maintenance.forceSync')}
              </button>
            </section>
            <section className="maintenance-panel" data-testid="app">
              <h2>{t('maintenance.app')}</h2>
              <p>{t('maintenance.version', { version: overview.app.version, time: time(overview.app.startedAt) })}</p>
              <button type="button" className="maintenance-button" data-testid="restart-app" disabled={!overview.app.canRestart} onClick={() => setConfirm('restartApp')}>
                {t('maintenance.restartApp')}
              </button>
              <button type="button" className="maintenance-button" data-testid="reboot" disabled={!overview.app.canReboot} onClick={() => setConfirm('reboot')}>
                {t('maintenance.reboot')}
              </button>
            </section>
            <StaffToolsPanel maintenanceId={maintenanceId} kioskMode={overview.app.kioskMode} onLeft={onLeft} onChanged={refresh} />
          </div>
        </div>
      )}
      <p className="maintenance-hint">{t('maintenance.refreshed')}</p>
    </main>
  );
}
