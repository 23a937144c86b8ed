/** Calendar days in a country's timezone, as epoch-millisecond bounds. */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

// Building a formatter costs far more than using one; calendar arithmetic asks for offsets many times per ticket.
function offsetFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = offsetFormatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    offsetFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's offset from UTC at `epochMs`, in ms (positive east of Greenwich). */
function offsetAt(epochMs: number, timeZone: string): number {
  const parts = offsetFormatter(timeZone).formatToParts(new Date(epochMs));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** The calendar day after `date` (YYYY-MM-DD). */
function nextCalendarDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Whether `date` is a real YYYY-MM-DD day. */
export function isCalendarDate(date: string): boolean {
  const m = DATE.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === date;
}

/** The instant a local wall-clock time happens on `date` in `timeZone` (e.g. '2026-11-28', '09:00', 'Asia/Singapore'). */
export function localTimeToEpoch(date: string, time: string, timeZone: string): number {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const naive = Date.UTC(y ?? 1970, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0);
  // Two passes settle the offset across a daylight-saving change (Brazil had them until 2019).
  const first = naive - offsetAt(naive, timeZone);
  return naive - offsetAt(first, timeZone);
}

/** [start, end) of a local day. */
export function localDayBounds(date: string, timeZone: string): { from: number; to: number } {
  const from = localTimeToEpoch(date, '00:00', timeZone);
  return { from, to: localTimeToEpoch(nextCalendarDate(date), '00:00', timeZone) };
}
