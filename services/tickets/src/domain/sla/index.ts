/**
 * The SLA engine: pure functions of a ticket's own history, its policies and its country's calendar.
 *
 * - `computeSla(history, slaPoliciesFor(table, country, type), getCountryPolicy(country), now)` gives every clock
 *   with its counted, paused and non-working intervals (what `GET /api/v1/tickets/{id}/sla` shows). Pass the
 *   registry's country policy itself as the calendar: day windows are cached per calendar object.
 * - After each change to a ticket, store `nextDueAt(report)` as its entry in the due-time index and
 *   `summarizeSla(report)` for the queue and search; a paused or finished ticket has no due time.
 * - The breach job reads the tickets due, recomputes, and publishes each of `dueActions(report, now)` once per
 *   ticket and `key` (its idempotency key), then stores the new `nextDueAt`.
 */
export { computeSla } from './compute-sla';
export { DEFAULT_SLA_POLICIES, slaPoliciesFor } from './default-policies';
export { dueActions, nextDueAt } from './due-actions';
export type { SlaCalendar } from './sla-calendar';
export { SLA_PRIORITIES, type SlaHistoryEvent, type SlaPriority, type SlaTicketState } from './sla-history';
export {
  type EscalationAudience,
  type EscalationLevel,
  SLA_CLOCKS,
  type SlaClockName,
  type SlaPolicy,
  type SlaPolicySet,
  type SlaPolicyTable,
} from './sla-policy';
export { type SlaPolicyProblem, slaPolicySetProblems } from './sla-policy-rules';
export type {
  SlaClockReport,
  SlaClockStatus,
  SlaDueAction,
  SlaInterval,
  SlaIntervalKind,
  SlaMilestone,
  SlaMilestoneKind,
  SlaReport,
} from './sla-report';
export { type SlaState, type SlaSummary, summarizeSla } from './sla-summary';
