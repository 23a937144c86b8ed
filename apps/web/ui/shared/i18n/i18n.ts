import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LOCALES } from './catalogues';

/** The languages a user can pick; the first matching one follows the user's locale setting. */
export const LANGUAGES = LOCALES.map(({ language }) => ({ code: language.code, label: language.label, dir: language.dir }));

const CHOSEN = 'fieldops.language';

/** The supported language closest to a locale like `zh-Hans-CN`, `zh-TW`, `pt` or `en-SG`: the longest match wins. */
export function languageFor(locale: string | undefined): string {
  const lower = (locale ?? '').toLowerCase();
  let best = { code: 'en', length: 0 };
  for (const { language } of LOCALES) {
    for (const prefix of [language.code.toLowerCase(), ...language.matches]) {
      const matches = lower === prefix || lower.startsWith(`${prefix}-`);
      if (matches && prefix.length > best.length) best = { code: language.code, length: prefix.length };
    }
  }
  return best.code;
}

/** `<html lang dir>` follow the language, so the layout mirrors for right-to-left scripts. */
function applyToDocument(language: string): void {
  document.documentElement.lang = language;
  document.documentElement.dir = LANGUAGES.find((l) => l.code === language)?.dir ?? 'ltr';
}

export function initI18n(): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: Object.fromEntries(LOCALES.map(({ language, catalogue }) => [language.code, { translation: catalogue }])),
    lng: localStorage.getItem(CHOSEN) ?? languageFor(navigator.language),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
  i18next.on('languageChanged', applyToDocument);
  applyToDocument(i18next.language);
  return i18next;
}

/** A language picked by hand wins over the user's locale setting on this device. */
export function chooseLanguage(language: string): void {
  localStorage.setItem(CHOSEN, language);
  void i18next.changeLanguage(language);
}

/** After sign-in: the user's locale setting decides, unless a language was picked on this device. */
export function followUserLocale(locale: string): void {
  if (localStorage.getItem(CHOSEN)) return;
  void i18next.changeLanguage(languageFor(locale));
}
