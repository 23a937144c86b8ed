import type { ServiceMigration } from '@fieldops/platform';
import { sql } from 'kysely';

/** The sort key of a ticket without a breach time (db/ticket.repository's NO_BREACH). */
const NO_BREACH = Number.MAX_SAFE_INTEGER;

/**
 * The queue's "breaches first" order as a stored, never-null column with its own index: sorting on
 * `coalesce(sla_breach_at, …)` could use no index and sorted every visible ticket on each page. Existing rows get
 * their key from their breach time.
 */
export const breachSortSchema: ServiceMigration = {
  name: '002_ticket_breach_sort',
  async up(db, t) {
    await db.schema
      .alterTable('ticket')
      .addColumn('sla_breach_sort', t.bigint, (c) => c.notNull().defaultTo(NO_BREACH))
      .execute();
    await sql`update ticket set sla_breach_sort = coalesce(sla_breach_at, ${sql.lit(NO_BREACH)})`.execute(db);
    // The old (country, breach time) index served only that sort; MySQL names the table of an index, SQLite may not.
    const old = db.schema.dropIndex('ticket_breach_order');
    await (t.dialect === 'mysql' ? old.on('ticket') : old).execute();
    await db.schema.createIndex('ticket_breach_sort').on('ticket').columns(['sla_breach_sort', 'id']).execute();
  },
};
