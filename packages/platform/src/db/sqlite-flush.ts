import fs from 'node:fs/promises';
import type SqliteDatabase from 'better-sqlite3';
import { type CompiledQuery, type DatabaseConnection, type QueryResult, SqliteDriver } from 'kysely';

/** SQLite's `synchronous` levels by name; a number is taken as it is. */
const LEVELS: Record<string, number> = { off: 0, normal: 1, full: 2, extra: 3 };
const FULL = 2;

const SET_LEVEL = /^\s*pragma\s+synchronous\s*=\s*(\w+)\s*;?\s*$/i;
const READ_LEVEL = /^\s*pragma\s+synchronous\s*;?\s*$/i;
/** Statements that write nothing themselves: a transaction's bounds, pragmas, reads. */
const WRITES_NOTHING = /^\s*(begin|commit|end|rollback|savepoint|release|pragma|select|explain|values)\b/i;
const WITH = /^\s*with\b/i;
const WRITE_WORD = /\b(insert|update|delete|replace)\b/i;
const ROW_WRITE = /^\s*(insert|update|delete|replace)\b/i;
const ROLLBACK = /^\s*rollback\s*;?\s*$/i;

/**
 * The WAL flush of `synchronous = FULL`, made on the thread pool instead of the event loop.
 *
 * At FULL, SQLite flushes the write-ahead log to the disk inside each commit: the event loop waits it out (0.3–1 ms
 * here, and now and then tens of milliseconds on a virtual disk), and so does every request of every service in the
 * process. This connection runs SQLite at NORMAL — the same writes, in the same order, without that flush — and
 * flushes the log itself (`fdatasync`) after each commit, off the event loop, before the commit's caller goes on:
 * what FULL adds to NORMAL in WAL mode is exactly that flush, so an answered commit survives a power cut as it did.
 * Kysely holds the connection until the commit returns, so no other query of this database, not even a read, sees a
 * commit before it is on disk; the other databases of the process go on meanwhile.
 *
 * The level the application asks for (`pragma synchronous = …`, as `withoutDiskWait` does) is kept here rather than
 * by SQLite, and `pragma synchronous` answers it: at NORMAL or below a commit is not flushed (the next flushed one,
 * of the same log, makes it durable too).
 */
export class FlushingSqliteDriver extends SqliteDriver {
  private connection: FlushingConnection | undefined;
  private log: fs.FileHandle | undefined;
  /** The level asked for (SQLite's own stays NORMAL). */
  synchronous = FULL;
  /** Flushes made (one per durable commit that wrote). */
  flushes = 0;

  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    /** The database file's write-ahead log (`<file>-wal`). */
    private readonly logFile: string,
  ) {
    super({ database: sqlite });
  }

  /** The one connection, through which the transaction statements Kysely sends go too. */
  override async acquireConnection(): Promise<DatabaseConnection> {
    this.connection ??= new FlushingConnection(await super.acquireConnection(), this);
    return this.connection;
  }

  override async destroy(): Promise<void> {
    await this.log?.close();
    this.log = undefined;
    await super.destroy();
  }

  get inTransaction(): boolean {
    return this.sqlite.inTransaction;
  }

  /** Flushes the log (opened on the first commit: the file exists once the database was written in WAL mode). */
  async flush(): Promise<void> {
    this.log ??= await fs.open(this.logFile, 'r+');
    await this.log.datasync();
    this.flushes++;
  }
}

class FlushingConnection implements DatabaseConnection {
  /** Something was written since the last commit: the next commit (or the statement itself, outside a transaction) flushes. */
  private written = false;

  constructor(
    private readonly inner: DatabaseConnection,
    private readonly driver: FlushingSqliteDriver,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const { sql } = query;
    const asked = SET_LEVEL.exec(sql);
    if (asked) {
      const name = (asked[1] ?? '').toLowerCase();
      const level = LEVELS[name] ?? Number(name);
      if (!Number.isInteger(level) || level < 0 || level > 3) throw new Error(`unknown synchronous level: ${asked[1]}`);
      this.driver.synchronous = level;
      return { rows: [] };
    }
    if (READ_LEVEL.test(sql)) return { rows: [{ synchronous: this.driver.synchronous } as R] };
    const result = await this.inner.executeQuery<R>(query);
    if (!this.written && wrote(sql, result)) this.written = true;
    if (this.written && !this.driver.inTransaction) {
      this.written = false;
      if (this.driver.synchronous >= FULL && !ROLLBACK.test(sql)) await this.driver.flush();
    }
    return result;
  }

  streamQuery<R>(query: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

/**
 * Whether a statement wrote: a row changed (`insert … on conflict do nothing` that found its row changed none, and
 * SQLite then writes nothing to the log), or the schema. A `with` counts only when it goes on to a write.
 */
function wrote(sql: string, result: QueryResult<unknown>): boolean {
  if (WRITES_NOTHING.test(sql) || (WITH.test(sql) && !WRITE_WORD.test(sql))) return false;
  if (!ROW_WRITE.test(sql) && !WITH.test(sql)) return true;
  // With `returning` the statement answers rows, and SQLite reports no count.
  return (result.numAffectedRows ?? 0n) > 0n || result.rows.length > 0;
}
