import { type Dialect, upsert } from '@fieldops/platform';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { SearchAreaTable, SearchDb, SearchUserTable } from './schema';

type Db = Kysely<SearchDb> | Transaction<SearchDb>;
export type UserRow = Selectable<SearchUserTable>;
export type AreaRow = Selectable<SearchAreaTable>;

/** Users and areas as their services published them (newest version wins), and merchants' last verified visits. */
export const referenceRepository = {
  async putUser(db: Db, dialect: Dialect, user: UserRow): Promise<boolean> {
    const stored = await db.selectFrom('search_user').select('version').where('id', '=', user.id).executeTakeFirst();
    if (stored && stored.version >= user.version) return false;
    const { id, ...rest } = user;
    await upsert(db, dialect, 'search_user', user, ['id'], rest);
    return true;
  },

  user(db: Db, id: string | null): Promise<UserRow | undefined> {
    if (id === null) return Promise.resolve(undefined);
    return db.selectFrom('search_user').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async usersById(db: Db, ids: string[]): Promise<Map<string, UserRow>> {
    if (ids.length === 0) return new Map();
    const rows = await db.selectFrom('search_user').selectAll().where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r]));
  },

  async putArea(db: Db, dialect: Dialect, area: AreaRow): Promise<boolean> {
    const stored = await db.selectFrom('search_area').select('version').where('id', '=', area.id).executeTakeFirst();
    if (stored && stored.version >= area.version) return false;
    const { id, ...rest } = area;
    await upsert(db, dialect, 'search_area', area, ['id'], rest);
    return true;
  },

  async allAreas(db: Db): Promise<AreaRow[]> {
    return db.selectFrom('search_area').selectAll().execute();
  },

  async recordVerifiedVisit(db: Db, dialect: Dialect, merchantId: string, at: number): Promise<number> {
    const stored = await db
      .selectFrom('search_merchant_visit')
      .select('last_verified_at')
      .where('merchant_id', '=', merchantId)
      .executeTakeFirst();
    const latest = Math.max(stored?.last_verified_at ?? 0, at);
    await upsert(db, dialect, 'search_merchant_visit', { merchant_id: merchantId, last_verified_at: latest }, ['merchant_id'], {
      last_verified_at: latest,
    });
    return latest;
  },

  async lastVerifiedVisits(db: Db, merchantIds: string[]): Promise<Map<string, number>> {
    if (merchantIds.length === 0) return new Map();
    const rows = await db.selectFrom('search_merchant_visit').selectAll().where('merchant_id', 'in', merchantIds).execute();
    return new Map(rows.map((r) => [r.merchant_id, Number(r.last_verified_at)]));
  },
};
