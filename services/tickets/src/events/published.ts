import type { SlaPolicyChanged, TicketSnapshot, TicketsEventData, TicketsEventType } from '@fieldops/contracts';
import type { NewEvent } from '@fieldops/platform';
import type { CommentRow } from '../db/comment.repository';
import type { TicketRow } from '../db/ticket.repository';
import type { SlaDueAction } from '../domain/sla';

/** Who acts when nobody does: assignments by rule, SLA actions. */
export const SERVICE_ACTOR = 'service:tickets';

/** Builds this service's events; the data shapes are the contracts in @fieldops/contracts. The subject is the ticket. */
function event<T extends TicketsEventType>(type: T, ticket: TicketRow, data: TicketsEventData<T>, actor: string) {
  const built: NewEvent<TicketsEventData<T>> = { type, subject: ticket.id, data, country: ticket.country, actor };
  return built;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function ticketSnapshot(row: TicketRow): TicketSnapshot {
  return {
    id: row.id,
    country: row.country,
    type: row.type,
    title: row.title,
    state: row.state,
    pendingOn: row.pending_on,
    priority: row.priority,
    queue: row.queue,
    assigneeId: row.assignee_id,
    orgUnitId: row.org_unit_id,
    agencyId: row.agency_id,
    areaId: row.area_id,
    merchantId: row.merchant_id,
    leadId: row.lead_id,
    placeId: row.place_id,
    visitId: row.visit_id,
    lat: row.lat,
    lng: row.lng,
    createdBy: row.created_by,
    slaStatus: row.sla_status,
    slaBreachAt: iso(row.sla_breach_at),
    version: row.version,
  };
}

/** What an SLA action's event says: which clock, when it is due, and who is to be told. */
function slaAction(row: TicketRow, action: SlaDueAction, dueAt: string | null, notify: string[]) {
  return {
    ticketId: row.id,
    key: action.key,
    clock: action.clock,
    title: row.title,
    priority: row.priority,
    assigneeId: row.assignee_id,
    dueAt,
    firedAt: action.at,
    notify,
  };
}

export const ticketEvents = {
  opened: (row: TicketRow, actor: string) => event('tickets.ticket.opened.v1', row, ticketSnapshot(row), actor),
  /** The whole snapshot after any change of the row (an edit, a move, an assignment, a comment): what read models follow. */
  updated: (row: TicketRow, actor: string) => event('tickets.ticket.updated.v1', row, ticketSnapshot(row), actor),
  transitioned: (row: TicketRow, from: TicketRow['state'], reason: string | null, reopened: boolean, actor: string) =>
    event(
      'tickets.ticket.transitioned.v1',
      row,
      { ticketId: row.id, by: actor, from, to: row.state, pendingOn: row.pending_on, reason, reopened, version: row.version },
      actor,
    ),
  assigned: (row: TicketRow, previous: string | null, assigneeId: string, actor: string) =>
    event(
      'tickets.ticket.assigned.v1',
      row,
      { ticketId: row.id, by: actor, previousAssigneeId: previous, assigneeId, queue: row.queue, title: row.title, version: row.version },
      actor,
    ),
  commented: (row: TicketRow, comment: CommentRow, notify: string[]) =>
    event(
      'tickets.ticket.commented.v1',
      row,
      { ticketId: row.id, commentId: comment.id, by: comment.author_id, visibility: comment.visibility, body: comment.body, notify },
      comment.author_id,
    ),
  slaWarned: (row: TicketRow, action: SlaDueAction, dueAt: string | null, notify: string[]) =>
    event('tickets.ticket.sla-warned.v1', row, slaAction(row, action, dueAt, notify), SERVICE_ACTOR),
  slaBreached: (row: TicketRow, action: SlaDueAction, dueAt: string | null, notify: string[]) =>
    event('tickets.ticket.sla-breached.v1', row, slaAction(row, action, dueAt, notify), SERVICE_ACTOR),
  escalated: (row: TicketRow, action: SlaDueAction, audience: 'team-lead' | 'city-manager', dueAt: string | null, notify: string[]) =>
    event('tickets.ticket.escalated.v1', row, { ...slaAction(row, action, dueAt, notify), level: action.level, audience }, SERVICE_ACTOR),
};

/** A country's SLA policy of a type changed (the audit trail: who, before, after). Subject: `CC:type`. */
export function slaPolicyChanged(data: SlaPolicyChanged): NewEvent<SlaPolicyChanged> {
  return {
    type: 'tickets.sla-policy.changed.v1',
    subject: `${data.country}:${data.ticketType}`,
    data,
    country: data.country,
    actor: data.by,
  };
}
