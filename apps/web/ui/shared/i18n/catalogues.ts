import type { LanguageMeta } from './language';
import type { Catalogue } from './locales/en';

/** One language: its catalogue and what the apps need to show it. Every file in `locales/` is one. */
export interface LocaleModule {
  language: LanguageMeta;
  catalogue: Catalogue;
}

// Found at build time: adding a language is adding its file, with no list to edit.
const modules = import.meta.glob<LocaleModule>('./locales/*.ts', { eager: true });

/** Every language, English first, then by code. */
export const LOCALES: LocaleModule[] = Object.values(modules).sort((a, b) =>
  a.language.code === 'en' ? -1 : b.language.code === 'en' ? 1 : a.language.code.localeCompare(b.language.code),
);
