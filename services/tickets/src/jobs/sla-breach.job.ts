import type { JobDefinition } from '@fieldops/platform';
import { escalationAudience } from '../app/escalation-audience';
import { dueSlaActions, slaColumnsOf, slaPoliciesOf, slaReportOf } from '../app/ticket-sla';
import type { TicketsContext } from '../config';
import { historyRepository } from '../db/history.repository';
import type { TicketsDb } from '../db/schema';
import { slaActionRepository } from '../db/sla-action.repository';
import { type TicketRow, ticketRepository } from '../db/ticket.repository';
import { watcherRepository } from '../db/watcher.repository';
import type { EscalationAudience, SlaDueAction, SlaPolicySet, SlaReport } from '../domain/sla';
import { ticketEvents } from '../events/published';

/** Tickets read per run; the rest are still due on the next. */
const BATCH = 200;

interface PlannedAction {
  action: SlaDueAction;
  notify: string[];
  audience: EscalationAudience | null;
  dueAt: string | null;
}

const withoutNull = (ids: (string | null)[]) => [...new Set(ids.filter((id): id is string => id !== null))];

/** Who each action tells, read before the transaction: the assignee, the watchers, or the escalation's audience. */
async function plan(
  ctx: TicketsContext,
  ticket: TicketRow,
  policies: SlaPolicySet,
  report: SlaReport,
  action: SlaDueAction,
): Promise<PlannedAction> {
  const clock = report.clocks.find((c) => c.key === action.key.split(':')[0]);
  const dueAt = clock?.dueAt ?? clock?.breachedAt ?? null;
  if (action.kind === 'escalate') {
    const level = policies[ticket.priority].escalations.find((l) => l.level === action.level);
    const audience = level?.notify ?? 'city-manager';
    return { action, dueAt, audience, notify: await escalationAudience(ctx, ticket, audience, action.level) };
  }
  const watchers = await watcherRepository.of(ctx.db, ticket.id);
  const notify =
    action.kind === 'warn' && ticket.assignee_id !== null ? [ticket.assignee_id] : withoutNull([ticket.assignee_id, ...watchers]);
  return { action, dueAt, audience: null, notify };
}

/**
 * Fires one ticket's due SLA actions: each action's key is inserted (unique) and its event appended in one
 * transaction, so a replica racing on the same ticket fires none twice; then the ticket's next due time moves on.
 */
async function fireTicket(ctx: TicketsContext, ticket: TicketRow, now: number): Promise<number> {
  const policies = await slaPoliciesOf(ctx.db, ticket);
  const report = slaReportOf(ctx, ticket, await historyRepository.of(ctx.db, ticket.id), now, policies);
  const already = await slaActionRepository.firedFor(ctx.db, ticket.id);
  const due = dueSlaActions(report, now).filter((action) => !already.has(action.key));
  const planned: PlannedAction[] = [];
  for (const action of due) planned.push(await plan(ctx, ticket, policies, report, action));
  return ctx.transact(async (trx, events) => {
    let fired = 0;
    for (const { action, notify, audience, dueAt } of planned) {
      if (!(await slaActionRepository.fire(trx, ctx.dialect, ticket.id, action.key, now))) continue;
      if (action.kind === 'warn') await events.append(ticketEvents.slaWarned(ticket, action, dueAt, notify));
      else if (action.kind === 'breach') await events.append(ticketEvents.slaBreached(ticket, action, dueAt, notify));
      else await events.append(ticketEvents.escalated(ticket, action, audience ?? 'city-manager', dueAt, notify));
      fired++;
    }
    const done = new Set([...already, ...due.map((action) => action.key)]);
    await ticketRepository.setSla(trx, ticket.id, ticket.version, slaColumnsOf(report, now, done));
    return fired;
  });
}

/** Reads only the tickets whose next SLA action is due (the index on sla_next_due_at) and fires their actions. */
export async function fireDueSlaActions(ctx: TicketsContext): Promise<number> {
  const now = ctx.clock.now();
  let fired = 0;
  for (const ticket of await ticketRepository.due(ctx.db, now, BATCH)) {
    try {
      fired += await fireTicket(ctx, ticket, now);
    } catch (error) {
      // Left due: the next run tries again (a service that names the audience may be back by then).
      ctx.log.warn({ err: error, ticketId: ticket.id }, 'SLA actions not fired this run');
    }
  }
  return fired;
}

export function slaJobs(everyMs: number): JobDefinition<TicketsDb>[] {
  return [{ name: 'tickets.sla-actions', everyMs, run: async (ctx) => void (await fireDueSlaActions(ctx)) }];
}
