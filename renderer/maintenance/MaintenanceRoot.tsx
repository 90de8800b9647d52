// Branch-staff maintenance mode around every screen (issue 6 points 1–2): an invisible corner that counts taps, the
// staff PIN screen, then the maintenance screens in place of the citizen's. The citizen's tree stays mounted but
// hidden, so its session rules (idle timer, wipe) go on as before and nothing of a visit leaks into staff screens.
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MaintenanceEntry } from '../../contracts/maintenance-api';
import { useKioskApi } from '../api/kiosk-api-context';
import { CornerZone } from './CornerZone';
import { MaintenanceScreen } from './MaintenanceScreen';
import { PinScreen } from './PinScreen';
import './maintenance.css';

type Mode = { kind: 'closed' } | { kind: 'pin' } | { kind: 'open'; maintenanceId: string; staffName: string };

export function MaintenanceRoot(props: { children: ReactNode }) {
  const api = useKioskApi();
  const { i18n } = useTranslation();
  const [entry, setEntry] = useState<MaintenanceEntry>();
  const [mode, setMode] = useState<Mode>({ kind: 'closed' });
  /** The citizen's language when staff came in: restored when they leave. */
  const citizenLanguage = useRef(i18n.language);

  useEffect(() => {
    api.invoke('maintenance.getEntry', {}).then(setEntry, () => undefined);
  }, [api]);

  const openPin = useCallback(() => {
    citizenLanguage.current = i18n.language;
    // Asked again: the lock may have begun or ended since the page loaded.
    api.invoke('maintenance.getEntry', {}).then(
      (next) => {
        setEntry(next);
        setMode({ kind: 'pin' });
      },
      () => undefined,
    );
  }, [api, i18n]);

  const close = useCallback(() => {
    setMode({ kind: 'closed' });
    void i18n.changeLanguage(citizenLanguage.current);
  }, [i18n]);

  return (
    <>
      <div className="maintenance-host" style={{ display: mode.kind === 'closed' ? 'contents' : 'none' }}>
        {props.children}
      </div>
      {mode.kind === 'closed' && entry?.configured && <CornerZone gesture={entry.gesture} onGesture={openPin} />}
      {mode.kind === 'pin' && entry && (
        <PinScreen
          lockedUntil={entry.lockedUntil}
          cardsAccepted={entry.cardsAccepted}
          onEntered={(maintenanceId, staffName) => setMode({ kind: 'open', maintenanceId, staffName })}
          onCancel={close}
        />
      )}
      {mode.kind === 'open' && <MaintenanceScreen maintenanceId={mode.maintenanceId} staffName={mode.staffName} onLeft={close} />}
    </>
  );
}
