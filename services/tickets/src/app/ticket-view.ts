import type { TicketRow } from '../db/ticket.repository';
import { plainMovesFrom } from '../domain/ticket-state';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A ticket as the API shows it. */
export function toTicketView(row: TicketRow) {
  return {
    id: row.id,
    country: row.country,
    type: row.type,
    title: row.title,
    description: row.description,
    state: row.state,
    allowedMoves: plainMovesFrom(row.state),
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
    fields: JSON.parse(row.fields) as Record<string, unknown>,
    createdBy: row.created_by,
    slaStatus: row.sla_status,
    slaBreachAt: iso(row.sla_breach_at),
    slaNextDueAt: iso(row.sla_next_due_at),
    resolvedAt: iso(row.resolved_at),
    closedAt: iso(row.closed_at),
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export type TicketView = ReturnType<typeof toTicketView>;
