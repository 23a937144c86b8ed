import { updateVersioned } from '@fieldops/platform';
import { type Expression, type ExpressionBuilder, type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import type { AreaDb, AreaTable } from './schema';

type Db = Kysely<AreaDb>;
export type AreaRow = Selectable<AreaTable>;

/**
 * Which areas a caller may see, already resolved by the app layer: every one, one country's, or the subtrees under
 * some paths (the areas their org units manage and the areas they cover).
 */
export type AreaVisibility = { all: true } | { country: string } | { paths: string[] };

function visible(visibility: AreaVisibility): (eb: ExpressionBuilder<AreaDb, 'area'>) => Expression<SqlBool> {
  return (eb) => {
    if ('all' in visibility) return sql<SqlBool>`1 = 1`;
    if ('country' in visibility) return eb('area.country', '=', visibility.country);
    if (visibility.paths.length === 0) return sql<SqlBool>`1 = 0`;
    return eb.or(visibility.paths.map((path) => eb('area.path', 'like', `${path}%`)));
  };
}

export interface AreaFilters {
  parentId?: string;
  country?: string;
}

export const areaRepository = {
  async findById(db: Db, id: string, visibility?: AreaVisibility): Promise<AreaRow | undefined> {
    let query = db.selectFrom('area').selectAll().where('id', '=', id);
    if (visibility) query = query.where(visible(visibility));
    return query.executeTakeFirst();
  },

  async findMany(db: Db, ids: string[]): Promise<AreaRow[]> {
    if (ids.length === 0) return [];
    return db.selectFrom('area').selectAll().where('id', 'in', ids).execute();
  },

  async page(db: Db, visibility: AreaVisibility, filters: AreaFilters, after: string | undefined, limit: number): Promise<AreaRow[]> {
    let query = db.selectFrom('area').selectAll().where(visible(visibility));
    if (filters.parentId) query = query.where('parent_id', '=', filters.parentId);
    if (filters.country) query = query.where('country', '=', filters.country);
    if (after) query = query.where('id', '>', after);
    return query
      .orderBy('id')
      .limit(limit + 1)
      .execute();
  },

  /** Every area of a country (or all countries) the caller may see, without geometry: for reports. */
  async idsVisible(db: Db, visibility: AreaVisibility, country?: string): Promise<string[]> {
    let query = db.selectFrom('area').select('id').where(visible(visibility));
    if (country) query = query.where('country', '=', country);
    return (await query.execute()).map((r) => r.id);
  },

  /** Those of `ids` the caller may see. */
  async visibleAmong(db: Db, visibility: AreaVisibility, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    return (await db.selectFrom('area').select('id').where('id', 'in', ids).where(visible(visibility)).execute()).map((r) => r.id);
  },

  /** `(id, version)` of every area: what the spatial index compares with what it holds. */
  async versions(db: Db): Promise<{ id: string; version: number }[]> {
    return db.selectFrom('area').select(['id', 'version']).execute();
  },

  async pathsOf(db: Db, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    return (await db.selectFrom('area').select('path').where('id', 'in', ids).execute()).map((r) => r.path);
  },

  async pathsManagedBy(db: Db, orgUnitIds: string[]): Promise<string[]> {
    if (orgUnitIds.length === 0) return [];
    return (await db.selectFrom('area').select('path').where('org_unit_id', 'in', orgUnitIds).execute()).map((r) => r.path);
  },

  /** The areas under any of the paths, the roots of those subtrees included. */
  async idsUnder(db: Db, paths: string[]): Promise<string[]> {
    if (paths.length === 0) return [];
    const rows = await db
      .selectFrom('area')
      .select('id')
      .where((eb) => eb.or(paths.map((path) => eb('path', 'like', `${path}%`))))
      .execute();
    return rows.map((r) => r.id);
  },

  async insert(db: Db, row: AreaRow): Promise<void> {
    await db.insertInto('area').values(row).execute();
  },

  async update(db: Db, id: string, expectedVersion: number, changes: Partial<Omit<AreaRow, 'id' | 'version'>>): Promise<boolean> {
    return updateVersioned(db, 'area', id, expectedVersion, changes);
  },

  async countChildren(db: Db, id: string): Promise<number> {
    const row = await db
      .selectFrom('area')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('parent_id', '=', id)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  },

  async children(db: Db, id: string): Promise<AreaRow[]> {
    return db.selectFrom('area').selectAll().where('parent_id', '=', id).orderBy('id').execute();
  },

  async delete(db: Db, id: string, expectedVersion: number): Promise<boolean> {
    const result = await db.deleteFrom('area').where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  },
};
