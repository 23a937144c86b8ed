import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, MysqlDialect, SqliteDialect } from 'kysely';
import { LRUCache } from 'lru-cache';
import { createPool } from 'mysql2';
import { createPool as createPromisePool } from 'mysql2/promise';
import { ConfigError } from '../config/config';
import type { Dialect } from './column-types';

export interface ServiceDatabase<DB> {
  db: Kysely<DB>;
  dialect: Dialect;
  /** The service's database: an SQLite file path or a MySQL database name. */
  name: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** The setting the URL came from, named in errors. */
  setting?: string;
  /** MySQL pool size. */
  poolSize?: number;
}

/**
 * Opens one service's database. `sqlite:<dir>` → `<dir>/<service>.db`; `mysql://user:pass@host:port` →
 * database `fieldops_<service>` (created when missing), or the database named in the URL path.
 */
export async function openDatabase<DB>(url: string, service: string, options: DatabaseOptions = {}): Promise<ServiceDatabase<DB>> {
  const setting = options.setting ?? 'DATABASE_URL';
  const parsed = new URL(url);
  if (parsed.protocol === 'sqlite:') return openSqlite<DB>(url.slice('sqlite:'.length), service, setting);
  if (parsed.protocol === 'mysql:' || parsed.protocol === 'mariadb:') {
    return openMysql<DB>(parsed, service, setting, options.poolSize ?? 10);
  }
  throw new ConfigError(setting, `unsupported database URL scheme "${parsed.protocol}"`);
}

function openSqlite<DB>(location: string, service: string, setting: string): ServiceDatabase<DB> {
  const inMemory = location === ':memory:';
  const file = inMemory ? ':memory:' : path.join(path.resolve(location || '.'), `${service}.db`);
  let sqlite: SqliteDatabase.Database;
  try {
    if (!inMemory) fs.mkdirSync(path.dirname(file), { recursive: true });
    sqlite = new SqliteDatabase(file);
  } catch (error) {
    throw new ConfigError(setting, `cannot open SQLite database ${file}: ${(error as Error).message}`);
  }
  // WAL lets readers run beside the writer; FULL makes an acknowledged commit survive power loss.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  cachePreparedStatements(sqlite);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', name: file, close: () => db.destroy() };
}

/**
 * Kysely prepares every query anew; on a hot path preparing costs as much as running. The same SQL text gets the
 * same statement back (SQLite re-prepares it by itself after a schema change).
 */
function cachePreparedStatements(sqlite: SqliteDatabase.Database, size = 500): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const statements = new LRUCache<string, SqliteDatabase.Statement>({ max: size });
  sqlite.prepare = ((source: string) => {
    let statement = statements.get(source);
    if (!statement) {
      statement = prepare(source);
      statements.set(source, statement);
    }
    return statement;
  }) as typeof sqlite.prepare;
}

async function openMysql<DB>(url: URL, service: string, setting: string, poolSize: number): Promise<ServiceDatabase<DB>> {
  // `?databasePrefix=` lets several installations (or test runs) share one server without sharing databases.
  const prefix = url.searchParams.get('databasePrefix') ?? 'fieldops_';
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || `${prefix}${service}`;
  if (!/^[A-Za-z0-9_]+$/.test(database)) throw new ConfigError(setting, `invalid database name "${database}"`);
  const connection = {
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username || 'root'),
    password: decodeURIComponent(url.password),
    connectTimeout: 3000,
  };
  const admin = createPromisePool({ ...connection, connectionLimit: 1 });
  try {
    await admin.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  } catch (error) {
    throw new ConfigError(setting, `cannot reach MySQL at ${url.hostname}:${connection.port} (${(error as Error).message})`);
  } finally {
    await admin.end();
  }
  const pool = createPool({
    ...connection,
    database,
    connectionLimit: poolSize,
    // BIGINT epoch milliseconds fit in a double; answering numbers keeps both drivers alike.
    supportBigNumbers: true,
    bigNumberStrings: false,
    charset: 'UTF8MB4_BIN',
  });
  const db = new Kysely<DB>({ dialect: new MysqlDialect({ pool }) });
  return { db, dialect: 'mysql', name: database, close: () => db.destroy() };
}

/** Drops a MySQL database; used by tests that make a fresh logical database each. */
export async function dropMysqlDatabase(url: string, database: string): Promise<void> {
  const parsed = new URL(url);
  const pool = createPromisePool({
    host: parsed.hostname,
    port: Number(parsed.port || 3306),
    user: decodeURIComponent(parsed.username || 'root'),
    password: decodeURIComponent(parsed.password),
    connectionLimit: 1,
  });
  try {
    await pool.query(`DROP DATABASE IF EXISTS \`${database}\``);
  } finally {
    await pool.end();
  }
}
