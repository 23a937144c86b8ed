import type { SlaCalendar } from './sla-calendar';
import type { SlaHistoryEvent } from './sla-history';
import type { SlaPolicySet } from './sla-policy';
import type { SlaReport } from './sla-report';

/** Every clock of a ticket at `now`, computed from its own history alone. */
export function computeSla(_history: readonly SlaHistoryEvent[], _policies: SlaPolicySet, _calendar: SlaCalendar, _now: Date): SlaReport {
  throw new Error('not implemented yet');
}
