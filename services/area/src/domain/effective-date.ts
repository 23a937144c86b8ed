import { isCalendarDate, localTimeToEpoch } from '@fieldops/countries';

/**
 * An effective date as the API takes it: a calendar date (`2026-03-01`) means the start of that day where the area
 * is (its country's timezone); a full ISO 8601 date-time is taken as it is. Answers epoch milliseconds, or
 * undefined when the text is neither.
 */
export function parseEffectiveDate(text: string, timeZone: string): number | undefined {
  if (isCalendarDate(text)) return localTimeToEpoch(text, '00:00', timeZone);
  const ms = Date.parse(text);
  return /T/.test(text) && Number.isFinite(ms) ? ms : undefined;
}
