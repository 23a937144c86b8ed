import { type Access, ConflictError } from '@fieldops/platform';
import type { TicketsContext } from '../config';
import type { TicketChanges, TicketRow } from '../db/ticket.repository';
import { type PendingOn, type TicketState, transition } from '../domain/ticket-state';
import { ticketSetupOf } from '../domain/ticket-types';
import { ticketEvents } from '../events/published';
import { writeTicket } from './ticket-write';
import { visibleTicket } from './visible-ticket';

const DAY_MS = 86_400_000;

export interface TransitionInput {
  to: TicketState;
  reason?: string;
  pendingOn?: PendingOn;
}

/** Moves a ticket along its state machine; an illegal move is a 409 naming from, to and what is allowed. */
export async function transitionTicket(
  ctx: TicketsContext,
  access: Access,
  id: string,
  input: TransitionInput,
  ifMatch: (current: number) => number,
): Promise<TicketRow> {
  const ticket = await visibleTicket(ctx, access, id);
  const expectedVersion = ifMatch(ticket.version);
  const now = ctx.clock.now();
  const decision = transition(
    { state: ticket.state, assigneeId: ticket.assignee_id, resolvedAt: ticket.resolved_at },
    { to: input.to, pendingOn: input.pendingOn, now, reopenWindowMs: ticketSetupOf(ticket.country).reopenWindowDays * DAY_MS },
  );
  if (!decision.ok) {
    const field = decision.code === 'pending-on' ? '/body/pendingOn' : '/body/to';
    throw new ConflictError(decision.message, [{ field, message: decision.message }], {
      code: decision.code,
      from: ticket.state,
      to: input.to,
      allowed: decision.allowed,
    });
  }
  const changes: TicketChanges = { state: decision.state, pending_on: decision.pendingOn };
  if (decision.state === 'resolved') changes.resolved_at = now;
  if (decision.state === 'closed') changes.closed_at = now;
  if (decision.kind === 'reopened') changes.closed_at = null;
  const by = access.caller.userId;
  const reason = input.reason ?? null;
  return ctx.transact(async (trx, events) => {
    const after = await writeTicket(
      ctx,
      trx,
      ticket,
      changes,
      [
        {
          kind: decision.kind,
          from_state: ticket.state,
          to_state: decision.state,
          actor: by,
          reason,
          detail: { pendingOn: decision.pendingOn },
          at: now,
        },
      ],
      { now, expectedVersion },
    );
    await events.append(ticketEvents.transitioned(after, ticket.state, reason, decision.kind === 'reopened', by));
    await events.append(ticketEvents.updated(after, by));
    return after;
  });
}
