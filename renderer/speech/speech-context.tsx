// Speech for the whole screen: one Speaker, the citizen's on/off switch, and the hooks screens use to say their
// instruction. Sits inside the session's remounted tree, so every new citizen starts with the configured default.
import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale, UiSettings } from '../../contracts/kiosk-api';
import { Speaker } from './speaker';

export interface Speech {
  enabled: boolean;
  toggle(): void;
  /** Says `text` in the screen's language, interrupting what was being said. */
  say(text: string): void;
  repeat(): void;
}

const silent: Speech = { enabled: false, toggle: () => undefined, say: () => undefined, repeat: () => undefined };
const SpeechContext = createContext<Speech>(silent);

function browserSpeaker(settings: UiSettings['speech']): Speaker {
  const available = typeof window !== 'undefined' && 'speechSynthesis' in window && typeof SpeechSynthesisUtterance !== 'undefined';
  return new Speaker({
    synthesizer: available ? window.speechSynthesis : undefined,
    makeUtterance: (text) => new SpeechSynthesisUtterance(text),
    enabled: settings.enabled,
    volume: settings.volume,
  });
}

export function SpeechProvider(props: { settings: UiSettings['speech']; children: ReactNode }) {
  const { i18n } = useTranslation();
  const [speaker] = useState(() => browserSpeaker(props.settings));
  const [enabled, setEnabled] = useState(props.settings.enabled);
  const { volume } = props.settings;
  useEffect(() => speaker.setVolume(volume), [speaker, volume]);
  useEffect(() => () => speaker.cancel(), [speaker]);

  // `say` keeps its identity across the on/off switch, so a screen's instruction is not said twice on a toggle.
  const language = i18n.language as Locale;
  const say = useCallback((text: string) => speaker.speak(text, language), [speaker, language]);
  const speech = useMemo<Speech>(
    () => ({
      enabled,
      toggle: () => {
        speaker.setEnabled(!speaker.enabled);
        setEnabled(speaker.enabled);
      },
      say,
      repeat: () => speaker.repeat(),
    }),
    [speaker, enabled, say],
  );
  return <SpeechContext.Provider value={speech}>{props.children}</SpeechContext.Provider>;
}

export function useSpeech(): Speech {
  return useContext(SpeechContext);
}

/** Says a screen's instruction when it appears, and again when it or the language changes. */
export function useSpokenInstructions(text: string | undefined): void {
  const { say } = useSpeech();
  useEffect(() => {
    if (text) say(text);
  }, [say, text]);
}
