const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** How far `timeZone`'s wall clock is ahead of UTC at the instant `ms`, in milliseconds. */
function offsetAt(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * An effective date as the API takes it: a calendar date (`2026-03-01`) means the start of that day where the area
 * is (its country's timezone); a full ISO 8601 date-time is taken as it is. Answers epoch milliseconds, or
 * undefined when the text is neither.
 */
export function parseEffectiveDate(text: string, timeZone: string): number | undefined {
  const date = DATE.exec(text);
  if (date) {
    const utcMidnight = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]));
    if (Number.isNaN(utcMidnight) || new Date(utcMidnight).toISOString().slice(0, 10) !== text) return undefined;
    const first = utcMidnight - offsetAt(utcMidnight, timeZone);
    // Once more at the answer: the offset may differ there (daylight saving).
    return utcMidnight - offsetAt(first, timeZone);
  }
  const ms = Date.parse(text);
  return /T/.test(text) && Number.isFinite(ms) ? ms : undefined;
}
