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
