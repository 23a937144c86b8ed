import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Dialect } from '../db/column-types';
import type { Transactor } from '../events/outbox';
import type { Runtime } from './runtime';

/** What a service's `setup` receives: its own database plus the process's shared infrastructure. */
export interface SetupContext<DB> extends Runtime {
  name: string;
  db: Kysely<DB>;
  dialect: Dialect;
  transact: Transactor<DB>;
  /**
   * A handle for reads that tolerate lag (lists, exports, history, rebuilds, batch reads): a read replica when one
   * is in rotation and has applied this caller's own writes, else the primary (always the one database on SQLite).
   * Reads that decide a write belong in `transact` on the primary.
   */
  reads(): Promise<Kysely<DB>>;
  log: Logger;
  /** Call options that make an RPC call as this service (consumers and jobs have no user to act for). */
  asService(): Promise<{ headers: Record<string, string> }>;
  /**
   * Adds work that runs inside each `transact` transaction after its work and before it commits — once for a group
   * that commits together — and also when the work failed. For what a service writes beside its database and must
   * have stored before a commit says it is done (the search index's writes of the events a transaction applies).
   */
  beforeEachCommit(hook: () => void | Promise<void>): void;
}

/**
 * What a service's routes, RPC handlers, consumers and jobs receive: the setup context and `deps`, what the
 * service's `setup` built once for this running instance (an index, a key cache, ports to other services).
 */
export interface ServiceContext<DB, Deps = undefined> extends SetupContext<DB> {
  deps: Deps;
}
