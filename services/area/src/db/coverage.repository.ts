import type { Dialect } from '@fieldops/platform';
import { forUpdate, insertIfAbsent, upsert } from '@fieldops/platform';
import type { Kysely } from 'kysely';
import type { AreaDb } from './schema';

type Db = Kysely<AreaDb>;

/** The coverage last published per user, and the service's small counters. */
export const coverageRepository = {
  /**
   * The coverage last published for a user, with the user's row locked until the transaction ends (created empty
   * at version 0 when missing). On MySQL/MariaDB the locking read also sees the latest commit, not the snapshot:
   * two transactions recomputing one user's coverage queue here instead of publishing from stale reads.
   */
  async lockPublished(db: Db, dialect: Dialect, userId: string, at: number): Promise<{ areaIds: string[]; version: number }> {
    await insertIfAbsent(db, dialect, 'user_coverage', { user_id: userId, area_ids: '[]', version: 0, updated_at: at });
    const query = db.selectFrom('user_coverage').select(['area_ids', 'version']).where('user_id', '=', userId);
    const row = await forUpdate(query, dialect).executeTakeFirst();
    return row ? { areaIds: JSON.parse(row.area_ids) as string[], version: Number(row.version) } : { areaIds: [], version: 0 };
  },

  async save(db: Db, dialect: Dialect, userId: string, areaIds: string[], version: number, at: number): Promise<void> {
    const values = { user_id: userId, area_ids: JSON.stringify(areaIds), version, updated_at: at };
    await upsert(db, dialect, 'user_coverage', values, ['user_id'], { area_ids: values.area_ids, version, updated_at: at });
  },
};

export const stateRepository = {
  async get(db: Db, name: string): Promise<number> {
    const row = await db.selectFrom('area_state').select('value').where('name', '=', name).executeTakeFirst();
    return Number(row?.value ?? 0);
  },

  async set(db: Db, dialect: Dialect, name: string, value: number): Promise<void> {
    await upsert(db, dialect, 'area_state', { name, value }, ['name'], { value });
  },

  /** Adds one in the caller's transaction; concurrent writers queue on the row instead of losing an increment. */
  async increment(db: Db, dialect: Dialect, name: string): Promise<void> {
    const result = await db
      .updateTable('area_state')
      .set((eb) => ({ value: eb('value', '+', 1) }))
      .where('name', '=', name)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) await upsert(db, dialect, 'area_state', { name, value: 1 }, ['name'], { value: 1 });
  },
};
