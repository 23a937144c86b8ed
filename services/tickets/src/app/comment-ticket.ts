import type { Access } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import type { TicketsContext } from '../config';
import type { CommentRow } from '../db/comment.repository';
import { commentRepository } from '../db/comment.repository';
import { ticketRepository } from '../db/ticket.repository';
import { watcherRepository } from '../db/watcher.repository';
import { ticketEvents } from '../events/published';
import { watch, writeTicket } from './ticket-write';
import { visibleTicket } from './visible-ticket';

export interface CommentInput {
  body: string;
  visibility?: 'internal' | 'public';
  /** customer: what the merchant or partner said, logged by the caller (always public). */
  from?: 'staff' | 'customer';
}

/**
 * Comments on a ticket. A public comment by staff answers the customer, so it stops the response clocks; a reply from
 * the customer after an answer starts the next-response clock (the SLA is recomputed from the history the comment
 * joins). The author starts watching.
 */
export async function commentTicket(ctx: TicketsContext, access: Access, id: string, input: CommentInput): Promise<CommentRow> {
  const visible = await visibleTicket(ctx, access, id);
  const now = ctx.clock.now();
  const by = access.caller.userId;
  const author = input.from ?? 'staff';
  const comment: CommentRow = {
    id: uuidv7(),
    ticket_id: visible.id,
    author_id: by,
    body: input.body,
    visibility: author === 'customer' ? 'public' : (input.visibility ?? 'internal'),
    at: now,
  };
  return ctx.transact(
    async (trx, events) => {
      // A comment does not depend on the ticket's other fields: it waits for a concurrent edit instead of losing to it.
      const ticket = (await ticketRepository.locked(trx, ctx.dialect, visible.id)) ?? visible;
      await commentRepository.insert(trx, comment);
      const detail = { commentId: comment.id, visibility: comment.visibility, author };
      const after = await writeTicket(
        ctx,
        trx,
        ticket,
        {},
        [{ kind: 'commented', from_state: null, to_state: null, actor: by, reason: null, detail, at: now }],
        { now },
      );
      await watch(trx, ctx.dialect, ticket.id, [by], now);
      const notify = (await watcherRepository.of(trx, ticket.id)).filter((user) => user !== by);
      await events.append(ticketEvents.commented(after, comment, notify));
      await events.append(ticketEvents.updated(after, by));
      return comment;
    },
    { retryLockConflicts: true },
  );
}
