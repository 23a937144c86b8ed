/** The template locales: English and Simplified Chinese complete; Brazilian Portuguese and Indonesian started. */
export const TEMPLATE_LOCALES = ['en', 'zh-CN', 'pt-BR', 'id'] as const;
export type TemplateLocale = (typeof TEMPLATE_LOCALES)[number];

/** A recipient's locale ('en-SG', 'id-ID', 'zh-CN') → the closest template: exact, then language, then English. */
export function templateLocale(locale: string): TemplateLocale {
  const exact = TEMPLATE_LOCALES.find((l) => l.toLowerCase() === locale.toLowerCase());
  if (exact) return exact;
  const language = locale.split('-')[0]?.toLowerCase();
  return TEMPLATE_LOCALES.find((l) => l.split('-')[0] === language) ?? 'en';
}

/** Formatters by locale and zone: making one costs far more than using it, and an event may tell a thousand people. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A date in the recipient's locale and country timezone, e.g. "8 Jan 2026" / "2026年1月8日". */
export function formatDate(epochMs: number, locale: string, timeZone: string): string {
  const key = `${locale}|${timeZone}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
    dateFormats.set(key, format);
  }
  return format.format(epochMs);
}
