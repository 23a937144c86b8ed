import type { Kysely } from 'kysely';
import type { AccountDb } from './schema';

type Db = Kysely<AccountDb>;

/** The areas a user covers (a read model of the area service's coverage events). */
export const userAreaRepository = {
  async areaIdsOf(db: Db, userId: string): Promise<string[]> {
    const rows = await db.selectFrom('user_area').select('area_id').where('user_id', '=', userId).orderBy('area_id').execute();
    return rows.map((r) => r.area_id);
  },

  /** Replaces a user's areas with a newer set; answers false (and changes nothing) for an older or equal version. */
  async replace(db: Db, userId: string, areaIds: string[], version: number): Promise<boolean> {
    const current = await db.selectFrom('user_area_version').select('version').where('user_id', '=', userId).executeTakeFirst();
    if (current && Number(current.version) >= version) return false;
    if (current) await db.updateTable('user_area_version').set({ version }).where('user_id', '=', userId).execute();
    else await db.insertInto('user_area_version').values({ user_id: userId, version }).execute();
    await db.deleteFrom('user_area').where('user_id', '=', userId).execute();
    const unique = [...new Set(areaIds)];
    for (let i = 0; i < unique.length; i += 500) {
      await db
        .insertInto('user_area')
        .values(unique.slice(i, i + 500).map((areaId) => ({ user_id: userId, area_id: areaId })))
        .execute();
    }
    return true;
  },
};
