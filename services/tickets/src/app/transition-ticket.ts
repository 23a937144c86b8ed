import { type Access, ConflictError, type EventWriter } from '@fieldops/platform';
import type { Transaction } from 'kysely';
import type { TicketsContext } from '../config';
import type { NewHistory } from '../db/history.repository';
import type { TicketsDb } from '../db/schema';
import type { TicketChanges, TicketRow } from '../db/ticket.repository';
import { type PendingOn, type TicketState, type TransitionCommand, transition } from '../domain/ticket-state';
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
  return applyTransition(ctx, access, ticket, input, ifMatch(ticket.version));
}

/** What a command other than a plain transition adds: its name for the state machine and its history entry. */
export interface TransitionExtras {
  command?: TransitionCommand;
  /** The history entry's kind (`transitioned` by default; a reopen is always `reopened`). */
  kind?: string;
  /** More facts for the history entry (the on-site evidence, the review's decision). */
  detail?: Record<string, unknown>;
  /** More columns the command sets with the move (the visit of an on-site completion). */
  changes?: TicketChanges;
}

/** A move the state machine allowed, ready to write: the row's changes and its history entry. */
export interface PlannedTransition {
  ticket: TicketRow;
  changes: TicketChanges;
  entry: NewHistory;
  reopened: boolean;
}

/** Decides a move of `ticket` by `actor`; an illegal one is a 409 naming from, to and what is allowed. */
export function planTransition(
  ctx: TicketsContext,
  actor: string,
  ticket: TicketRow,
  input: TransitionInput,
  extras: TransitionExtras = {},
): PlannedTransition {
  const now = ctx.clock.now();
  const decision = transition(
    { state: ticket.state, assigneeId: ticket.assignee_id, resolvedAt: ticket.resolved_at },
    {
      to: input.to,
      command: extras.command,
      pendingOn: input.pendingOn,
      now,
      reopenWindowMs: ticketSetupOf(ticket.country).reopenWindowDays * DAY_MS,
    },
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
  const changes: TicketChanges = { ...extras.changes, state: decision.state, pending_on: decision.pendingOn };
  if (decision.state === 'resolved') changes.resolved_at = now;
  if (decision.state === 'closed') changes.closed_at = now;
  if (decision.kind === 'reopened') changes.closed_at = null;
  const entry: NewHistory = {
    kind: decision.kind === 'reopened' ? decision.kind : (extras.kind ?? decision.kind),
    from_state: ticket.state,
    to_state: decision.state,
    actor,
    reason: input.reason ?? null,
    detail: { pendingOn: decision.pendingOn, ...extras.detail },
    at: now,
  };
  return { ticket, changes, entry, reopened: decision.kind === 'reopened' };
}

/** Writes a planned move in the caller's transaction (the ticket still at `expectedVersion`): history, SLA, events. */
export async function writeTransition(
  ctx: TicketsContext,
  trx: Transaction<TicketsDb>,
  events: EventWriter,
  { ticket, changes, entry, reopened }: PlannedTransition,
  expectedVersion: number,
): Promise<TicketRow> {
  const after = await writeTicket(ctx, trx, ticket, changes, [entry], { now: entry.at, expectedVersion });
  await events.append(ticketEvents.transitioned(after, ticket.state, entry.reason ?? null, reopened, entry.actor));
  await events.append(ticketEvents.updated(after, entry.actor));
  return after;
}

/** Moves a ticket the caller has read (at `expectedVersion`) and writes its history, SLA and events. */
export async function applyTransition(
  ctx: TicketsContext,
  access: Access,
  ticket: TicketRow,
  input: TransitionInput,
  expectedVersion: number,
  extras: TransitionExtras = {},
): Promise<TicketRow> {
  const plan = planTransition(ctx, access.caller.userId, ticket, input, extras);
  return ctx.transact((trx, events) => writeTransition(ctx, trx, events, plan, expectedVersion));
}
