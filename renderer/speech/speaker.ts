// Speech output (EN 301 549 closed functionality: what the screen says, spoken; repeatable and interruptible) over
// the Web Speech API. Every call is safe where speech is missing or has no voice for the language (headless
// Chromium, a kiosk image without speech-dispatcher): the kiosk then just stays silent.
import type { Locale } from '../../contracts/kiosk-api';

export interface VoiceLike {
  lang: string;
}

export interface UtteranceLike {
  lang: string;
  volume: number;
  voice: VoiceLike | null;
}

/** `window.speechSynthesis` as far as the speaker uses it. */
export interface SynthesizerLike {
  speak(utterance: UtteranceLike): void;
  cancel(): void;
  getVoices(): VoiceLike[];
}

export interface SpeakerOptions {
  /** Absent where the browser has no speech synthesis. */
  synthesizer?: SynthesizerLike;
  /** `new SpeechSynthesisUtterance(text)` in the browser. */
  makeUtterance(text: string): UtteranceLike;
  enabled: boolean;
  /** 0 … 1. */
  volume: number;
}

/** The voice for a locale: the exact one first, then any of the language (zh-TW before none for Chinese text). */
export function pickVoice(voices: readonly VoiceLike[], locale: Locale): VoiceLike | undefined {
  const norm = (lang: string) => lang.replace('_', '-').toLowerCase();
  const language = locale.split('-')[0] ?? locale;
  return voices.find((v) => norm(v.lang) === locale.toLowerCase()) ?? voices.find((v) => norm(v.lang).split('-')[0] === language);
}

export class Speaker {
  readonly #synthesizer: SynthesizerLike | undefined;
  readonly #makeUtterance: (text: string) => UtteranceLike;
  #enabled: boolean;
  #volume: number;
  #last: { text: string; locale: Locale } | undefined;

  constructor(options: SpeakerOptions) {
    this.#synthesizer = options.synthesizer;
    this.#makeUtterance = options.makeUtterance;
    this.#enabled = options.enabled;
    this.#volume = options.volume;
  }

  get enabled(): boolean {
    return this.#enabled;
  }

  /** Turning speech on says the latest instruction again; turning it off stops what is being said. */
  setEnabled(enabled: boolean): void {
    this.#enabled = enabled;
    if (enabled) this.repeat();
    else this.cancel();
  }

  setVolume(volume: number): void {
    this.#volume = Math.min(1, Math.max(0, volume));
  }

  /** Says `text`, interrupting whatever was being said; remembered for `repeat()` even while speech is off. */
  speak(text: string, locale: Locale): void {
    this.#last = { text, locale };
    if (!this.#enabled || !this.#synthesizer || !text) return;
    try {
      const voices = this.#synthesizer.getVoices();
      const voice = pickVoice(voices, locale);
      // With voices listed but none for the language, a Chinese sentence read by an English voice helps nobody.
      if (voices.length > 0 && !voice) return;
      const utterance = this.#makeUtterance(text);
      utterance.lang = locale;
      utterance.volume = this.#volume;
      utterance.voice = voice ?? null;
      this.#synthesizer.cancel();
      this.#synthesizer.speak(utterance);
    } catch {
      // Speech is an aid, never a reason for a screen to fail.
    }
  }

  repeat(): void {
    if (this.#last) this.speak(this.#last.text, this.#last.locale);
  }

  cancel(): void {
    try {
      this.#synthesizer?.cancel();
    } catch {
      // See speak().
    }
  }
}
