import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en';
import { ptBR } from './locales/pt-BR';
import { zhCN } from './locales/zh-CN';

/** The languages a user can pick; the first matching one follows the user's locale setting. */
export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'zh-CN', label: '简体中文' },
  { code: 'pt-BR', label: 'Português (Brasil)' },
] as const;

const CHOSEN = 'fieldops.language';

/** The supported language closest to a locale like `zh-Hans-CN`, `pt` or `en-SG`. */
export function languageFor(locale: string | undefined): string {
  const lower = (locale ?? '').toLowerCase();
  if (lower.startsWith('zh')) return 'zh-CN';
  if (lower.startsWith('pt')) return 'pt-BR';
  return 'en';
}

export function initI18n(): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN }, 'pt-BR': { translation: ptBR } },
    lng: localStorage.getItem(CHOSEN) ?? languageFor(navigator.language),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
  document.documentElement.lang = i18next.language;
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
