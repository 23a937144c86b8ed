import {
  type ConsumerDefinition,
  type EventWriter,
  forUpdate,
  type ProgressReporter,
  type ServiceContext,
  type ServiceMigration,
} from '@fieldops/platform';
import type { Kysely, Transaction } from 'kysely';
import { DEMO_COUNTRIES, DEMO_REPS, type DemoCountry, isDemoRep } from './index';

// The demo seed of a service whose demo records belong to the demo reps (merchant, leads): the records of a country
// are written once the account service has announced all of its reps, which it does through events.

/** The demo seed's bookkeeping: the demo reps heard from the account service, and which countries are seeded. */
export interface DemoSeedTables {
  demo_rep: { email: string; user_id: string; country: string; org_unit_id: string | null; agency_id: string | null };
  demo_seed: { country: string; done: number };
}

export interface DemoRep {
  email: string;
  user_id: string;
  org_unit_id: string | null;
  agency_id: string | null;
}

export interface RepOwnedDemo<DB> {
  /** The service: its consumer of the account events is `<service>.demo-reps`. */
  service: string;
  /** The name the bookkeeping tables' migration is recorded under in the service's database. */
  migration: string;
  /** Seeding is skipped when the service already has records of its own. */
  hasRecords(db: Kysely<DB>): Promise<boolean>;
  /** Records written per country, and the progress label and summary noun (`Leads: 240 in …`). */
  perCountry: number;
  label: string;
  noun: string;
  /** Writes one country's demo records and their events; calls `tick` after each and answers how many it wrote. */
  writeCountry(
    ctx: ServiceContext<DB>,
    trx: Transaction<DB>,
    events: EventWriter,
    demo: DemoCountry,
    reps: Map<string, DemoRep>,
    tick: () => void,
  ): Promise<number>;
}

const bookkeeping = <DB>(db: Kysely<DB>) => db as unknown as Kysely<DemoSeedTables>;

/** The demo countries a service has not seeded yet (they wait for the account service's demo reps). */
export async function pendingDemoCountries<DB>(db: Kysely<DB>): Promise<string[]> {
  const rows = await bookkeeping(db).selectFrom('demo_seed').select('country').where('done', '=', 0).execute();
  return rows.map((row) => row.country);
}

/** Creates the bookkeeping tables; listed in the service's migrations where its own migration 002 used to be. */
function demoSeedSchema(name: string): ServiceMigration {
  return {
    name,
    async up(db, t) {
      await db.schema
        .createTable('demo_rep')
        .addColumn('email', 'varchar(254)', (c) => c.primaryKey())
        .addColumn('user_id', t.id, (c) => c.notNull())
        .addColumn('country', 'varchar(2)', (c) => c.notNull())
        .addColumn('org_unit_id', t.id)
        .addColumn('agency_id', t.id)
        .execute();
      await db.schema
        .createTable('demo_seed')
        .addColumn('country', 'varchar(2)', (c) => c.primaryKey())
        .addColumn('done', t.integer, (c) => c.notNull())
        .execute();
    },
  };
}

/**
 * The pieces a rep-owned demo seed adds to a manifest: the bookkeeping migration, the consumer that remembers the
 * demo reps, and the seed step that asks for every demo country once (skipped when the service has records).
 */
export function repOwnedDemoSeed<DB>(demo: RepOwnedDemo<DB>) {
  /** Seeds the countries that asked for demo data and whose demo reps are all known; answers how many records. */
  async function materialise(ctx: ServiceContext<DB>, trx: Transaction<DB>, events: EventWriter, tick: () => void, only?: string) {
    const db = bookkeeping(trx);
    // Locked, so the seed step and a rep's event never both find a country pending and write it twice. A rep's event
    // looks at its own country only: locking the others too would deadlock with the events of their reps.
    let query = db.selectFrom('demo_seed').select('country').where('done', '=', 0);
    if (only !== undefined) query = query.where('country', '=', only);
    const pending = await forUpdate(query.orderBy('country'), ctx.dialect).execute();
    let written = 0;
    for (const { country } of pending) {
      const city = DEMO_COUNTRIES.find((d) => d.country === country);
      const reps = await db.selectFrom('demo_rep').selectAll().where('country', '=', country).execute();
      if (!city || reps.length < DEMO_REPS) continue;
      written += await demo.writeCountry(ctx, trx, events, city, new Map(reps.map((r) => [r.email, r])), tick);
      await db.updateTable('demo_seed').set({ done: 1 }).where('country', '=', country).execute();
    }
    return written;
  }

  /** Remembers the demo reps the account service announces, and seeds a country once all its reps are known. */
  const consumer: ConsumerDefinition<DB> = {
    name: `${demo.service}.demo-reps`,
    handlers: {
      'account.user.created.v1': async (event, trx, events, ctx) => {
        const user = event.data;
        if (!isDemoRep(user.email)) return;
        const db = bookkeeping(trx);
        // A durable bus hands a country's reps to several transactions at once; each would miss the others' rows
        // and none would find the country complete. Taking the country's row first makes them take turns.
        await forUpdate(db.selectFrom('demo_seed').select('country').where('country', '=', user.country), ctx.dialect).execute();
        if (await db.selectFrom('demo_rep').select('email').where('email', '=', user.email).executeTakeFirst()) return;
        await db
          .insertInto('demo_rep')
          .values({
            email: user.email,
            user_id: user.id,
            country: user.country,
            org_unit_id: user.orgUnitId || null,
            agency_id: user.agencyId,
          })
          .execute();
        await materialise(ctx, trx, events, () => {}, user.country);
      },
    },
  };

  /**
   * Asks for the demo records of every demo city once. They are written as soon as the account service's events
   * have named every demo rep — at once when embedded, where the account seeds first.
   */
  async function seed(ctx: ServiceContext<DB>, progress: ProgressReporter) {
    const db = bookkeeping(ctx.db);
    if ((await db.selectFrom('demo_seed').select('country').limit(1).execute()).length > 0) return undefined;
    if (await demo.hasRecords(ctx.db)) return undefined;
    await db
      .insertInto('demo_seed')
      .values(DEMO_COUNTRIES.map((d) => ({ country: d.country, done: 0 })))
      .execute();
    progress.start(DEMO_COUNTRIES.length * demo.perCountry, demo.label);
    const written = await ctx.transact((trx, events) => materialise(ctx, trx, events, () => progress.tick()));
    progress.stop();
    const waiting = written === 0 ? ' (waiting for the demo reps from the account service)' : '';
    return { summary: `${demo.noun}: ${written} in ${DEMO_COUNTRIES.map((d) => d.city).join(', ')}${waiting}` };
  }

  return { migration: demoSeedSchema(demo.migration), consumer, seed };
}
