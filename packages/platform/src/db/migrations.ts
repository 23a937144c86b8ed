import type { Kysely } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import { type ColumnTypes, columnTypes, type Dialect } from './column-types';

/** One schema change of a service, written with Kysely's schema builder and the portable column types. */
export interface ServiceMigration {
  /** Sortable name, e.g. `001_users`. */
  name: string;
  up(db: Kysely<unknown>, t: ColumnTypes): Promise<void>;
}

function provider(migrations: ServiceMigration[], dialect: Dialect): MigrationProvider {
  const t = columnTypes(dialect);
  return {
    async getMigrations() {
      const record: Record<string, Migration> = {};
      for (const m of migrations) record[m.name] = { up: (db) => m.up(db, t) };
      return record;
    },
  };
}

/**
 * Brings a database up to date. The platform's own tables (outbox, inbox…) and the service's tables are tracked
 * in separate migration tables, so either list can grow without reordering the other.
 */
export async function migrateToLatest(
  db: Kysely<unknown>,
  dialect: Dialect,
  lists: { table: string; migrations: ServiceMigration[] }[],
): Promise<string[]> {
  const applied: string[] = [];
  for (const { table, migrations } of lists) {
    const migrator = new Migrator({
      db,
      provider: provider(migrations, dialect),
      migrationTableName: table,
      migrationLockTableName: `${table}_lock`,
    });
    const { error, results } = await migrator.migrateToLatest();
    for (const r of results ?? []) if (r.status === 'Success') applied.push(r.migrationName);
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return applied;
}
