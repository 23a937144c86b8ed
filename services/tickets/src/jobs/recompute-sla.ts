import type { ProgressReporter } from '@fieldops/platform';
import { slaColumnsFor } from '../app/ticket-write';
import type { TicketsContext } from '../config';
import { ticketRepository } from '../db/ticket.repository';
import { OPEN_STATES } from '../domain/ticket-state';

const PAGE = 500;

/**
 * Recomputes the SLA columns of every open ticket (of a country, of a type) from its history: after a calendar or
 * policy change (a holiday gazetted late, a country's new targets), the due-time index and the queue's order follow
 * at once. Answers how many tickets changed.
 */
export async function recomputeOpenSla(
  ctx: TicketsContext,
  progress?: ProgressReporter,
  only: { country?: string; type?: string } = {},
): Promise<{ recomputed: number }> {
  let after = '';
  let recomputed = 0;
  for (;;) {
    const page = await ticketRepository.page(ctx.db, after, PAGE, only);
    const now = ctx.clock.now();
    progress?.tick(page.length);
    for (const ticket of page.filter((t) => OPEN_STATES.includes(t.state))) {
      const sla = await slaColumnsFor(ctx, ctx.db, ticket, now);
      const changed =
        sla.sla_next_due_at !== ticket.sla_next_due_at ||
        sla.sla_breach_at !== ticket.sla_breach_at ||
        sla.sla_status !== ticket.sla_status;
      if (changed && (await ticketRepository.setSla(ctx.db, ticket.id, ticket.version, sla))) recomputed++;
    }
    const last = page.at(-1);
    if (!last || page.length < PAGE) break;
    after = last.id;
  }
  return { recomputed };
}
