// Records what the page says: a stand-in for `speechSynthesis`, installed before the page's own scripts run. Headless
// Chromium has no voices, so this is the only way to check that the screen speaks, and in which language.
import type { Page } from 'playwright-core';

export interface SpokenLine {
  text: string;
  lang: string;
}

export async function recordSpeech(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const spoken: { text: string; lang: string }[] = [];
    Object.defineProperty(window, '__spoken', { value: spoken });
    const fake = {
      speak: (utterance: SpeechSynthesisUtterance) => spoken.push({ text: utterance.text, lang: utterance.lang }),
      cancel: () => undefined,
      getVoices: () => [],
    };
    Object.defineProperty(window, 'speechSynthesis', { value: fake, configurable: true });
  });
}

export function spoken(page: Page): Promise<SpokenLine[]> {
  return page.evaluate(() => (window as unknown as { __spoken: { text: string; lang: string }[] }).__spoken.slice());
}
