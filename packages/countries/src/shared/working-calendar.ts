import type { WorkingCalendar } from '../country-policy';
import { localTimeToEpoch } from './local-day';

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

const MS_PER_MINUTE = 60_000;
/** Ten years without a working hour means the calendar has none; stop instead of looping forever. */
const MAX_DAYS_SEARCHED = 3660;

type Window = { from: number; to: number } | null;

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a local calendar date: a cheap key to step and cache by. */
type EpochDay = number;

const epochDayOf = (date: string): EpochDay => Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY;
const dateOf = (day: EpochDay): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
const localEpochDay = (epochMs: number, timeZone: string): EpochDay => epochDayOf(localDateTime(epochMs, timeZone).date);

// A day's window never changes for a calendar object (registry calendars are frozen), and each costs four zone
// look-ups, so they are kept per calendar, zone and day; a few thousand days at most.
const windowCache = new WeakMap<WorkingCalendar, Map<string, Map<EpochDay, Window>>>();

/** The working hours of one local day as instants, or null on a day off. */
function workingWindowOn(calendar: WorkingCalendar, timeZone: string, day: EpochDay): Window {
  let zones = windowCache.get(calendar);
  if (zones === undefined) {
    zones = new Map();
    windowCache.set(calendar, zones);
  }
  let days = zones.get(timeZone);
  if (days === undefined) {
    days = new Map();
    zones.set(timeZone, days);
  }
  let window = days.get(day);
  if (window === undefined) {
    window = computeWorkingWindow(calendar, timeZone, dateOf(day));
    days.set(day, window);
  }
  return window;
}

/** DST-safe: each end of the day's hours is turned into an instant on its own. */
function computeWorkingWindow(calendar: WorkingCalendar, timeZone: string, date: string): Window {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (!isWorkingDay(calendar, date, weekday)) return null;
  const start = parseClockTime(calendar.workingHours.start);
  const end = parseClockTime(calendar.workingHours.end);
  if (start === null || end === null || end <= start) return null;
  const from = localTimeToEpoch(date, calendar.workingHours.start, timeZone);
  const to = localTimeToEpoch(date, calendar.workingHours.end, timeZone);
  return to > from ? { from, to } : null;
}

/** Working windows that end after `from`, day by day in the zone, the first one clipped to start at `from`. */
function* workingWindowsFrom(calendar: WorkingCalendar, timeZone: string, from: number): Generator<{ from: number; to: number }> {
  let day = localEpochDay(from, timeZone);
  let daysWithout = 0;
  while (daysWithout < MAX_DAYS_SEARCHED) {
    const window = workingWindowOn(calendar, timeZone, day);
    day += 1;
    if (window === null || window.to <= from) {
      daysWithout += 1;
      continue;
    }
    daysWithout = 0;
    yield { from: Math.max(window.from, from), to: window.to };
  }
  throw new RangeError(`The calendar has no working time within ${MAX_DAYS_SEARCHED} days`);
}

/** [from, to) split into alternating working and non-working stretches, in the calendar's zone. */
export function workingIntervals(calendar: WorkingCalendar, timeZone: string, from: number, to: number): WorkingInterval[] {
  const intervals: WorkingInterval[] = [];
  if (to <= from) return intervals;
  let cursor = from;
  const lastDay = localEpochDay(to, timeZone);
  for (let day = localEpochDay(from, timeZone); day <= lastDay && cursor < to; day += 1) {
    const window = workingWindowOn(calendar, timeZone, day);
    if (window === null || window.to <= cursor || window.from >= to) continue;
    const start = Math.max(window.from, cursor);
    if (start > cursor) intervals.push({ from: cursor, to: start, working: false });
    cursor = Math.min(window.to, to);
    intervals.push({ from: start, to: cursor, working: true });
  }
  if (cursor < to) intervals.push({ from: cursor, to, working: false });
  return intervals;
}

/** Working minutes (fractional when an end is mid-minute) inside [from, to); 0 when to <= from. */
export function workingMinutesBetween(calendar: WorkingCalendar, timeZone: string, from: number, to: number): number {
  let ms = 0;
  for (const interval of workingIntervals(calendar, timeZone, from, to)) {
    if (interval.working) ms += interval.to - interval.from;
  }
  return ms / MS_PER_MINUTE;
}

/**
 * The instant at which `minutes` of working time have passed since `from` (epoch ms). It steps a working day at a
 * time, so a month of working minutes costs a month of days, not minutes. Work that ends exactly at closing time is
 * due at closing time, not at the next opening.
 */
export function addWorkingMinutes(calendar: WorkingCalendar, timeZone: string, from: number, minutes: number): number {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`Working minutes must be 0 or more: ${minutes}`);
  let remaining = Math.round(minutes * MS_PER_MINUTE);
  if (remaining === 0) return from;
  for (const window of workingWindowsFrom(calendar, timeZone, from)) {
    const length = window.to - window.from;
    if (remaining <= length) return window.from + remaining;
    remaining -= length;
  }
  // workingWindowsFrom either yields forever or throws.
  throw new RangeError('unreachable');
}
