// The session rules around the screens (issue 5 point 10, kiosk-practice.md "Sessions"): the idle timer with its
// warning, the end of a visit (timeout or "finish") that ends the Node sessions, wipes the page's storage and
// remounts the whole screen tree with a new key (no React state survives), the take-your-card reminder, and the
// banners every screen shows (offline, idle warning).
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UiSettings } from '../../contracts/kiosk-api';
import { useKioskApi } from '../api/kiosk-api-context';
import { LargeTextProvider } from '../accessibility/large-text-context';
import { SpeechProvider } from '../speech/speech-context';
import { type EndReason, FinishScreen } from './FinishScreen';
import { type SessionControls, SessionControlsProvider } from './idle-context';
import { IdleWarning } from './IdleWarning';
import { type IdleState, IdleTimer } from './idle-timer';
import { OfflineBanner } from './OfflineBanner';
import { UiSettingsContext, useUiSettings } from './use-ui-settings';
import { wipePageStorage } from './wipe-storage';
import './session.css';

const browserClock = {
  setTimeout: (run: () => void, ms: number): unknown => window.setTimeout(run, ms),
  clearTimeout: (handle: unknown) => window.clearTimeout(handle as number),
};

export function SessionRoot(props: { settings: UiSettings; children: ReactNode }) {
  const api = useKioskApi();
  const { i18n } = useTranslation();
  const settings = useUiSettings(props.settings);
  const { warnAfterSeconds, countdownSeconds } = settings.idle;
  const [idle, setIdle] = useState<IdleState>({ phase: 'active', busy: false });
  const [timer] = useState(() => new IdleTimer({ clock: browserClock, warnAfterSeconds, countdownSeconds, onChange: setIdle }));
  const [generation, setGeneration] = useState(0);
  const [reminder, setReminder] = useState<EndReason>();
  /** Node sessions of this visit, ended at its end. */
  const sessions = useRef(new Set<string>());
  const ending = useRef(false);
  const warnOverrides = useRef<number[]>([]);

  const applyTimes = useCallback(() => {
    const override = warnOverrides.current.at(-1);
    timer.configure({ warnAfterSeconds: override ?? warnAfterSeconds, countdownSeconds });
  }, [timer, warnAfterSeconds, countdownSeconds]);
  useEffect(applyTimes, [applyTimes]);
  useEffect(() => () => timer.stop(), [timer]);

  // Any touch (or key, for staff keyboards) counts as activity.
  useEffect(() => {
    const touch = () => timer.touch();
    document.addEventListener('pointerdown', touch, true);
    document.addEventListener('keydown', touch, true);
    return () => {
      document.removeEventListener('pointerdown', touch, true);
      document.removeEventListener('keydown', touch, true);
    };
  }, [timer]);

  /** Back to the attract screen with nothing of the visit left: new tree, default language, a fresh timer. */
  const complete = useCallback(() => {
    setReminder(undefined);
    setGeneration((g) => g + 1);
    void i18n.changeLanguage(settings.defaultLocale);
    warnOverrides.current = [];
    ending.current = false;
    timer.restart();
  }, [i18n, settings.defaultLocale, timer]);

  const end = useCallback(
    (reason: EndReason) => {
      if (ending.current) return;
      ending.current = true;
      const ids = [...sessions.current];
      sessions.current.clear();
      // The journey's screens unmount now (their state is gone); the Node side and the page storage are wiped at once,
      // not after the reminder.
      void Promise.all(ids.map((sessionId) => api.invoke('session.end', { sessionId }).catch(() => undefined))).then(() => wipePageStorage(window));
      if (ids.length > 0) setReminder(reason);
      else complete();
    },
    [api, complete],
  );

  useEffect(() => {
    if (idle.phase === 'expired') end('timeout');
  }, [idle, end]);

  const controls = useMemo<SessionControls>(
    () => ({
      markBusy: () => timer.markBusy(),
      overrideWarnAfter: (seconds) => {
        warnOverrides.current.push(seconds);
        applyTimes();
        return () => {
          const at = warnOverrides.current.lastIndexOf(seconds);
          if (at >= 0) warnOverrides.current.splice(at, 1);
          applyTimes();
        };
      },
      registerSession: (sessionId) => void sessions.current.add(sessionId),
      finish: () => end('finished'),
    }),
    [timer, applyTimes, end],
  );

  return (
    <SpeechProvider key={generation} settings={settings.speech}>
      <LargeTextProvider>
        <SessionControlsProvider value={controls}>
          <div className="session-frame" data-testid="session-frame" data-generation={generation}>
            <div className="session-banners">
              <OfflineBanner />
              {idle.phase === 'warning' && (
                <IdleWarning
                  remainingSeconds={idle.remainingSeconds}
                  countdownSeconds={countdownSeconds}
                  onMoreTime={() => timer.extend()}
                  onFinish={() => end('finished')}
                />
              )}
            </div>
            <div className="session-content">
              <UiSettingsContext.Provider value={settings}>{reminder ? <FinishScreen reason={reminder} onDone={complete} /> : props.children}</UiSettingsContext.Provider>
            </div>
          </div>
        </SessionControlsProvider>
      </LargeTextProvider>
    </SpeechProvider>
  );
}
