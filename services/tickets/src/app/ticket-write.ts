import { ConflictError, type Dialect } from '@fieldops/platform';
import type { Kysely, Transaction } from 'kysely';
import type { TicketsContext } from '../config';
import { historyRepository, type NewHistory } from '../db/history.repository';
import type { TicketsDb } from '../db/schema';
import { slaActionRepository } from '../db/sla-action.repository';
import { breachSortOf, type TicketChanges, type TicketRow, ticketRepository } from '../db/ticket.repository';
import { watcherRepository } from '../db/watcher.repository';
import { type SlaColumns, slaColumnsOf, slaPoliciesOf, slaReportOf } from './ticket-sla';

type Db = Kysely<TicketsDb> | Transaction<TicketsDb>;

/** The SLA columns of a ticket from its stored history, on its country's calendar. */
export async function slaColumnsFor(ctx: TicketsContext, db: Db, ticket: TicketRow, now: number): Promise<SlaColumns> {
  const history = await historyRepository.of(db, ticket.id);
  const fired = await slaActionRepository.firedFor(db, ticket.id);
  return slaColumnsOf(slaReportOf(ctx, ticket, history, now, await slaPoliciesOf(db, ticket)), now, fired);
}

export function lostRace(): ConflictError {
  return new ConflictError('The ticket changed while you acted on it; read it again.', [], { code: 'conflict' });
}

/**
 * Writes a change of a ticket in the caller's transaction: the row first, with the optimistic check on
 * `expectedVersion` (`onStale` says what a lost race is), so a concurrent writer of the same ticket loses there and
 * never reaches the history; then its history entries, and the SLA recomputed from the whole history.
 */
export async function writeTicket(
  ctx: TicketsContext,
  trx: Transaction<TicketsDb>,
  before: TicketRow,
  changes: TicketChanges,
  entries: NewHistory[],
  options: { now: number; expectedVersion?: number; onStale?: () => Error },
): Promise<TicketRow> {
  const expected = options.expectedVersion ?? before.version;
  if (!(await ticketRepository.update(trx, before.id, expected, { ...changes, updated_at: options.now })))
    throw (options.onStale ?? lostRace)();
  await historyRepository.append(trx, before.id, entries);
  const written: TicketRow = { ...before, ...changes, updated_at: options.now, version: expected + 1 };
  const sla = await slaColumnsFor(ctx, trx, written, options.now);
  await ticketRepository.setSla(trx, before.id, written.version, sla);
  return { ...written, ...sla, sla_breach_sort: breachSortOf(sla.sla_breach_at) };
}

/** Adds the people to tell about a ticket (its creator, assignee); a watcher already there stays once. */
export async function watch(trx: Transaction<TicketsDb>, dialect: Dialect, ticketId: string, userIds: (string | null)[], now: number) {
  for (const id of new Set(userIds))
    if (id !== null && !id.startsWith('service:')) await watcherRepository.add(trx, dialect, ticketId, id, now);
}
