import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Dialect, loadConfig, type PlatformConfig } from '@fieldops/platform';
import type { Compilable, Kysely } from 'kysely';
import type { TestDatabaseEngine } from './engines-env';

/**
 * A fresh data directory and database for one service on an engine, for a test that migrates and reads a database
 * without a host (a plan test); both are removed after `work`, whatever it answers.
 */
export async function withScratchDatabase<T>(
  engine: TestDatabaseEngine,
  service: string,
  work: (config: PlatformConfig) => Promise<T>,
): Promise<T> {
  const database = engine.create();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `fieldops-${service}-`));
  try {
    return await work(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: database.url }));
  } finally {
    await database.cleanup([service]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * How an engine would run a query, as text to look for an index or a sort step in: SQLite's EXPLAIN QUERY PLAN rows,
 * MySQL's EXPLAIN rows, each as JSON; or, with `mysql: 'document'`, MySQL's EXPLAIN FORMAT=JSON (it names the key
 * parts used).
 */
export async function queryPlan(
  // biome-ignore lint/suspicious/noExplicitAny: a plan is asked of any service's database.
  db: Kysely<any>,
  dialect: Dialect,
  query: Compilable,
  { mysql = 'rows' }: { mysql?: 'rows' | 'document' } = {},
): Promise<string> {
  const compiled = query.compile();
  const prefix = dialect === 'sqlite' ? 'explain query plan ' : mysql === 'document' ? 'explain format=json ' : 'explain ';
  const { rows } = await db.executeQuery({ ...compiled, sql: prefix + compiled.sql });
  const asText = (row: unknown) =>
    dialect === 'mysql' && mysql === 'document' ? String(Object.values(row as object)[0]) : JSON.stringify(row);
  return rows.map(asText).join('\n');
}
