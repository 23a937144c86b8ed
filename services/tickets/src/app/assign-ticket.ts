import type { EventWriter } from '@fieldops/platform';
import { type Access, ConflictError } from '@fieldops/platform';
import type { Transaction } from 'kysely';
import type { TicketsContext } from '../config';
import type { TicketsDb } from '../db/schema';
import type { TicketChanges, TicketRow } from '../db/ticket.repository';
import { OPEN_STATES } from '../domain/ticket-state';
import { ticketEvents } from '../events/published';
import { type Assignee, referencedAssignee } from './references';
import { watch, writeTicket } from './ticket-write';
import { visibleTicket } from './visible-ticket';

/** Why a ticket cannot be given to someone now, or undefined when it can. */
export function whyNotAssignable(ticket: TicketRow): string | undefined {
  if (!OPEN_STATES.includes(ticket.state)) return `A ${ticket.state} ticket cannot be assigned.`;
  return undefined;
}

/**
 * Gives a ticket to `assignee` in `trx`: a new ticket becomes assigned; the ticket moves to the assignee's team (and
 * agency), so their scope covers it; the assignee watches it.
 */
export async function writeAssignment(
  ctx: TicketsContext,
  trx: Transaction<TicketsDb>,
  events: EventWriter,
  ticket: TicketRow,
  assignee: Assignee,
  by: string,
  now: number,
): Promise<TicketRow> {
  const changes: TicketChanges = { assignee_id: assignee.id, org_unit_id: assignee.orgUnitId, agency_id: assignee.agencyId };
  if (ticket.state === 'new') changes.state = 'assigned';
  const to = changes.state ?? ticket.state;
  const after = await writeTicket(
    ctx,
    trx,
    ticket,
    changes,
    [
      {
        kind: 'assigned',
        from_state: ticket.state,
        to_state: to,
        actor: by,
        reason: null,
        detail: { assigneeId: assignee.id, previous: ticket.assignee_id },
        at: now,
      },
    ],
    { now },
  );
  await watch(trx, ctx.dialect, ticket.id, [assignee.id], now);
  await events.append(ticketEvents.assigned(after, ticket.assignee_id, assignee.id, by));
  await events.append(ticketEvents.updated(after, by));
  return after;
}

/** A manager gives a ticket they can see to a user they can see, of the ticket's country. */
export async function assignTicket(ctx: TicketsContext, access: Access, id: string, assigneeId: string): Promise<TicketRow> {
  const ticket = await visibleTicket(ctx, access, id);
  const why = whyNotAssignable(ticket);
  if (why) throw new ConflictError(why, [], { code: 'not-open', from: ticket.state });
  const assignee = await referencedAssignee(ctx, access, assigneeId, ticket.country, '/body/assigneeId');
  const now = ctx.clock.now();
  return ctx.transact((trx, events) => writeAssignment(ctx, trx, events, ticket, assignee, access.caller.userId, now));
}
