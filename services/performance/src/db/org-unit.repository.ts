import { type Dialect, upsert } from '@fieldops/platform';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { PerformanceDb, PerformanceOrgUnitTable } from './schema';

type Db = Kysely<PerformanceDb> | Transaction<PerformanceDb>;
export type OrgUnitRow = Selectable<PerformanceOrgUnitTable>;

export const orgUnitRepository = {
  async findById(db: Db, id: string): Promise<OrgUnitRow | undefined> {
    return db.selectFrom('performance_org_unit').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** The unit and every unit under it (org trees are small: a country has hundreds of units, not millions). */
  async subtree(db: Db, id: string, country: string): Promise<string[]> {
    const units = await db.selectFrom('performance_org_unit').select(['id', 'parent_id']).where('country', '=', country).execute();
    const children = new Map<string, string[]>();
    for (const unit of units) {
      if (unit.parent_id !== null) children.set(unit.parent_id, [...(children.get(unit.parent_id) ?? []), unit.id]);
    }
    const found = [id];
    for (let i = 0; i < found.length; i++) found.push(...(children.get(found[i] as string) ?? []));
    return found;
  },

  /** The top units (no parent) of each country: a country's organisation, whose managers close its pay periods. */
  async rootsByCountry(db: Db): Promise<Map<string, string[]>> {
    const rows = await db
      .selectFrom('performance_org_unit')
      .select(['id', 'country'])
      .where('parent_id', 'is', null)
      .orderBy('id')
      .execute();
    const roots = new Map<string, string[]>();
    for (const row of rows) roots.set(row.country, [...(roots.get(row.country) ?? []), row.id]);
    return roots;
  },

  /** Keeps the newer of what is stored and `unit`. */
  async save(db: Db, dialect: Dialect, unit: OrgUnitRow): Promise<void> {
    const stored = await db.selectFrom('performance_org_unit').select('version').where('id', '=', unit.id).executeTakeFirst();
    if (stored && stored.version >= unit.version) return;
    const { id, ...rest } = unit;
    await upsert(db, dialect, 'performance_org_unit', unit, ['id'], rest);
  },
};
