import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, MysqlDialect } from 'kysely';
import { LRUCache } from 'lru-cache';
import { createPool, type Pool } from 'mysql2';
import { createPool as createPromisePool } from 'mysql2/promise';
import type { Logger } from 'pino';
import { ConfigError } from '../config/config';
import type { Metrics } from '../observability/metrics';
import type { Dialect } from './column-types';
import { DEFAULT_QUERY_TIMEOUT_MS, poolWithQueryTimeout } from './query-timeout';
import { type ReplicaEndpoint, ReplicaReads, type ReplicaSettings } from './replica-reads';
import { StablePlanSqliteDialect } from './sqlite-dialect';

export interface ServiceDatabase<DB> {
  db: Kysely<DB>;
  dialect: Dialect;
  /** The service's database: an SQLite file path or a MySQL database name. */
  name: string;
  /**
   * A handle for a read that tolerates lag (lists, exports, history, rebuilds, batch reads): a read replica when one
   * is in rotation and has applied the caller's own writes, else the primary. Embedded SQLite has only `db`.
   */
  reads(): Promise<Kysely<DB>>;
  /** Where a MySQL database lives, for what needs a connection of its own (the binlog relay). */
  server?: MysqlServer;
  close(): Promise<void>;
}

export interface MysqlServer {
  host: string;
  port: number;
  user: string;
  password: string;
}

export interface DatabaseOptions {
  /** The setting the URL came from, named in errors. */
  setting?: string;
  /** MySQL pool size. */
  poolSize?: number;
  /** Read replicas of a MySQL/MariaDB primary (`mysql://…` each), with how they are checked. */
  replicas?: { urls: string[]; settings: ReplicaSettings; log: Logger; metrics?: Metrics };
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
    return openMysql<DB>(parsed, service, setting, options.poolSize ?? 10, options.replicas);
  }
  throw new ConfigError(setting, `unsupported database URL scheme "${parsed.protocol}"`);
}

/** How much of a SQLite file is read through memory mapping (SQLite caps it at its own maximum, 2 GB). */
export const SQLITE_MMAP_BYTES = 2 ** 31;

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
  // WAL lets readers run beside the writer. An acknowledged commit survives power loss (FULL): in WAL mode SQLite runs
  // at NORMAL and the driver flushes the log after each commit itself, off the event loop (FlushingSqliteDriver). A file
  // that cannot be in WAL mode (in memory, or a file system without shared memory) keeps SQLite's own FULL.
  const wal = sqlite.pragma('journal_mode = WAL', { simple: true }) === 'wal';
  sqlite.pragma(wal ? 'synchronous = NORMAL' : 'synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Reads straight from the file's pages in the OS cache, instead of a copy per page into SQLite's own 2 MB cache:
  // a query that visits a hundred thousand rows ran 3–5× slower through that cache. Writes still go through the WAL.
  sqlite.pragma(`mmap_size = ${SQLITE_MMAP_BYTES}`);
  cachePreparedStatements(sqlite);
  const db = new Kysely<DB>({ dialect: new StablePlanSqliteDialect(sqlite, wal ? `${file}-wal` : undefined) });
  return { db, dialect: 'sqlite', name: file, reads: async () => db, close: () => db.destroy() };
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

async function openMysql<DB>(
  url: URL,
  service: string,
  setting: string,
  poolSize: number,
  replicaOptions: DatabaseOptions['replicas'],
): Promise<ServiceDatabase<DB>> {
  // `?databasePrefix=` lets several installations (or test runs) share one server without sharing databases.
  const prefix = url.searchParams.get('databasePrefix') ?? 'fieldops_';
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || `${prefix}${service}`;
  if (!/^[A-Za-z0-9_]+$/.test(database)) throw new ConfigError(setting, `invalid database name "${database}"`);
  const server = mysqlServer(url);
  const admin = createPromisePool({ ...server, connectTimeout: 3000, connectionLimit: 1 });
  try {
    await admin.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  } catch (error) {
    throw new ConfigError(setting, `cannot reach MySQL at ${url.hostname}:${server.port} (${(error as Error).message})`);
  } finally {
    await admin.end();
  }
  const queryTimeoutMs = Number(url.searchParams.get('queryTimeoutMs') ?? DEFAULT_QUERY_TIMEOUT_MS);
  if (!Number.isInteger(queryTimeoutMs) || queryTimeoutMs <= 0) throw new ConfigError(setting, 'queryTimeoutMs must be a positive integer');
  const pool = servicePool(server, database, poolSize);
  const db = new Kysely<DB>({ dialect: new MysqlDialect({ pool: poolWithQueryTimeout(pool, queryTimeoutMs) }) });
  if (!replicaOptions || replicaOptions.urls.length === 0) {
    return { db, dialect: 'mysql', name: database, server, reads: async () => db, close: () => db.destroy() };
  }
  // A replica holds the databases its primary made; it is never asked to create one.
  const endpoints: ReplicaEndpoint[] = replicaOptions.urls.map((replicaUrl) => {
    const replica = mysqlServer(new URL(replicaUrl));
    return { name: `${replica.host}:${replica.port}`, pool: servicePool(replica, database, poolSize) };
  });
  const replicas = new ReplicaReads(service, db, pool, endpoints, replicaOptions.settings, replicaOptions.log, replicaOptions.metrics);
  await replicas.start();
  return {
    db,
    dialect: 'mysql',
    name: database,
    server,
    reads: () => replicas.reader(),
    async close() {
      await replicas.close();
      await db.destroy();
    },
  };
}

function mysqlServer(url: URL): MysqlServer {
  return {
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username || 'root'),
    password: decodeURIComponent(url.password),
  };
}

function servicePool(server: MysqlServer, database: string, size: number): Pool {
  return createPool({
    ...server,
    database,
    connectTimeout: 3000,
    connectionLimit: size,
    // BIGINT epoch milliseconds fit in a double; answering numbers keeps both drivers alike.
    supportBigNumbers: true,
    bigNumberStrings: false,
    charset: 'UTF8MB4_BIN',
  });
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
