// zh-CN is the first language; every visible string comes from these files.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../../contracts/kiosk-api';
import { translations } from './resources';

export const resources = { 'zh-CN': { translation: translations['zh-CN'] }, en: { translation: translations.en } } as const;

export async function initI18n(locale: Locale): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources,
    lng: locale,
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = locale;
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  return i18next;
}
