import type { PendingOn, SlaStatus, TicketPriority, TicketState } from '@fieldops/contracts';
import type { PlatformTables } from '@fieldops/platform';
import type { ColumnType } from 'kysely';

export interface TicketTable {
  id: string;
  country: string;
  /** A ticket type of the country (domain/ticket-types). */
  type: string;
  title: string;
  description: string;
  state: TicketState;
  /** What a pending ticket waits on; null in every other state. */
  pending_on: PendingOn | null;
  priority: TicketPriority;
  queue: string;
  assignee_id: string | null;
  /** The team the ticket belongs to (scope); the assignee's, else the creator's. */
  org_unit_id: string | null;
  /** Set when an external service provider works the ticket: only its users see it. */
  agency_id: string | null;
  area_id: string | null;
  /** Where the work is (the merchant's, lead's or place's point), WGS-84: who covers it is asked of the area service. */
  lat: number | null;
  lng: number | null;
  merchant_id: string | null;
  lead_id: string | null;
  place_id: string | null;
  visit_id: string | null;
  /** The check-in of the latest completion on site (a flag on it later sends a resolved ticket back to review). */
  on_site_visit_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The type's fields as JSON, valid against the type's schema. */
  fields: string;
  created_by: string;
  /** The earliest time an SLA action (warn, breach, escalation) falls due: the breach job's index. */
  sla_next_due_at: number | null;
  /** When the first open SLA clock breaches (or breached), for sorting by "breaches first". */
  sla_breach_at: number | null;
  /**
   * The queue's "breaches first" key, indexed: the breach time, or NO_BREACH after every ticket that has one. Kept
   * by the repository wherever it writes `sla_breach_at`; optional on insert only for rows written outside it.
   */
  sla_breach_sort: ColumnType<number, number | undefined, number>;
  /** The SLA summary the queue shows and filters by: the worst open clock decides. */
  sla_status: SlaStatus;
  resolved_at: number | null;
  closed_at: number | null;
  version: number;
  created_at: number;
  updated_at: number;
}

/** Every change of a ticket, oldest first: who/when/why, and the history its SLA is computed from. */
export interface TicketHistoryTable {
  id: string;
  ticket_id: string;
  /** Per ticket, from 1: the order of the history. */
  seq: number;
  kind: string;
  from_state: TicketState | null;
  to_state: TicketState | null;
  actor: string;
  reason: string | null;
  /** What else changed (assignee, priority, comment visibility…), as JSON. */
  detail: string;
  at: number;
}

export interface TicketCommentTable {
  id: string;
  ticket_id: string;
  author_id: string;
  body: string;
  /** internal: staff only; public: also the merchant or partner. */
  visibility: 'internal' | 'public';
  at: number;
}

export interface TicketWatcherTable {
  ticket_id: string;
  user_id: string;
  at: number;
}

/** Each SLA action fired once: the key (ticket, clock, action, cycle) is unique, so two job runs cannot both fire. */
export interface TicketSlaActionTable {
  action_key: string;
  ticket_id: string;
  at: number;
}

/** A country's own SLA policies of one ticket type (`default`: the types without their own row). */
export interface TicketSlaPolicyTable {
  country: string;
  ticket_type: string;
  /** The SlaPolicySet, by priority, as JSON. */
  policies: string;
  version: number;
  updated_by: string;
  updated_at: number;
}

export interface TicketsDb extends PlatformTables {
  ticket: TicketTable;
  ticket_history: TicketHistoryTable;
  ticket_comment: TicketCommentTable;
  ticket_watcher: TicketWatcherTable;
  ticket_sla_action: TicketSlaActionTable;
  ticket_sla_policy: TicketSlaPolicyTable;
}
