import { type Dialect, forUpdate, insertIfAbsent } from '@fieldops/platform';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { MigrationDb, MigrationRouteModeTable } from './schema';

export type RouteModeRow = Selectable<MigrationRouteModeTable>;
type Db = Kysely<MigrationDb> | Transaction<MigrationDb>;

export const routeModeRepository = {
  list: (db: Db): Promise<RouteModeRow[]> => db.selectFrom('migration_route_mode').selectAll().orderBy('route').execute(),

  lock: (trx: Transaction<MigrationDb>, dialect: Dialect, route: string): Promise<RouteModeRow | undefined> =>
    forUpdate(trx.selectFrom('migration_route_mode').selectAll().where('route', '=', route), dialect).executeTakeFirst(),

  /** The first sight of a route: it starts in the file's mode. Answers false when another replica was first. */
  insertIfAbsent: (db: Db, dialect: Dialect, row: RouteModeRow): Promise<boolean> =>
    insertIfAbsent(db, dialect, 'migration_route_mode', row),

  async update(trx: Transaction<MigrationDb>, row: RouteModeRow): Promise<void> {
    await trx
      .updateTable('migration_route_mode')
      .set({ mode: row.mode, file_mode: row.file_mode, changed_by: row.changed_by, changed_at: row.changed_at, version: row.version })
      .where('route', '=', row.route)
      .execute();
  },
};
