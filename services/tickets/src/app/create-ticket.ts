import { type Access, ValidationError } from '@fieldops/platform';
import type { TicketsContext } from '../config';
import type { TicketRow } from '../db/ticket.repository';
import { fieldProblems } from '../domain/ticket-fields';
import type { TicketPriority } from '../domain/ticket-state';
import { ticketTypeOf } from '../domain/ticket-types';
import { openTicket } from './open-ticket';
import { type ReferencedRecord, referencedLead, referencedMerchant, referencedPlace, referencedVisit } from './references';
import { assigneeByRule } from './rule-assignment';

export interface CreateTicketInput {
  type: string;
  merchantId?: string;
  leadId?: string;
  placeId?: string;
  visitId?: string;
  priority?: TicketPriority;
  title: string;
  description?: string;
  fields?: Record<string, unknown>;
}

/** The records a ticket names, each read with the caller's token (a foreign one is a 422 naming its field). */
async function referencesOf(ctx: TicketsContext, access: Access, input: CreateTicketInput, country: string) {
  const read = async (id: string | undefined, reader: typeof referencedMerchant) =>
    id === undefined ? null : reader(ctx, access, id, country);
  const [merchant, lead, place, visit] = await Promise.all([
    read(input.merchantId, referencedMerchant),
    read(input.leadId, referencedLead),
    read(input.placeId, referencedPlace),
    read(input.visitId, referencedVisit),
  ]);
  return { merchant, lead, place, visit };
}

/** The record that says where the ticket's work is and whose it is: the merchant, else the lead, place or visit. */
function anchorOf(refs: Record<string, ReferencedRecord | null>): ReferencedRecord | null {
  return refs.merchant ?? refs.lead ?? refs.place ?? refs.visit ?? null;
}

/**
 * Opens a ticket of the caller's country: the type's fields checked against its schema (each problem names its
 * field), the records it names read in the caller's scope, and an assignee found by the type's rule.
 */
export async function createTicket(ctx: TicketsContext, access: Access, input: CreateTicketInput): Promise<TicketRow> {
  const { caller } = access;
  const country = caller.country;
  const type = ticketTypeOf(country, input.type);
  const fields = input.fields ?? {};
  const problems = fieldProblems(type.fields, fields);
  if (problems.length > 0) throw new ValidationError(problems, 'The ticket’s fields do not match its type.');
  const refs = await referencesOf(ctx, access, input, country);
  const anchor = anchorOf(refs);
  const point = anchor && anchor.lat !== null && anchor.lng !== null ? { lat: anchor.lat, lng: anchor.lng } : null;
  const assignee = await assigneeByRule(ctx, type.assignment, point, country);
  const now = ctx.clock.now();
  return ctx.transact((trx, events) =>
    openTicket(
      ctx,
      trx,
      events,
      {
        country,
        type,
        title: input.title,
        description: input.description ?? '',
        priority: input.priority,
        fields,
        merchantId: refs.merchant?.id ?? null,
        leadId: refs.lead?.id ?? null,
        placeId: refs.place?.id ?? null,
        visitId: refs.visit?.id ?? null,
        areaId: anchor?.areaId ?? null,
        point,
        orgUnitId: anchor?.orgUnitId ?? caller.orgUnitId,
        agencyId: anchor?.agencyId ?? caller.agencyId,
        assignee,
        createdBy: caller.userId,
      },
      now,
    ),
  );
}
