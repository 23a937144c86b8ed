import { isCalendarDate } from '@fieldops/countries';

/** The calendar periods figures and targets are kept for, each a key on every fact. */
export const PERIOD_KINDS = ['day', 'week', 'month', 'quarter'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  kind: PeriodKind;
  /** The key as facts store it: `2026-12-04`, `2026-W49`, `2026-12`, `2026-Q4`. */
  key: string;
}

export type PeriodKeys = Record<PeriodKind, string>;

const WEEK = /^(\d{4})-W(\d{2})$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

/** The period a key names, or undefined when it names none (`2026-13`, `2026-W54`, `2026-02-30`). */
export function parsePeriod(key: string): Period | undefined {
  if (isCalendarDate(key)) return { kind: 'day', key };
  if (MONTH.test(key)) return { kind: 'month', key };
  if (QUARTER.test(key)) return { kind: 'quarter', key };
  const week = WEEK.exec(key);
  if (week) {
    const year = Number(week[1]);
    const number = Number(week[2]);
    if (number >= 1 && number <= isoWeeksIn(year)) return { kind: 'week', key };
  }
  return undefined;
}

/** ISO 8601 week of a calendar date: weeks start on Monday, week 1 holds the year's first Thursday. */
export function isoWeekOf(date: string): { year: number; week: number } {
  const [y, m, d] = date.split('-').map(Number);
  const day = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  const weekday = day.getUTCDay() || 7;
  // The Thursday of this week decides the year the week belongs to.
  const thursday = new Date(day.getTime() + (4 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return { year, week };
}

function isoWeeksIn(year: number): number {
  return isoWeekOf(`${year}-12-28`).week;
}

/** Every period a local calendar date falls in. */
export function periodKeysOf(date: string): PeriodKeys {
  const { year, week } = isoWeekOf(date);
  const month = Number(date.slice(5, 7));
  return {
    day: date,
    week: `${year}-W${String(week).padStart(2, '0')}`,
    month: date.slice(0, 7),
    quarter: `${date.slice(0, 4)}-Q${Math.ceil(month / 3)}`,
  };
}
