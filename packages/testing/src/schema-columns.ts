import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { databaseUrlFor, loadConfig, openDatabase, type PlatformTables, type ServiceDefinition } from '@fieldops/platform';
import type { TestDatabaseEngine } from './engines-env';

/**
 * Every column of every table of a database type, as an object literal the compiler checks both ways: a column the
 * type has and the literal lacks, or the other way round, does not compile.
 */
export type ColumnsOf<DB> = { [T in keyof DB & string]: { [C in keyof DB[T] & string]: true } };

/** A service's own tables: its `db/schema.ts` without the platform's tables. */
export type ServiceColumns<DB> = ColumnsOf<Omit<DB, keyof PlatformTables>>;

const PLATFORM_COLUMNS: ColumnsOf<PlatformTables> = {
  outbox: { seq: true, id: true, type: true, subject: true, envelope: true, created_at: true, published_at: true },
  inbox: { consumer: true, event_id: true, processed_at: true },
  dead_letter: { id: true, consumer: true, event_id: true, type: true, envelope: true, error: true, attempts: true, failed_at: true },
  idempotency_key: { key_hash: true, request_hash: true, status: true, response: true, created_at: true },
  lease: { name: true, holder: true, expires_at: true },
  relay_position: { name: true, position: true, updated_at: true },
};

/** Kysely's record of applied migrations (one list for the platform's tables, one for the service's). */
const BOOKKEEPING = new Set(['platform_migration', 'platform_migration_lock', 'service_migration', 'service_migration_lock']);

const sorted = (tables: [string, string[]][]): Record<string, string[]> =>
  Object.fromEntries(tables.map(([table, columns]) => [table, [...columns].sort()] as const).sort(([a], [b]) => a.localeCompare(b)));

/** The tables a service's schema literal declares, with the platform's, each with its columns, sorted. */
export function declaredColumns(service: Record<string, Record<string, true>>): Record<string, string[]> {
  return sorted(Object.entries({ ...PLATFORM_COLUMNS, ...service }).map(([table, columns]) => [table, Object.keys(columns)]));
}

/**
 * The tables and columns a service's migrations make in a fresh database on `engine`, sorted like declaredColumns;
 * `besides` names tables they make outside the service's schema (the demo seed's bookkeeping), left out.
 */
export async function migratedColumns(
  service: ServiceDefinition,
  engine: TestDatabaseEngine,
  options: { besides?: readonly string[] } = {},
): Promise<Record<string, string[]>> {
  const besides = new Set(options.besides);
  const database = engine.create();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-schema-'));
  try {
    const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: database.url });
    await service.migrate({ config });
    const opened = await openDatabase(databaseUrlFor(config, service.name), service.name);
    try {
      const tables = await opened.db.introspection.getTables();
      return sorted(
        tables
          .filter((table) => !table.isView && !BOOKKEEPING.has(table.name) && !besides.has(table.name))
          .map((table) => [table.name, table.columns.map((column) => column.name)]),
      );
    } finally {
      await opened.close();
    }
  } finally {
    await database.cleanup([service.name]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
