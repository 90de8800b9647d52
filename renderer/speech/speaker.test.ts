import { describe, expect, it } from 'vitest';
import { Speaker, type SynthesizerLike, type UtteranceLike, type VoiceLike, pickVoice } from './speaker';

class FakeSynthesizer implements SynthesizerLike {
  spoken: (UtteranceLike & { text: string })[] = [];
  cancels = 0;
  constructor(public voices: VoiceLike[]) {}
  speak(utterance: UtteranceLike): void {
    this.spoken.push(utterance as UtteranceLike & { text: string });
  }
  cancel(): void {
    this.cancels += 1;
  }
  getVoices(): VoiceLike[] {
    return this.voices;
  }
}

const zh = { lang: 'zh-CN' };
const en = { lang: 'en-US' };

function setup(voices: VoiceLike[] = [zh, en], enabled = true) {
  const synthesizer = new FakeSynthesizer(voices);
  const speaker = new Speaker({ synthesizer, makeUtterance: (text) => ({ text, lang: '', volume: 1, voice: null }), enabled, volume: 0.6 });
  return { synthesizer, speaker };
}

describe('Speaker', () => {
  it('speaks with the voice of the language and the configured volume, interrupting what was said', () => {
    const { synthesizer, speaker } = setup();
    speaker.speak('请刷身份证', 'zh-CN');
    speaker.speak('Please place your ID card', 'en');
    expect(synthesizer.spoken.map((u) => [u.text, u.lang, u.voice, u.volume])).toEqual([
      ['请刷身份证', 'zh-CN', zh, 0.6],
      ['Please place your ID card', 'en', en, 0.6],
    ]);
    expect(synthesizer.cancels).toBe(2);
  });

  it('stays silent while off, and says the latest instruction when turned on', () => {
    const { synthesizer, speaker } = setup([zh], false);
    speaker.speak('第一句', 'zh-CN');
    speaker.speak('第二句', 'zh-CN');
    expect(synthesizer.spoken).toHaveLength(0);
    speaker.setEnabled(true);
    expect(synthesizer.spoken.map((u) => u.text)).toEqual(['第二句']);
    speaker.setEnabled(false);
    expect(synthesizer.cancels).toBeGreaterThan(1);
  });

  it('repeats on request, at a new volume clamped to 0…1', () => {
    const { synthesizer, speaker } = setup();
    speaker.speak('请取走回执', 'zh-CN');
    speaker.setVolume(3);
    speaker.repeat();
    expect(synthesizer.spoken.map((u) => [u.text, u.volume])).toEqual([
      ['请取走回执', 0.6],
      ['请取走回执', 1],
    ]);
  });

  it('with no voice for the language says nothing; with no voices listed at all leaves the choice to the engine', () => {
    const onlyEnglish = setup([en]);
    onlyEnglish.speaker.speak('请刷身份证', 'zh-CN');
    expect(onlyEnglish.synthesizer.spoken).toHaveLength(0);
    const none = setup([]);
    none.speaker.speak('请刷身份证', 'zh-CN');
    expect(none.synthesizer.spoken.map((u) => [u.lang, u.voice])).toEqual([['zh-CN', null]]);
  });

  it('degrades silently where speech is missing or throws', () => {
    const missing = new Speaker({ makeUtterance: () => ({ lang: '', volume: 1, voice: null }), enabled: true, volume: 1 });
    expect(() => missing.speak('x', 'en')).not.toThrow();
    const broken: SynthesizerLike = {
      speak: () => {
        throw new Error('synthesis-failed');
      },
      cancel: () => {
        throw new Error('synthesis-failed');
      },
      getVoices: () => [en],
    };
    const speaker = new Speaker({ synthesizer: broken, makeUtterance: () => ({ lang: '', volume: 1, voice: null }), enabled: true, volume: 1 });
    expect(() => speaker.speak('x', 'en')).not.toThrow();
    expect(() => speaker.setEnabled(false)).not.toThrow();
  });

  it('pickVoice prefers the exact locale, then the language, and reads zh_CN style tags', () => {
    expect(pickVoice([{ lang: 'zh-TW' }, { lang: 'zh_CN' }], 'zh-CN')).toEqual({ lang: 'zh_CN' });
    expect(pickVoice([{ lang: 'zh-TW' }], 'zh-CN')).toEqual({ lang: 'zh-TW' });
    expect(pickVoice([{ lang: 'en-GB' }], 'en')).toEqual({ lang: 'en-GB' });
    expect(pickVoice([{ lang: 'de-DE' }], 'en')).toBeUndefined();
  });
});
