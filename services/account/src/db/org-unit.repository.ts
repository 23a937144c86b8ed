import { type ResolvedScope, scopeFilter, updateVersioned } from '@fieldops/platform';
import type { Kysely, Selectable } from 'kysely';
import type { OrgUnitKind } from '../domain/org-unit';
import type { AccountDb, OrgUnitTable } from './schema';

type Db = Kysely<AccountDb>;
export type OrgUnitRow = Selectable<OrgUnitTable>;

/**
 * Org units are seen through the same scope as the people in them: a rep sees their own unit, a team lead
 * their subtree. Agency users see the units they work in (units belong to no agency).
 */
function orgScope(scope: ResolvedScope) {
  const units = scope.scope === 'self' ? { ...scope, scope: 'team' as const, orgUnitIds: [scope.orgUnitId] } : scope;
  return scopeFilter({ ...units, agencyId: null }, { orgUnit: 'org_unit.id', country: 'org_unit.country' });
}

export const orgUnitRepository = {
  async findById(db: Db, id: string, scope?: ResolvedScope): Promise<OrgUnitRow | undefined> {
    let query = db.selectFrom('org_unit').selectAll().where('id', '=', id);
    if (scope) query = query.where(orgScope(scope));
    return query.executeTakeFirst();
  },

  /** The unit and everything below it. */
  async subtreeIds(db: Db, id: string): Promise<string[]> {
    const unit = await db.selectFrom('org_unit').select('path').where('id', '=', id).executeTakeFirst();
    if (!unit) return [];
    const rows = await db.selectFrom('org_unit').select('id').where('path', 'like', `${unit.path}%`).execute();
    return rows.map((r) => r.id);
  },

  async page(
    db: Db,
    scope: ResolvedScope,
    filters: { parentId?: string; kind?: OrgUnitKind; country?: string },
    after: string | undefined,
    limit: number,
  ): Promise<OrgUnitRow[]> {
    let query = db.selectFrom('org_unit').selectAll().where(orgScope(scope));
    if (filters.parentId) query = query.where('parent_id', '=', filters.parentId);
    if (filters.kind) query = query.where('kind', '=', filters.kind);
    if (filters.country) query = query.where('country', '=', filters.country);
    if (after) query = query.where('id', '>', after);
    return query
      .orderBy('id')
      .limit(limit + 1)
      .execute();
  },

  async insert(db: Db, row: OrgUnitRow): Promise<void> {
    await db.insertInto('org_unit').values(row).execute();
  },

  async update(db: Db, id: string, expectedVersion: number, changes: Partial<Omit<OrgUnitRow, 'id' | 'version'>>): Promise<boolean> {
    return updateVersioned(db, 'org_unit', id, expectedVersion, changes);
  },

  /**
   * Moves a subtree: every path under `oldPrefix` (the moved unit's own included) gets `newPrefix` instead. One
   * set-based UPDATE, so on MySQL/MariaDB it also reaches rows committed after this transaction's snapshot.
   * `concat` and `substr` mean the same on SQLite (3.44+) and MySQL/MariaDB. The path is an index, not business
   * data: descendants keep their `updated_at` and `version`, so their ETags stay true.
   */
  async rewritePaths(db: Db, oldPrefix: string, newPrefix: string): Promise<void> {
    await db
      .updateTable('org_unit')
      .set((eb) => ({
        path: eb.fn<string>('concat', [eb.val(newPrefix), eb.fn<string>('substr', [eb.ref('path'), eb.val(oldPrefix.length + 1)])]),
      }))
      .where('path', 'like', `${oldPrefix}%`)
      .execute();
  },

  /** The length of the longest path in a subtree: how deep a move would make it. */
  async longestPathUnder(db: Db, prefix: string): Promise<number> {
    const row = await db
      .selectFrom('org_unit')
      .select((eb) => eb.fn.max<number>(eb.fn<number>('length', [eb.ref('path')])).as('n'))
      .where('path', 'like', `${prefix}%`)
      .executeTakeFirst();
    return Number(row?.n ?? prefix.length);
  },

  async countChildren(db: Db, id: string): Promise<number> {
    const row = await db
      .selectFrom('org_unit')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('parent_id', '=', id)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  },

  /** Answers false when the row's version is no longer `expectedVersion`. */
  async delete(db: Db, id: string, expectedVersion: number): Promise<boolean> {
    const result = await db.deleteFrom('org_unit').where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  },
};
