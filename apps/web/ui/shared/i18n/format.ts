import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session';
import type { CountryFormat } from './country-format';

// Until the policy has loaded: the device's clock, and no currency symbol worth guessing.
const FALLBACK: CountryFormat = { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, currency: 'XXX' };

export interface Formatters {
  date(iso: string | null | undefined): string;
  dateTime(iso: string | null | undefined): string;
  number(value: number, digits?: number): string;
  money(amount: number): string;
  distance(metres: number): string;
}

/**
 * Dates, numbers and money in the interface language, on the clock and in the currency of the user's country
 * (its policy comes with the session).
 */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const country = useSession().country ?? FALLBACK;
  const locale = i18n.language;
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: country.timeZone });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: country.timeZone });
  return {
    date: (iso) => (iso ? dateFormat.format(new Date(iso)) : '—'),
    dateTime: (iso) => (iso ? dateTimeFormat.format(new Date(iso)) : '—'),
    number: (value, digits = 0) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value),
    money: (amount) => new Intl.NumberFormat(locale, { style: 'currency', currency: country.currency }).format(amount),
    distance: (metres) =>
      metres < 1000
        ? new Intl.NumberFormat(locale, { style: 'unit', unit: 'meter', maximumFractionDigits: 0 }).format(metres)
        : new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilometer', maximumFractionDigits: 1 }).format(metres / 1000),
  };
}
