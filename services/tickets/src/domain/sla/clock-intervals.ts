import { workingIntervals } from '@fieldops/countries';
import type { Span } from './clock-lifetimes';
import type { SlaCalendar } from './sla-calendar';
import type { SlaIntervalKind } from './sla-report';

export interface ClockInterval extends Span {
  readonly kind: SlaIntervalKind;
}

/** Parts of `span` outside every pending stretch (running) and inside one (paused), in order. */
function splitByPending(span: Span, pending: readonly Span[]): { span: Span; paused: boolean }[] {
  const parts: { span: Span; paused: boolean }[] = [];
  let cursor = span.from;
  for (const pause of pending) {
    if (pause.to <= cursor || pause.from >= span.to) continue;
    const pauseFrom = Math.max(pause.from, cursor);
    const pauseTo = Math.min(pause.to, span.to);
    if (pauseFrom > cursor) parts.push({ span: { from: cursor, to: pauseFrom }, paused: false });
    if (pauseTo > pauseFrom) parts.push({ span: { from: pauseFrom, to: pauseTo }, paused: true });
    cursor = pauseTo;
  }
  if (cursor < span.to) parts.push({ span: { from: cursor, to: span.to }, paused: false });
  return parts;
}

/**
 * The clock's life as counted, paused and non-working stretches that tile it from its start to its end (or now).
 * A gap between two spans (resolved, then reopened) shows as paused: the clock did not count then either.
 */
export function clockIntervals(spans: readonly Span[], pending: readonly Span[], calendar: SlaCalendar): ClockInterval[] {
  const intervals: ClockInterval[] = [];
  const push = (from: number, to: number, kind: SlaIntervalKind) => {
    if (to <= from) return;
    const last = intervals[intervals.length - 1];
    if (last !== undefined && last.kind === kind && last.to === from) intervals[intervals.length - 1] = { ...last, to };
    else intervals.push({ from, to, kind });
  };
  for (const span of spans) {
    const last = intervals[intervals.length - 1];
    if (last !== undefined) push(last.to, span.from, 'paused');
    for (const part of splitByPending(span, pending)) {
      if (part.paused) {
        push(part.span.from, part.span.to, 'paused');
        continue;
      }
      for (const stretch of workingIntervals(calendar, calendar.timezone, part.span.from, part.span.to)) {
        push(stretch.from, stretch.to, stretch.working ? 'counted' : 'non-working');
      }
    }
  }
  return intervals;
}
