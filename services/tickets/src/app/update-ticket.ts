import { type Access, PreconditionFailedError, ValidationError } from '@fieldops/platform';
import type { TicketsContext } from '../config';
import type { NewHistory } from '../db/history.repository';
import type { TicketChanges, TicketRow } from '../db/ticket.repository';
import { fieldProblems } from '../domain/ticket-fields';
import { OPEN_STATES, type TicketPriority } from '../domain/ticket-state';
import { ticketTypeOf } from '../domain/ticket-types';
import { ticketEvents } from '../events/published';
import { writeTicket } from './ticket-write';
import { visibleTicket } from './visible-ticket';

export interface UpdateTicketInput {
  title?: string;
  description?: string;
  priority?: TicketPriority;
  fields?: Record<string, unknown>;
}

/**
 * Edits a ticket's title, description, priority or fields (checked against its type's schema), with `If-Match`. A
 * priority change re-targets the SLA clocks (it is part of the history the SLA is computed from).
 */
export async function updateTicket(
  ctx: TicketsContext,
  access: Access,
  id: string,
  input: UpdateTicketInput,
  ifMatch: (current: number) => number,
): Promise<TicketRow> {
  const ticket = await visibleTicket(ctx, access, id);
  const expectedVersion = ifMatch(ticket.version);
  if (input.fields !== undefined) {
    const problems = fieldProblems(ticketTypeOf(ticket.country, ticket.type).fields, input.fields);
    if (problems.length > 0) throw new ValidationError(problems, 'The ticket’s fields do not match its type.');
  }
  const changes: TicketChanges = {};
  const entries: NewHistory[] = [];
  const now = ctx.clock.now();
  const by = access.caller.userId;
  if (input.title !== undefined && input.title !== ticket.title) changes.title = input.title;
  if (input.description !== undefined && input.description !== ticket.description) changes.description = input.description;
  if (input.fields !== undefined) changes.fields = JSON.stringify(input.fields);
  if (Object.keys(changes).length > 0) {
    entries.push({
      kind: 'updated',
      from_state: null,
      to_state: null,
      actor: by,
      reason: null,
      detail: { changed: Object.keys(changes) },
      at: now,
    });
  }
  if (input.priority !== undefined && input.priority !== ticket.priority) {
    if (!OPEN_STATES.includes(ticket.state)) {
      throw new ValidationError([{ field: '/body/priority', message: `cannot change on a ${ticket.state} ticket` }]);
    }
    changes.priority = input.priority;
    entries.push({
      kind: 'priority-changed',
      from_state: null,
      to_state: null,
      actor: by,
      reason: null,
      detail: { from: ticket.priority, to: input.priority },
      at: now,
    });
  }
  if (entries.length === 0) return ticket;
  return ctx.transact(async (trx, events) => {
    const after = await writeTicket(ctx, trx, ticket, changes, entries, {
      now,
      expectedVersion,
      onStale: () => new PreconditionFailedError(),
    });
    await events.append(ticketEvents.updated(after, by));
    return after;
  });
}
