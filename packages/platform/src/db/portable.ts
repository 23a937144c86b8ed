import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import type { Dialect } from './column-types';

type AnyDb = Kysely<unknown> | Transaction<unknown>;

/**
 * Kysely's MySQL dialect has neither `ON CONFLICT` nor `RETURNING`; these helpers give services one portable way
 * to write "insert or update" and "insert unless present".
 */
export async function upsert<DB, T extends keyof DB & string>(
  db: Kysely<DB> | Transaction<DB>,
  dialect: Dialect,
  table: T,
  values: Insertable<DB[T]>,
  conflictColumns: (keyof DB[T] & string)[],
  update: Updateable<DB[T]>,
): Promise<void> {
  const raw = db as unknown as AnyDb;
  // The generic table name defeats Kysely's inference; the public signature above keeps callers typed.
  const insert = raw.insertInto(table as never).values(values as never);
  if (dialect === 'mysql') await insert.onDuplicateKeyUpdate(update as never).execute();
  else await insert.onConflict((oc) => oc.columns(conflictColumns as never).doUpdateSet(update as never)).execute();
}

/** Inserts a row unless one with the same key exists; answers whether it inserted. */
export async function insertIfAbsent<DB, T extends keyof DB & string>(
  db: Kysely<DB> | Transaction<DB>,
  dialect: Dialect,
  table: T,
  values: Insertable<DB[T]>,
): Promise<boolean> {
  const raw = db as unknown as AnyDb;
  const insert = raw.insertInto(table as never).values(values as never);
  const result =
    dialect === 'mysql' ? await insert.ignore().executeTakeFirst() : await insert.onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Bound values per statement for the multi-row helpers: well under SQLite's 32,766 and MySQL's 65,535, and small
 * enough that a statement of long text rows stays far below MySQL's packet limit.
 */
const VALUES_PER_STATEMENT = 4_000;

/**
 * Inserts many rows with multi-row `INSERT … IGNORE` / `ON CONFLICT DO NOTHING` statements, skipping the rows whose
 * unique key already exists; answers how many it inserted. One statement per chunk instead of one per row: a fan-out
 * of a thousand rows costs a handful of round trips. Run it inside the caller's transaction.
 */
export async function insertManyIfAbsent<DB, T extends keyof DB & string>(
  db: Kysely<DB> | Transaction<DB>,
  dialect: Dialect,
  table: T,
  rows: readonly Insertable<DB[T]>[],
): Promise<number> {
  const first = rows[0];
  if (!first) return 0;
  const raw = db as unknown as AnyDb;
  const perStatement = Math.max(1, Math.floor(VALUES_PER_STATEMENT / Object.keys(first).length));
  let inserted = 0;
  for (let i = 0; i < rows.length; i += perStatement) {
    const insert = raw.insertInto(table as never).values(rows.slice(i, i + perStatement) as never);
    const result =
      dialect === 'mysql' ? await insert.ignore().executeTakeFirst() : await insert.onConflict((oc) => oc.doNothing()).executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

/** Whether an error is a unique-key violation on either engine. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; errno?: number } | undefined;
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e?.code === 'ER_DUP_ENTRY';
}

/**
 * Adds `FOR UPDATE` on MySQL/MariaDB, where REPEATABLE READ would otherwise allow lost updates. SQLite rejects the
 * clause and needs none: its write transactions are serialised.
 */
export function forUpdate<QB extends { forUpdate(): QB }>(query: QB, dialect: Dialect): QB {
  return dialect === 'mysql' ? query.forUpdate() : query;
}

interface VersionedRow {
  id: string;
  version: number;
}

/**
 * The optimistic update every business row uses: applies `changes` only if the row still has `expectedVersion`,
 * and bumps the version. Answers false when someone else changed the row first (the API's 412).
 */
export async function updateVersioned<DB, T extends keyof DB & string>(
  db: Kysely<DB> | Transaction<DB>,
  table: T,
  id: string,
  expectedVersion: number,
  changes: Updateable<DB[T]>,
): Promise<boolean> {
  // The generic table defeats Kysely's inference; the signature above keeps callers typed.
  const raw = db as unknown as Kysely<{ row: VersionedRow }>;
  const result = await raw
    .updateTable(table as 'row')
    .set({ ...(changes as object), version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

const MYSQL_DEADLOCK = 1213;
const MYSQL_LOCK_WAIT_TIMEOUT = 1205;

/**
 * Whether MySQL/MariaDB rolled a transaction back for a lock conflict (chosen as a deadlock victim, or waited past
 * `innodb_lock_wait_timeout`): its work was undone whole and may simply run again. SQLite serialises writers.
 */
export function isLockConflict(error: unknown): boolean {
  const errno = (error as { errno?: unknown } | undefined)?.errno;
  return errno === MYSQL_DEADLOCK || errno === MYSQL_LOCK_WAIT_TIMEOUT;
}
