import type { Access } from '@fieldops/platform';
import type { TicketsContext } from '../config';
import { commentRepository } from '../db/comment.repository';
import { historyRepository } from '../db/history.repository';
import { visibleTicket } from './visible-ticket';

/** Everything that happened to a ticket, oldest first (who, when, why), and its comments; never capped. */
export async function ticketTimeline(ctx: TicketsContext, access: Access, id: string) {
  const ticket = await visibleTicket(ctx, access, id);
  const [history, comments] = await Promise.all([historyRepository.of(ctx.db, ticket.id), commentRepository.of(ctx.db, ticket.id, false)]);
  return {
    history: history.map((h) => ({
      kind: h.kind,
      from: h.from_state,
      to: h.to_state,
      actor: h.actor,
      reason: h.reason,
      detail: JSON.parse(h.detail) as Record<string, unknown>,
      at: new Date(h.at).toISOString(),
    })),
    comments: comments.map((c) => ({
      id: c.id,
      authorId: c.author_id,
      body: c.body,
      visibility: c.visibility,
      at: new Date(c.at).toISOString(),
    })),
  };
}
