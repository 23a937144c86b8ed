import type { EventWriter } from '@fieldops/platform';
import type { Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { TicketsContext } from '../config';
import { historyRepository, type NewHistory } from '../db/history.repository';
import type { TicketsDb } from '../db/schema';
import { breachSortOf, NO_BREACH, type TicketRow, ticketRepository } from '../db/ticket.repository';
import type { TicketPriority } from '../domain/ticket-state';
import type { TicketTypeDefinition } from '../domain/ticket-types';
import { ticketEvents } from '../events/published';
import type { Assignee } from './references';
import { slaColumnsFor, watch } from './ticket-write';

/** Everything a new ticket is opened with, checked already (fields valid, references readable). */
export interface NewTicket {
  country: string;
  type: TicketTypeDefinition;
  title: string;
  description: string;
  priority: TicketPriority | undefined;
  fields: Record<string, unknown>;
  merchantId: string | null;
  leadId: string | null;
  placeId: string | null;
  visitId: string | null;
  /** Where the records it names are, and whose they are. */
  areaId: string | null;
  point: { lat: number; lng: number } | null;
  orgUnitId: string | null;
  agencyId: string | null;
  assignee: Assignee | null;
  createdBy: string;
}

/**
 * Opens a ticket inside `trx`: the row, its history (opened, and assigned when a rule found someone), the SLA
 * computed from that history, the creator and assignee as watchers, and the events.
 */
export async function openTicket(
  ctx: TicketsContext,
  trx: Transaction<TicketsDb>,
  events: EventWriter,
  input: NewTicket,
  now: number,
): Promise<TicketRow> {
  const { assignee } = input;
  const priority = input.priority ?? input.type.defaultPriority;
  const row: TicketRow = {
    id: uuidv7(),
    country: input.country,
    type: input.type.type,
    title: input.title,
    description: input.description,
    state: assignee ? 'assigned' : 'new',
    pending_on: null,
    priority,
    queue: input.type.queue,
    assignee_id: assignee?.id ?? null,
    org_unit_id: assignee?.orgUnitId ?? input.orgUnitId,
    agency_id: assignee ? assignee.agencyId : input.agencyId,
    area_id: input.areaId,
    lat: input.point?.lat ?? null,
    lng: input.point?.lng ?? null,
    merchant_id: input.merchantId,
    lead_id: input.leadId,
    place_id: input.placeId,
    visit_id: input.visitId,
    on_site_visit_id: null,
    fields: JSON.stringify(input.fields),
    created_by: input.createdBy,
    sla_next_due_at: null,
    sla_breach_at: null,
    sla_breach_sort: NO_BREACH,
    sla_status: 'none',
    resolved_at: null,
    closed_at: null,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await ticketRepository.insert(trx, row);
  const history: NewHistory[] = [
    { kind: 'opened', from_state: null, to_state: 'new', actor: input.createdBy, reason: null, detail: { priority }, at: now },
  ];
  if (assignee) {
    history.push({
      kind: 'assigned',
      from_state: 'new',
      to_state: 'assigned',
      actor: 'service:tickets',
      reason: 'by rule',
      detail: { assigneeId: assignee.id },
      at: now,
    });
  }
  await historyRepository.append(trx, row.id, history);
  const sla = await slaColumnsFor(ctx, trx, row, now);
  await ticketRepository.setSla(trx, row.id, row.version, sla);
  const opened = { ...row, ...sla, sla_breach_sort: breachSortOf(sla.sla_breach_at) };
  await watch(trx, ctx.dialect, row.id, [input.createdBy, opened.assignee_id], now);
  await events.append(ticketEvents.opened(opened, input.createdBy));
  if (assignee) await events.append(ticketEvents.assigned(opened, null, assignee.id, 'service:tickets'));
  return opened;
}
