import type { Generated, Kysely, Transaction } from 'kysely';
import type { ServiceMigration } from './migrations';

/** Tables the platform keeps in every service database. */
export interface PlatformTables {
  outbox: {
    seq: Generated<number>;
    id: string;
    type: string;
    subject: string;
    /** The whole CloudEvents envelope as JSON. */
    envelope: string;
    created_at: number;
    published_at: number | null;
  };
  inbox: {
    consumer: string;
    event_id: string;
    processed_at: number;
  };
  dead_letter: {
    id: Generated<number>;
    consumer: string;
    event_id: string;
    type: string;
    envelope: string;
    error: string;
    attempts: number;
    failed_at: number;
  };
  idempotency_key: {
    key_hash: string;
    request_hash: string;
    /** 0 while the first request is still running. */
    status: number;
    response: string | null;
    created_at: number;
  };
  lease: {
    name: string;
    holder: string;
    expires_at: number;
  };
  /** Where a relay that tails a log (the binlog relay) has published up to, so a restart resumes there. */
  relay_position: {
    name: string;
    position: string;
    updated_at: number;
  };
}

export const platformMigrations: ServiceMigration[] = [
  {
    name: '001_outbox_inbox',
    async up(db, t) {
      await db.schema
        .createTable('outbox')
        .addColumn('seq', t.dialect === 'mysql' ? 'bigint' : 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('id', t.id, (c) => c.notNull().unique())
        .addColumn('type', t.string, (c) => c.notNull())
        .addColumn('subject', t.string, (c) => c.notNull())
        .addColumn('envelope', t.text, (c) => c.notNull())
        .addColumn('created_at', t.bigint, (c) => c.notNull())
        .addColumn('published_at', t.bigint)
        .execute();
      await db.schema.createIndex('outbox_unpublished').on('outbox').columns(['published_at', 'seq']).execute();
      await db.schema
        .createTable('inbox')
        .addColumn('consumer', t.string, (c) => c.notNull())
        .addColumn('event_id', t.id, (c) => c.notNull())
        .addColumn('processed_at', t.bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint('inbox_pk', ['consumer', 'event_id'])
        .execute();
      await db.schema
        .createTable('dead_letter')
        .addColumn('id', t.dialect === 'mysql' ? 'bigint' : 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('consumer', t.string, (c) => c.notNull())
        .addColumn('event_id', t.id, (c) => c.notNull())
        .addColumn('type', t.string, (c) => c.notNull())
        .addColumn('envelope', t.text, (c) => c.notNull())
        .addColumn('error', t.text, (c) => c.notNull())
        .addColumn('attempts', t.integer, (c) => c.notNull())
        .addColumn('failed_at', t.bigint, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('idempotency_key')
        .addColumn('key_hash', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('request_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('status', t.integer, (c) => c.notNull())
        .addColumn('response', t.text)
        .addColumn('created_at', t.bigint, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('lease')
        .addColumn('name', t.string, (c) => c.primaryKey())
        .addColumn('holder', t.string, (c) => c.notNull())
        .addColumn('expires_at', t.bigint, (c) => c.notNull())
        .execute();
    },
  },
  {
    name: '002_relay_position',
    async up(db, t) {
      await db.schema
        .createTable('relay_position')
        .addColumn('name', t.string, (c) => c.primaryKey())
        .addColumn('position', t.text, (c) => c.notNull())
        .addColumn('updated_at', t.bigint, (c) => c.notNull())
        .execute();
    },
  },
  {
    // The purge of keys kept past their day reads them oldest first (purgeExpiredIdempotencyKeys).
    name: '003_idempotency_key_age',
    async up(db) {
      await db.schema.createIndex('idempotency_key_age').on('idempotency_key').column('created_at').execute();
    },
  },
];

/**
 * A service's database (or transaction) seen through the platform's tables, which every service database holds
 * (platformMigrations). Kysely is invariant in its schema type, so a `Kysely<ServiceDb>` can be neither widened to
 * `Kysely<ServiceDb & PlatformTables>` nor narrowed to `Kysely<PlatformTables>`: this is the one place that says so.
 */
export function platformTables<DB>(db: Transaction<DB>): Transaction<PlatformTables>;
export function platformTables<DB>(db: Kysely<DB>): Kysely<PlatformTables>;
export function platformTables<DB>(db: Kysely<DB>): Kysely<PlatformTables> {
  return db as unknown as Kysely<PlatformTables>;
}
