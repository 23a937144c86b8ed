import type { CountryRegistry } from '@fieldops/countries';
import { formatDate, templateLocale } from '../domain/locale';
import type { Rendered, Templates } from '../workflows/workflow';

/** Renders a workflow's facts in the recipient's locale (closest template), dates in their country's timezone. */
export function render<Facts>(
  templates: Templates<Facts>,
  facts: Facts,
  recipient: { locale: string; country: string },
  countries: CountryRegistry,
): Rendered {
  const timeZone = countryTimezone(countries, recipient.country);
  const format = { date: (epochMs: number) => formatDate(epochMs, recipient.locale, timeZone) };
  const template = templates[templateLocale(recipient.locale)] ?? templates.en;
  return template(facts, format);
}

export function countryTimezone(countries: CountryRegistry, country: string): string {
  try {
    return countries.get(country).timezone;
  } catch {
    return 'UTC';
  }
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => escapes[c] ?? c);

/** The HTML body of an email: the same title and text as the plain part, and the link when there is one. */
export function emailHtml(title: string, body: string, link: string | undefined, appUrl: string | undefined): string {
  const paragraphs = body
    .split('\n')
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('');
  const href = link && appUrl ? `${appUrl.replace(/\/$/, '')}${link}` : undefined;
  const button = href ? `<p><a href="${escapeHtml(href)}">${escapeHtml(href)}</a></p>` : '';
  return `<!doctype html><html><body><h1>${escapeHtml(title)}</h1>${paragraphs}${button}</body></html>`;
}
