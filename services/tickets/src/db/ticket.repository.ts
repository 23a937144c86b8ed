import { type Dialect, forUpdate, type ResolvedScope } from '@fieldops/platform';
import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import { OPEN_STATES, type TicketState } from '../domain/ticket-state';
import type { TicketsDb, TicketTable } from './schema';
import { visibleTo } from './ticket-visibility';

export type TicketRow = Selectable<TicketTable>;
type Db = Kysely<TicketsDb> | Transaction<TicketsDb>;
export type TicketChanges = Omit<Updateable<TicketTable>, 'id' | 'version' | 'created_at' | 'country' | 'created_by' | 'sla_breach_sort'>;

/** The sort key of a ticket without a running clock: after every ticket that has one. */
export const NO_BREACH = Number.MAX_SAFE_INTEGER;

const toNumber = (v: number | null): number | null => (v === null ? null : Number(v));

/** MySQL drivers may hand BIGINTs back as strings: every row leaves the repository with numbers. */
function normalise(row: TicketRow): TicketRow {
  return {
    ...row,
    lat: toNumber(row.lat),
    lng: toNumber(row.lng),
    sla_next_due_at: toNumber(row.sla_next_due_at),
    sla_breach_at: toNumber(row.sla_breach_at),
    sla_breach_sort: Number(row.sla_breach_sort),
    resolved_at: toNumber(row.resolved_at),
    closed_at: toNumber(row.closed_at),
    version: Number(row.version),
    created_at: Number(row.created_at),
    updated_at: Number(row.updated_at),
  };
}

export interface TicketListFilter {
  state?: TicketState | 'open';
  queue?: string;
  assigneeId?: string;
  merchantId?: string;
  sort: 'created' | 'breach';
  /** The last row's key: [id] for created, [breach time, id] for breach. */
  after: { breachAt: number; id: string } | { id: string } | undefined;
  limit: number;
}

/** The stored sort key of a breach time (indexed with the id: the queue's "breaches first" reads that index). */
export const breachSortOf = (breachAt: number | null): number => breachAt ?? NO_BREACH;

export const ticketRepository = {
  async insert(db: Db, row: TicketRow): Promise<void> {
    await db
      .insertInto('ticket')
      .values({ ...row, sla_breach_sort: breachSortOf(row.sla_breach_at) })
      .execute();
  },

  async byId(db: Db, id: string): Promise<TicketRow | undefined> {
    const row = await db.selectFrom('ticket').selectAll().where('id', '=', id).executeTakeFirst();
    return row && normalise(row);
  },

  /** The ticket, locked until the transaction ends (MariaDB; SQLite serialises writers anyway). */
  async locked(db: Transaction<TicketsDb>, dialect: Dialect, id: string): Promise<TicketRow | undefined> {
    const row = await forUpdate(db.selectFrom('ticket').selectAll().where('id', '=', id), dialect).executeTakeFirst();
    return row && normalise(row);
  },

  /** The resolved tickets whose latest completion on site was this visit. */
  async resolvedOnSiteWith(db: Db, visitId: string): Promise<TicketRow[]> {
    const rows = await db
      .selectFrom('ticket')
      .selectAll()
      .where('on_site_visit_id', '=', visitId)
      .where('state', '=', 'resolved')
      .execute();
    return rows.map(normalise);
  },

  async visible(db: Db, id: string, scope: ResolvedScope): Promise<TicketRow | undefined> {
    const row = await db.selectFrom('ticket').selectAll().where('id', '=', id).where(visibleTo(scope)).executeTakeFirst();
    return row && normalise(row);
  },

  async visibleMany(db: Db, ids: string[], scope: ResolvedScope): Promise<TicketRow[]> {
    if (ids.length === 0) return [];
    const rows = await db.selectFrom('ticket').selectAll().where('id', 'in', ids).where(visibleTo(scope)).orderBy('id').execute();
    return rows.map(normalise);
  },

  /** A page of the tickets a scope sees, newest first or by breach time (soonest first, none last). */
  async list(db: Db, scope: ResolvedScope, filter: TicketListFilter): Promise<TicketRow[]> {
    return (await ticketRepository.listQuery(db, scope, filter).execute()).map(normalise);
  },

  /** The query of `list`, unrun: what its index test explains. */
  listQuery(db: Db, scope: ResolvedScope, filter: TicketListFilter) {
    let query = db.selectFrom('ticket').selectAll().where(visibleTo(scope));
    if (filter.state === 'open') query = query.where('state', 'in', [...OPEN_STATES]);
    else if (filter.state !== undefined) query = query.where('state', '=', filter.state);
    if (filter.queue !== undefined) query = query.where('queue', '=', filter.queue);
    if (filter.assigneeId !== undefined) query = query.where('assignee_id', '=', filter.assigneeId);
    if (filter.merchantId !== undefined) query = query.where('merchant_id', '=', filter.merchantId);
    const after = filter.after;
    if (filter.sort === 'breach') {
      if (after && 'breachAt' in after) {
        const { breachAt, id } = after;
        query = query.where((eb) =>
          eb.or([eb('sla_breach_sort', '>', breachAt), eb.and([eb('sla_breach_sort', '=', breachAt), eb('id', '>', id)])]),
        );
      }
      query = query.orderBy('sla_breach_sort').orderBy('id');
    } else {
      if (after) query = query.where('id', '<', after.id);
      query = query.orderBy('id', 'desc');
    }
    return query.limit(filter.limit + 1);
  },

  /** Every ticket of a merchant the scope sees, newest first, for the merchant's own page. */
  async forMerchant(db: Db, merchantId: string, scope: ResolvedScope, openOnly: boolean, limit: number): Promise<TicketRow[]> {
    let query = db.selectFrom('ticket').selectAll().where('merchant_id', '=', merchantId).where(visibleTo(scope));
    if (openOnly) query = query.where('state', 'in', [...OPEN_STATES]);
    return (await query.orderBy('id', 'desc').limit(limit).execute()).map(normalise);
  },

  /** Tickets with an SLA action due at `now`, soonest first: all the breach job reads. */
  async due(db: Db, now: number, limit: number): Promise<TicketRow[]> {
    const rows = await db
      .selectFrom('ticket')
      .selectAll()
      .where('sla_next_due_at', '<=', now)
      .orderBy('sla_next_due_at')
      .limit(limit)
      .execute();
    return rows.map(normalise);
  },

  /** How many open tickets each user holds: least-loaded assignment. */
  async openLoad(db: Db, userIds: string[]): Promise<Map<string, number>> {
    const load = new Map(userIds.map((id) => [id, 0]));
    if (userIds.length === 0) return load;
    const rows = await db
      .selectFrom('ticket')
      .select(['assignee_id', (eb) => eb.fn.countAll<number>().as('held')])
      .where('assignee_id', 'in', userIds)
      .where('state', 'in', [...OPEN_STATES])
      .groupBy('assignee_id')
      .execute();
    for (const row of rows) if (row.assignee_id !== null) load.set(row.assignee_id, Number(row.held));
    return load;
  },

  /** Applies `changes` only if the ticket still has `expectedVersion`; answers whether it did. */
  async update(db: Db, id: string, expectedVersion: number, changes: TicketChanges): Promise<boolean> {
    const sort = changes.sla_breach_at === undefined ? {} : { sla_breach_sort: breachSortOf(changes.sla_breach_at as number | null) };
    const result = await db
      .updateTable('ticket')
      .set({ ...changes, ...sort, version: expectedVersion + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /**
   * Stores recomputed SLA columns while the ticket is still at `version`: derived data, so the version (the
   * writers' optimistic lock) is left alone. Answers false when the ticket changed meanwhile (its writer recomputed).
   */
  async setSla(
    db: Db,
    id: string,
    version: number,
    sla: Pick<TicketRow, 'sla_next_due_at' | 'sla_breach_at' | 'sla_status'>,
  ): Promise<boolean> {
    const result = await db
      .updateTable('ticket')
      .set({ ...sla, sla_breach_sort: breachSortOf(sla.sla_breach_at) })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** Every ticket in id order (of a country, of a type), a page at a time (exports and recomputations). */
  async page(db: Db, after: string, limit: number, only: { country?: string; type?: string } = {}): Promise<TicketRow[]> {
    let query = db.selectFrom('ticket').selectAll().orderBy('id').limit(limit);
    if (after !== '') query = query.where('id', '>', after);
    if (only.country !== undefined) query = query.where('country', '=', only.country);
    if (only.type !== undefined) query = query.where('type', '=', only.type);
    return (await query.execute()).map(normalise);
  },
};
