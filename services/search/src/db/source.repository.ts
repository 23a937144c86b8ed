import { type Dialect, type PlatformTables, upsert } from '@fieldops/platform';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { SearchDb, SearchSourceTable } from './schema';

type Db = Kysely<SearchDb> | Transaction<SearchDb>;

/** What search has applied from each source service, for the status endpoint. */
export const sourceRepository = {
  async find(db: Db, source: string): Promise<SearchSourceTable | undefined> {
    return db.selectFrom('search_source').selectAll().where('source', '=', source).executeTakeFirst();
  },

  async save(db: Db, dialect: Dialect, row: SearchSourceTable): Promise<void> {
    const { source: _, ...rest } = row;
    await upsert(db, dialect, 'search_source', row, ['source'], rest);
  },

  all(db: Db): Promise<SearchSourceTable[]> {
    return db.selectFrom('search_source').selectAll().execute();
  },

  /** Dead-lettered events of this service's consumers, by source service (the type's first segment). */
  async deadLettersBySource(db: Kysely<PlatformTables>): Promise<Map<string, number>> {
    const rows = await db
      .selectFrom('dead_letter')
      .select(['type', sql<number>`count(*)`.as('n')])
      .where('consumer', 'like', 'search.%')
      .groupBy('type')
      .execute();
    const out = new Map<string, number>();
    for (const row of rows) {
      const source = row.type.split('.')[0] ?? row.type;
      out.set(source, (out.get(source) ?? 0) + Number(row.n));
    }
    return out;
  },
};
