import { type Access, UnprocessableError } from '@fieldops/platform';
import type { TicketsContext } from '../config';
import type { TicketRow } from '../db/ticket.repository';
import { applyTransition } from './transition-ticket';
import { visibleTicket } from './visible-ticket';

export interface ReviewInput {
  decision: 'approve' | 'reject';
  reason?: string;
}

/**
 * A reviewer's decision on a ticket completed on site with a flagged visit: approved, it is resolved; rejected, it
 * goes back to its assignee in progress, with the reason (required, so the rep knows what to redo).
 */
export async function reviewTicket(
  ctx: TicketsContext,
  access: Access,
  id: string,
  input: ReviewInput,
  ifMatch: (current: number) => number,
): Promise<TicketRow> {
  if (input.decision === 'reject' && (input.reason ?? '').trim() === '') {
    throw new UnprocessableError('Say why the completion is rejected.', [{ field: '/body/reason', message: 'is required to reject' }]);
  }
  const ticket = await visibleTicket(ctx, access, id);
  const expectedVersion = ifMatch(ticket.version);
  return applyTransition(
    ctx,
    access,
    ticket,
    { to: input.decision === 'approve' ? 'resolved' : 'in_progress', reason: input.reason },
    expectedVersion,
    { command: 'review', kind: 'reviewed', detail: { decision: input.decision } },
  );
}
