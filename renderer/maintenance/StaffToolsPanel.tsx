// The maintenance screen's logs and window tools: export the redacted logs to a USB drive (says where and how much,
// or in plain words what is wrong with the drive), and take the window out of kiosk mode and back.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportLogsResult, SetKioskModeResult } from '../../contracts/maintenance-api';
import { useKioskApi } from '../api/kiosk-api-context';

type Outcome = { key: string; values?: Record<string, string>; warning: boolean };

const exportProblems = { noDrive: 'exportNoDrive', driveFull: 'exportDriveFull', driveReadOnly: 'exportDriveReadOnly', failed: 'exportFailed' } as const;

function exportOutcome(result: Exclude<ExportLogsResult, { code: 'notInMaintenance' }>): Outcome {
  if (result.ok) return { key: 'maintenance.exportDone', values: { files: String(result.files), size: `${(result.bytes / 1024).toFixed(1)} KB`, folder: result.folder }, warning: false };
  return { key: `maintenance.${exportProblems[result.code]}`, values: { detail: result.detail }, warning: true };
}

function kioskModeOutcome(result: Exclude<SetKioskModeResult, { code: 'notInMaintenance' }>): Outcome | undefined {
  if (result.ok) return result.kioskMode ? undefined : { key: 'maintenance.kioskModeOff', warning: false };
  return { key: result.code === 'unsupported' ? 'maintenance.kioskModeUnsupported' : 'maintenance.kioskModeNotAllowed', warning: true };
}

export function StaffToolsPanel(props: { maintenanceId: string; kioskMode: boolean | null; onLeft(): void; onChanged(): Promise<void> }) {
  const api = useKioskApi();
  const { t } = useTranslation();
  const { maintenanceId } = props;
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState<Outcome>();
  const [windowOutcome, setWindowOutcome] = useState<Outcome>();

  async function exportLogs(): Promise<void> {
    setExporting(true);
    setExported(undefined);
    const result = await api.invoke('maintenance.exportLogs', { maintenanceId }).catch(() => undefined);
    setExporting(false);
    if (result && !result.ok && result.code === 'notInMaintenance') return props.onLeft();
    setExported(result ? exportOutcome(result) : { key: 'maintenance.notSupported', warning: true });
  }

  async function setKioskMode(kioskMode: boolean): Promise<void> {
    const result = await api.invoke('maintenance.setKioskMode', { maintenanceId, kioskMode }).catch(() => undefined);
    if (result && !result.ok && result.code === 'notInMaintenance') return props.onLeft();
    setWindowOutcome(result ? kioskModeOutcome(result) : { key: 'maintenance.notSupported', warning: true });
    await props.onChanged();
  }

  const show = (outcome: Outcome | undefined, testId: string) =>
    outcome && (
      <p className={outcome.warning ? 'maintenance-warning' : 'maintenance-ok'} role="status" data-testid={testId}>
        {t(outcome.key, outcome.values)}
      </p>
    );

  return (
    <section className="maintenance-panel" data-testid="staff-tools">
      <h2>{t('maintenance.staffTools')}</h2>
      <button type="button" className="maintenance-button" data-testid="export-logs" disabled={exporting} onClick={() => void exportLogs()}>
        {t(exporting ? 'maintenance.exporting' : 'maintenance.exportLogs')}
      </button>
      {show(exported, 'export-result')}
      <p className="maintenance-hint">{t('maintenance.logsNotAvailable')}</p>
      {props.kioskMode === false ? (
        <button type="button" className="primary-button" data-testid="return-kiosk-mode" onClick={() => void setKioskMode(true)}>
          {t('maintenance.returnKioskMode')}
        </button>
      ) : (
        <button type="button" className="maintenance-button" data-testid="leave-kiosk-mode" onClick={() => void setKioskMode(false)}>
          {t('maintenance.leaveKioskMode')}
        </button>
      )}
      {show(windowOutcome, 'kiosk-mode-result')}
    </section>
  );
}
