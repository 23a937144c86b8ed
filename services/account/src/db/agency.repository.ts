import { type ResolvedScope, scopeFilter, updateVersioned } from '@fieldops/platform';
import type { Kysely, Selectable } from 'kysely';
import type { AccountDb, AgencyTable } from './schema';

type Db = Kysely<AccountDb>;
export type AgencyRow = Selectable<AgencyTable>;

export interface AgencyFilters {
  country?: string;
  status?: AgencyRow['status'];
}

/**
 * Agencies belong to a country, not to a team: every caller narrower than `all` sees their own country's
 * agencies (a city manager places agency staff in their teams), and agency staff only their own agency.
 */
function agencyScope(scope: ResolvedScope) {
  const widened = scope.scope === 'all' ? scope : { ...scope, scope: 'country' as const };
  return scopeFilter(widened, { country: 'agency.country', agency: 'agency.id' });
}

export const agencyRepository = {
  async findById(db: Db, id: string, scope?: ResolvedScope): Promise<AgencyRow | undefined> {
    let query = db.selectFrom('agency').selectAll().where('id', '=', id);
    if (scope) query = query.where(agencyScope(scope));
    return query.executeTakeFirst();
  },

  /** Keyset page ordered by id (UUIDv7, so by creation). */
  async page(db: Db, scope: ResolvedScope, filters: AgencyFilters, after: string | undefined, limit: number): Promise<AgencyRow[]> {
    let query = db.selectFrom('agency').selectAll().where(agencyScope(scope));
    if (filters.country) query = query.where('country', '=', filters.country);
    if (filters.status) query = query.where('status', '=', filters.status);
    if (after) query = query.where('id', '>', after);
    return query
      .orderBy('id')
      .limit(limit + 1)
      .execute();
  },

  async insert(db: Db, row: AgencyRow): Promise<void> {
    await db.insertInto('agency').values(row).execute();
  },

  /** Optimistic update: answers false when the row's version is no longer `expectedVersion`. */
  async update(db: Db, id: string, expectedVersion: number, changes: Partial<Omit<AgencyRow, 'id' | 'version'>>): Promise<boolean> {
    return updateVersioned(db, 'agency', id, expectedVersion, changes);
  },
};
