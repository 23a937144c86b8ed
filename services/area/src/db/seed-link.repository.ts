import { type Dialect, forUpdate } from '@fieldops/platform';
import type { Kysely, Selectable } from 'kysely';
import type { AreaDb, SeedLinkTable } from './schema';

type Db = Kysely<AreaDb>;
export type SeedLinkRow = Selectable<SeedLinkTable>;

export const seedLinkRepository = {
  async insertMany(db: Db, rows: SeedLinkRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200)
      await db
        .insertInto('seed_link')
        .values(rows.slice(i, i + 200))
        .execute();
  },

  /** The oldest pending links, locked: two runs (the seed's own and the job's) take turns instead of racing. */
  async pending(db: Db, dialect: Dialect, limit: number): Promise<SeedLinkRow[]> {
    return forUpdate(db.selectFrom('seed_link').selectAll().orderBy('id').limit(limit), dialect).execute();
  },

  async any(db: Db): Promise<boolean> {
    return (await db.selectFrom('seed_link').select('id').limit(1).executeTakeFirst()) !== undefined;
  },

  async remove(db: Db, ids: string[]): Promise<void> {
    if (ids.length > 0) await db.deleteFrom('seed_link').where('id', 'in', ids).execute();
  },
};
