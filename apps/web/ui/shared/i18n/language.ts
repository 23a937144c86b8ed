import type { Catalogue } from './locales/en';

/** What the apps need to know about a language besides its words. */
export interface LanguageMeta {
  /** BCP 47 code the catalogue is registered under ('zh-HK'). */
  code: string;
  /** The language's name in itself, as the switcher shows it. */
  label: string;
  /** Right-to-left languages (Arabic) mirror the layout. */
  dir: 'ltr' | 'rtl';
  /** Lower-case locale prefixes this language answers for besides its code ('zh-tw', 'zh-hant'). */
  matches: string[];
  /**
   * Keys whose text is rightly the same as the English one (a brand, 'SMS'); any other value equal to English is an
   * untranslated copy, which the catalogue test refuses.
   */
  sameAsEnglish: string[];
}

/** One language: its catalogue and what the apps need to show it. Every file in `locales/` is one. */
export interface LocaleModule {
  language: LanguageMeta;
  catalogue: Catalogue;
}
