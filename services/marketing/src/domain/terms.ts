/** The locales terms and the merchant page are written in; English is required and the fallback. */
export const TERMS_LOCALES = ['en', 'zh-CN', 'pt-BR', 'id'] as const;
export type TermsLocale = (typeof TERMS_LOCALES)[number];

export type Terms = { en: string } & Partial<Record<Exclude<TermsLocale, 'en'>, string>>;

/** A locale ('pt-BR', 'id-ID', 'zh') → the closest page locale: exact, then language, then English. */
export function termsLocale(locale: string): TermsLocale {
  const exact = TERMS_LOCALES.find((l) => l.toLowerCase() === locale.toLowerCase());
  if (exact) return exact;
  const language = locale.split('-')[0]?.toLowerCase();
  return TERMS_LOCALES.find((l) => l.split('-')[0] === language) ?? 'en';
}

export function termsIn(terms: Terms, locale: string): string {
  return terms[termsLocale(locale)] ?? terms.en;
}
