// The staff PIN: digits on a pad, never shown, checked on the Node side (which also counts wrong ones and locks).
// Where staff have cards, a staff card on the ID card reader does the same.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKioskApi } from '../api/kiosk-api-context';
import { NumericPad } from '../keyboards/NumericPad';
import { formatTime } from './format-time';
import { useStaffCardWait } from './use-staff-card-wait';

type Message =
  | { key: 'wrongPin' | 'notStaffCard'; count: number }
  | { key: 'locked'; time: string }
  | { key: 'notConfigured' | 'checking' | 'cardReaderUnavailable' };

export function PinScreen(props: { lockedUntil: string | null; cardsAccepted: boolean; onEntered(maintenanceId: string, staffName: string): void; onCancel(): void }) {
  const api = useKioskApi();
  const { t, i18n } = useTranslation();
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<Message | undefined>(props.lockedUntil ? { key: 'locked', time: formatTime(props.lockedUntil, i18n.language) } : undefined);
  const locked = message?.key === 'locked';
  const busy = message?.key === 'checking';

  useStaffCardWait(props.cardsAccepted && !locked, (result) => {
    if (result.ok) return props.onEntered(result.maintenanceId, result.staff.name ?? result.staff.id);
    if (result.code === 'notStaffCard') setMessage({ key: 'notStaffCard', count: result.attemptsLeft ?? 0 });
    else if (result.code === 'locked') setMessage({ key: 'locked', time: formatTime(result.lockedUntil ?? null, i18n.language) });
    else if (result.code === 'cardNotRead') setMessage({ key: 'cardReaderUnavailable' });
    else setMessage({ key: 'notConfigured' });
  });

  async function submit(): Promise<void> {
    setMessage({ key: 'checking' });
    const entered = pin;
    setPin('');
    try {
      const result = await api.invoke('maintenance.enter', { pin: entered });
      if (result.ok) return props.onEntered(result.maintenanceId, result.staff.name ?? result.staff.id);
      if (result.code === 'wrongPin') setMessage({ key: 'wrongPin', count: result.attemptsLeft ?? 0 });
      else if (result.code === 'locked') setMessage({ key: 'locked', time: formatTime(result.lockedUntil ?? null, i18n.language) });
      else setMessage({ key: 'notConfigured' });
    } catch {
      setMessage(undefined);
    }
  }

  return (
    <main className="maintenance-pin" data-testid="pin-screen">
      <h1>{t('maintenance.pinTitle')}</h1>
      <p data-testid="pin-prompt">{t(props.cardsAccepted && !locked ? 'maintenance.pinOrCardPrompt' : 'maintenance.pinPrompt')}</p>
      {!locked && (
        <p className="pin-dots" aria-label={t('maintenance.pinMasked', { count: pin.length })} data-testid="pin-dots">
          {pin.length > 0 ? '●'.repeat(pin.length) : '\u00a0'}
        </p>
      )}
      {message && (
        <p className={message.key === 'checking' ? 'pin-message' : 'pin-message inline-error'} role="alert" data-testid="pin-message" data-code={message.key}>
          {t(`maintenance.${message.key}`, message)}
        </p>
      )}
      {!locked && (
        <NumericPad onKey={(key) => setPin((p) => (p.length < 12 ? p + key : p))} onBackspace={() => setPin((p) => p.slice(0, -1))} onClear={() => setPin('')} />
      )}
      <div className="maintenance-actions">
        <button type="button" className="maintenance-button" data-testid="pin-cancel" onClick={props.onCancel}>
          {t('maintenance.cancel')}
        </button>
        {!locked && (
          <button type="button" className="primary-button" data-testid="pin-submit" disabled={pin.length < 4 || busy} onClick={() => void submit()}>
            {t('maintenance.enter')}
          </button>
        )}
      </div>
    </main>
  );
}
