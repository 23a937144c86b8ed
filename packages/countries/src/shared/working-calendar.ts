import type { WorkingCalendar } from '../country-policy';

export interface LocalDateTime {
  /** YYYY-MM-DD in the zone. */
  date: string;
  /** 0 = Sunday. */
  weekday: number;
  /** Minutes since local midnight. */
  minuteOfDay: number;
}

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      // h23 avoids the '24' hour some locales produce at midnight.
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function parseClockTime(value: string): number | null {
  const match = CLOCK_TIME.exec(value);
  if (match === null) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

export function localDateTime(epochMs: number, timeZone: string): LocalDateTime {
  if (!Number.isFinite(epochMs)) throw new RangeError(`Invalid epoch milliseconds: ${epochMs}`);
  const fields = new Map<string, string>();
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) fields.set(part.type, part.value);
  const year = Number(fields.get('year'));
  const month = Number(fields.get('month'));
  const day = Number(fields.get('day'));
  const hour = Number(fields.get('hour'));
  const minute = Number(fields.get('minute'));
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  // Weekday derived from the local calendar date, so no locale-specific weekday names are parsed.
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return { date, weekday, minuteOfDay: hour * 60 + minute };
}

export function isWorkingDay(calendar: WorkingCalendar, date: string, weekday: number): boolean {
  if (calendar.makeupWorkdays.includes(date)) return true;
  if (calendar.holidays.includes(date)) return false;
  return !calendar.weekend.includes(weekday);
}

/** Working hours are a half-open interval [start, end). */
export function isWorkingTime(calendar: WorkingCalendar, timeZone: string, epochMs: number): boolean {
  const local = localDateTime(epochMs, timeZone);
  if (!isWorkingDay(calendar, local.date, local.weekday)) return false;
  const start = parseClockTime(calendar.workingHours.start);
  const end = parseClockTime(calendar.workingHours.end);
  if (start === null || end === null) return false;
  return local.minuteOfDay >= start && local.minuteOfDay < end;
}

/** A stretch of time that is either all working time or all non-working time on a calendar. */
export interface WorkingInterval {
  /** Epoch ms, inclusive. */
  readonly from: number;
  /** Epoch ms, exclusive. */
  readonly to: number;
  readonly working: boolean;
}

/** [from, to) split into alternating working and non-working stretches, in the calendar's zone. */
export function workingIntervals(_calendar: WorkingCalendar, _timeZone: string, _from: number, _to: number): WorkingInterval[] {
  throw new Error('not implemented yet');
}

/** Working minutes (fractional when an end is mid-minute) inside [from, to); 0 when to <= from. */
export function workingMinutesBetween(_calendar: WorkingCalendar, _timeZone: string, _from: number, _to: number): number {
  throw new Error('not implemented yet');
}

/** The instant at which `minutes` of working time have passed since `from` (epoch ms). */
export function addWorkingMinutes(_calendar: WorkingCalendar, _timeZone: string, _from: number, _minutes: number): number {
  throw new Error('not implemented yet');
}
