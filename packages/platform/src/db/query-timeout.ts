import type { MysqlPool, MysqlPoolConnection, MysqlQueryResult } from 'kysely';
import type { Pool, PoolConnection, QueryOptions } from 'mysql2';

/**
 * How long a statement may wait for the server's answer unless the URL says otherwise (`?queryTimeoutMs=`). A server
 * that went silent (a partition, a frozen host) neither refuses nor answers: without a bound the request would hang,
 * and every connection of the pool with it. Past the bound the driver fails with `PROTOCOL_SEQUENCE_TIMEOUT`, which
 * answers 503 with `Retry-After` like any unreachable database.
 */
export const DEFAULT_QUERY_TIMEOUT_MS = 30_000;

/** Schema changes (migrations) may rightly take long on a big table: they are never cut off. */
const SCHEMA_CHANGE = /^\s*(?:CREATE|ALTER|DROP|RENAME|TRUNCATE)\b/i;

const TIMED_OUT = 'PROTOCOL_SEQUENCE_TIMEOUT';

/** The pool Kysely queries through, each statement bounded by `timeoutMs`. */
export function poolWithQueryTimeout(pool: Pool, timeoutMs: number): MysqlPool {
  return {
    getConnection(callback) {
      pool.getConnection((error, connection) => callback(error, bounded(connection, timeoutMs)));
    },
    end: (callback) => pool.end(callback),
  };
}

function bounded(connection: PoolConnection, timeoutMs: number): MysqlPoolConnection {
  return {
    get config() {
      return connection.config;
    },
    get threadId() {
      return connection.threadId;
    },
    connect: (callback) => connection.connect(callback),
    destroy: () => connection.destroy(),
    release: () => connection.release(),
    query(sql: string, parameters: QueryOptions['values'], callback?: (error: unknown, result: MysqlQueryResult) => void) {
      // Streams (large exports) are read at the consumer's pace and keep their own connection: left unbounded.
      if (!callback) return connection.query(sql, parameters);
      const options = SCHEMA_CHANGE.test(sql) ? { sql } : { sql, timeout: timeoutMs };
      return connection.query(options, parameters, (error, result) => {
        // The statement's answer may still arrive later on this connection: it must not serve another query.
        if (error?.code === TIMED_OUT) connection.destroy();
        callback(error, result as MysqlQueryResult);
      });
    },
  };
}
