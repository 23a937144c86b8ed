import { OPEN_TICKET_STATES, type PendingOn, type TicketState } from '@fieldops/contracts';

export { PENDING_ON, type PendingOn, TICKET_PRIORITIES, TICKET_STATES, type TicketPriority, type TicketState } from '@fieldops/contracts';

/**
 * A ticket's life: new → assigned → in_progress ⇄ pending → resolved → closed; a reopen is resolved/closed →
 * in_progress; cancel from any open state. Completed on site with a flagged visit, it waits in review until a
 * reviewer approves (resolved) or rejects it (back to in_progress); resolved on site, it goes back to review when
 * its visit is flagged later (at the visit's check-out). The states each state may move to:
 */
const NEXT: Record<TicketState, readonly TicketState[]> = {
  new: ['assigned', 'canceled'],
  assigned: ['in_progress', 'pending', 'review', 'resolved', 'canceled'],
  in_progress: ['pending', 'review', 'resolved', 'canceled'],
  pending: ['in_progress', 'review', 'resolved', 'canceled'],
  review: ['resolved', 'in_progress', 'canceled'],
  resolved: ['closed', 'in_progress', 'review'],
  closed: ['in_progress'],
  canceled: [],
};

/** Open: the SLA clocks may still run and the ticket counts against its assignee's load. */
export const OPEN_STATES = OPEN_TICKET_STATES;

export function allowedFrom(state: TicketState): readonly TicketState[] {
  return NEXT[state];
}

/** The moves a plain transition may make (the rest take an on-site completion or a reviewer's decision). */
export function plainMovesFrom(state: TicketState): TicketState[] {
  return NEXT[state].filter((to) => to !== 'review' && (state !== 'review' || to === 'canceled'));
}

export interface TransitionSubject {
  state: TicketState;
  assigneeId: string | null;
  /** When the ticket was last resolved (the reopen window runs from there). */
  resolvedAt: number | null;
}

/**
 * The command asking for the move: only an on-site completion enters review, or — from resolved — the flag of the
 * visit it was completed with; only a reviewer's decision leaves it for resolved or in_progress (a plain transition
 * cannot skip the evidence or the review).
 */
export type TransitionCommand = 'transition' | 'on-site' | 'review' | 'visit-flagged';

export interface TransitionRequest {
  to: TicketState;
  command?: TransitionCommand;
  pendingOn?: PendingOn;
  now: number;
  /** The country's reopen window after a resolution. */
  reopenWindowMs: number;
}

/** `kind` names the change in the ticket's history: a move back from resolved/closed is a reopen. */
export type TransitionDecision =
  | { ok: true; kind: 'transitioned' | 'reopened'; state: TicketState; pendingOn: PendingOn | null }
  | {
      ok: false;
      code: 'illegal' | 'unassigned' | 'reopen-window' | 'pending-on' | 'needs-on-site' | 'needs-review';
      message: string;
      allowed: readonly TicketState[];
    };

export function transition(ticket: TransitionSubject, request: TransitionRequest): TransitionDecision {
  const { state } = ticket;
  const { to } = request;
  const allowed = allowedFrom(state);
  if (!allowed.includes(to)) {
    const list = allowed.length > 0 ? allowed.join(', ') : 'none';
    return { ok: false, code: 'illegal', message: `A ${state} ticket cannot move to ${to}; allowed: ${list}.`, allowed };
  }
  const command = request.command ?? 'transition';
  if (to === 'review' && state === 'resolved' && command !== 'visit-flagged') {
    const message = 'A resolved ticket goes back to review only when the visit it was completed with is flagged.';
    return { ok: false, code: 'needs-on-site', message, allowed };
  }
  if (to === 'review' && state !== 'resolved' && command !== 'on-site') {
    return { ok: false, code: 'needs-on-site', message: 'A ticket goes to review only through an on-site completion.', allowed };
  }
  if (state === 'review' && to !== 'canceled' && command !== 'review') {
    return { ok: false, code: 'needs-review', message: 'A ticket in review is approved or rejected by a reviewer.', allowed };
  }
  if (to === 'assigned' && ticket.assigneeId === null) {
    return { ok: false, code: 'unassigned', message: 'Assign the ticket to someone first.', allowed };
  }
  if (to === 'pending' && request.pendingOn === undefined) {
    return { ok: false, code: 'pending-on', message: 'Say what the ticket waits on: merchant or third_party.', allowed };
  }
  const reopen = (state === 'resolved' || state === 'closed') && to === 'in_progress';
  if (reopen && (ticket.resolvedAt === null || request.now > ticket.resolvedAt + request.reopenWindowMs)) {
    const days = Math.round(request.reopenWindowMs / 86_400_000);
    return { ok: false, code: 'reopen-window', message: `A ticket can be reopened within ${days} days of its resolution.`, allowed };
  }
  return {
    ok: true,
    kind: reopen ? 'reopened' : 'transitioned',
    state: to,
    pendingOn: to === 'pending' ? (request.pendingOn ?? null) : null,
  };
}
