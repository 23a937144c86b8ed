import { addMonths, type PayPeriod, payPeriod } from './pay-period';

/**
 * Local days around a pay period's end within which its closers are reminded: from this many days before the end
 * (the day itself counting) until this many days after it. The same everywhere: no country policy sets it.
 */
export const CLOSING_REMINDER_DAYS = 3;

/** A period due a closing reminder, with the local days left until its end (0 once it has ended). */
export interface DueReminder {
  period: PayPeriod;
  daysLeft: number;
}

const DAY_MS = 86_400_000;

/** Whole calendar days from one YYYY-MM-DD to another. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The local day a month's period ends on: the first day of the next month, at its midnight. */
export function endDateOf(month: string): string {
  return `${addMonths(month, 1)}-01`;
}

/**
 * The periods of a country due a closing reminder on its local day `today`: the running month once it ends within
 * `days` days, and the month before it while it has ended less than `days` days ago and is still open (a reminder a
 * stopped job missed before the end). Older open months are not dug up, so a new installation tells nothing of its
 * history; months already reminded are the caller's to skip.
 */
export function dueClosingReminders(
  country: string,
  today: string,
  closed: ReadonlySet<string>,
  days = CLOSING_REMINDER_DAYS,
): DueReminder[] {
  const running = today.slice(0, 7);
  const due: DueReminder[] = [];
  const previous = addMonths(running, -1);
  if (!closed.has(previous) && daysBetween(endDateOf(previous), today) < days)
    due.push({ period: payPeriod(country, previous), daysLeft: 0 });
  const daysLeft = daysBetween(today, endDateOf(running));
  if (!closed.has(running) && daysLeft <= days) due.push({ period: payPeriod(country, running), daysLeft });
  return due;
}
