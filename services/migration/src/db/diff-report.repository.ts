import type { Dialect } from '@fieldops/platform';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { MigrationCompareMinuteTable, MigrationDb, MigrationDiffSampleTable } from './schema';

export type DiffSampleRow = Selectable<MigrationDiffSampleTable>;
export type CompareMinuteRow = Selectable<MigrationCompareMinuteTable>;
type Db = Kysely<MigrationDb> | Transaction<MigrationDb>;

export const diffReportRepository = {
  async addCounts(db: Db, dialect: Dialect, row: CompareMinuteRow): Promise<void> {
    // Adds to what other gateway replicas counted in the same minute (the column names the stored row on both engines).
    const add = {
      matched: sql<number>`matched + ${row.matched}`,
      mismatched: sql<number>`mismatched + ${row.mismatched}`,
      failed: sql<number>`failed + ${row.failed}`,
    };
    const insert = db.insertInto('migration_compare_minute').values(row);
    if (dialect === 'mysql') await insert.onDuplicateKeyUpdate(add).execute();
    else await insert.onConflict((oc) => oc.columns(['route', 'minute']).doUpdateSet(add)).execute();
  },

  minutesSince: (db: Db, since: number): Promise<CompareMinuteRow[]> =>
    db.selectFrom('migration_compare_minute').selectAll().where('minute', '>=', since).orderBy('route').orderBy('minute').execute(),

  async addSample(db: Db, row: DiffSampleRow): Promise<void> {
    await db.insertInto('migration_diff_sample').values(row).execute();
  },

  /** Deletes a route's samples older than its newest `keep` (ids are UUIDv7: they sort by time). */
  async trimSamples(db: Db, route: string, keep: number): Promise<void> {
    const boundary = await db
      .selectFrom('migration_diff_sample')
      .select('id')
      .where('route', '=', route)
      .orderBy('id', 'desc')
      .offset(keep - 1)
      .limit(1)
      .executeTakeFirst();
    if (boundary) await db.deleteFrom('migration_diff_sample').where('route', '=', route).where('id', '<', boundary.id).execute();
  },

  /** The newest first, of one route or all. */
  samples(db: Db, route: string | undefined, limit: number): Promise<DiffSampleRow[]> {
    let query = db.selectFrom('migration_diff_sample').selectAll();
    if (route) query = query.where('route', '=', route);
    return query.orderBy('id', 'desc').limit(limit).execute();
  },
};
