import { replayHistory } from './clock-lifetimes';
import { clockReport, idleClockReport } from './clock-report';
import type { SlaCalendar } from './sla-calendar';
import type { SlaHistoryEvent } from './sla-history';
import type { SlaPolicySet } from './sla-policy';
import type { SlaReport } from './sla-report';

/**
 * Every clock of a ticket at `now`, computed from its own history alone (events after `now` are ignored), so a
 * calendar or policy fix takes effect by recomputing.
 */
export function computeSla(history: readonly SlaHistoryEvent[], policies: SlaPolicySet, calendar: SlaCalendar, now: Date): SlaReport {
  const timeline = replayHistory(history, now.getTime());
  const nowMs = timeline.now;
  const report = (lifetime: typeof timeline.firstResponse) => clockReport(lifetime, timeline, policies, calendar, nowMs);
  return {
    computedAt: new Date(nowMs).toISOString(),
    clocks: [
      report(timeline.firstResponse),
      timeline.nextResponse === null
        ? idleClockReport('nextResponse', policies[timeline.priorityAt(nowMs)])
        : report(timeline.nextResponse),
      report(timeline.resolution),
    ],
  };
}
