import { DEMO_COUNTRIES, DEMO_REPS, isDemoRep } from '@fieldops/demo-data';
import type { ConsumerDefinition, EventWriter, ProgressReporter } from '@fieldops/platform';
import type { Kysely, Transaction } from 'kysely';
import type { MerchantContext } from '../config';
import { merchantRepository } from '../db/merchant.repository';
import type { MerchantDb } from '../db/schema';
import { merchantEvents } from '../events/published';
import { DEMO_MERCHANTS_PER_COUNTRY, type DemoRep, planMerchants } from './demo-merchants';
import type { MerchantDemoTables } from './demo-schema';

type DemoDb = Transaction<MerchantDb & MerchantDemoTables>;
const demoDb = (trx: Transaction<MerchantDb>) => trx as unknown as DemoDb;

/**
 * Seeds the countries that asked for demo data and whose demo reps the account service has announced (all of
 * them): their merchants, status transitions and events. Answers how many merchants it wrote.
 */
async function materialise(ctx: MerchantContext, trx: Transaction<MerchantDb>, events: EventWriter, progress?: ProgressReporter) {
  const db = demoDb(trx);
  const pending = await db.selectFrom('demo_seed').select('country').where('done', '=', 0).execute();
  let written = 0;
  for (const { country } of pending) {
    const demo = DEMO_COUNTRIES.find((d) => d.country === country);
    const reps = await db.selectFrom('demo_rep').selectAll().where('country', '=', country).execute();
    if (!demo || reps.length < DEMO_REPS) continue;
    for (const { created, transitions } of planMerchants(ctx, demo, new Map<string, DemoRep>(reps.map((r) => [r.email, r])))) {
      await merchantRepository.insert(trx, transitions.at(-1)?.after ?? created);
      await events.append(merchantEvents.created(created, 'system'));
      for (const { transition, after } of transitions) {
        await merchantRepository.insertTransition(trx, transition);
        await events.append(merchantEvents.statusChanged(after, transition.from_status, transition.reason, 'system'));
      }
      progress?.tick();
      written++;
    }
    await db.updateTable('demo_seed').set({ done: 1 }).where('country', '=', country).execute();
  }
  return written;
}

/** Remembers the demo reps the account service announces, and seeds a country once all its reps are known. */
export const demoRepsConsumer: ConsumerDefinition<MerchantDb> = {
  name: 'merchant.demo-reps',
  handlers: {
    'account.user.created.v1': async (event, trx, events, ctx) => {
      const user = event.data;
      if (!isDemoRep(user.email)) return;
      const db = demoDb(trx);
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
      await materialise(ctx, trx, events);
    },
  },
};

/**
 * Asks for the demo merchants of every demo city once (skipped when any merchant exists): ~40 a country, owned by
 * `rep1..20.<cc>@fieldops.test`, onboarding, active or suspended. They are written as soon as the account
 * service's events have named every demo rep — at once when embedded, where the account seeds first.
 */
export async function seedDemo(ctx: MerchantContext, progress: ProgressReporter): Promise<{ summary: string } | undefined> {
  const db = ctx.db as unknown as Kysely<MerchantDb & MerchantDemoTables>;
  if ((await db.selectFrom('demo_seed').select('country').limit(1).execute()).length > 0) return undefined;
  if ((await db.selectFrom('merchant').select('id').limit(1).execute()).length > 0) return undefined;
  await db
    .insertInto('demo_seed')
    .values(DEMO_COUNTRIES.map((d) => ({ country: d.country, done: 0 })))
    .execute();
  progress.start(DEMO_COUNTRIES.length * DEMO_MERCHANTS_PER_COUNTRY, 'merchant: demo merchants');
  const written = await ctx.transact((trx, events) => materialise(ctx, trx, events, progress));
  progress.stop();
  const waiting = written === 0 ? ' (waiting for the demo reps from the account service)' : '';
  return { summary: `Merchants: ${written} in ${DEMO_COUNTRIES.map((d) => d.city).join(', ')}${waiting}` };
}
