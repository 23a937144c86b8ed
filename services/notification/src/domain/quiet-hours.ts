import { localDateTime, localTimeToEpoch, parseClockTime } from '@fieldops/countries';

export interface QuietHours {
  /** Local wall-clock 'HH:MM'; the window may span midnight (22:00–07:00). */
  start: string;
  end: string;
}

/** When the quiet window around `now` ends in `timeZone`, or null when `now` is outside it. */
export function quietUntil(now: number, timeZone: string, window: QuietHours): number | null {
  const start = parseClockTime(window.start);
  const end = parseClockTime(window.end);
  if (start === null || end === null || start === end) return null;
  const local = localDateTime(now, timeZone);
  const minute = local.minuteOfDay;
  const spansMidnight = start > end;
  const inside = spansMidnight ? minute >= start || minute < end : minute >= start && minute < end;
  if (!inside) return null;
  // After the start on a window spanning midnight, the window ends tomorrow.
  const endDate = spansMidnight && minute >= start ? nextDate(local.date) : local.date;
  return localTimeToEpoch(endDate, window.end, timeZone);
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Whether `name` is a time zone this runtime knows (IANA names and their aliases). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
