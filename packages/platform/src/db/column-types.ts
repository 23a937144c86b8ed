import { type ColumnDataType, type Expression, sql } from 'kysely';

export type Dialect = 'sqlite' | 'mysql';

/**
 * Column types that mean the same on SQLite and MySQL/MariaDB. Migrations use these instead of writing
 * dialect-specific SQL, so every service's schema is portable (SQLite, MySQL 8, MariaDB, TiDB).
 */
export interface ColumnTypes {
  /** UUID strings (36 chars). */
  id: ColumnDataType;
  /** Short indexed strings: names, emails, codes. */
  string: ColumnDataType;
  /** Unbounded text, JSON documents included. */
  text: Expression<unknown> | ColumnDataType;
  /** Epoch milliseconds, counters, money in minor units. */
  bigint: ColumnDataType;
  integer: ColumnDataType;
  /** Stored as 0/1 on both engines. */
  boolean: ColumnDataType;
  double: ColumnDataType;
  dialect: Dialect;
}

export function columnTypes(dialect: Dialect): ColumnTypes {
  return {
    id: 'varchar(36)',
    string: 'varchar(255)',
    // MySQL's TEXT stops at 64 KiB; an event payload or a document may not.
    text: dialect === 'mysql' ? sql`longtext` : 'text',
    bigint: 'bigint',
    integer: 'integer',
    boolean: dialect === 'mysql' ? 'boolean' : 'integer',
    double: dialect === 'mysql' ? 'double precision' : 'real',
    dialect,
  };
}
