import { DEMO_COUNTRIES, DEMO_REPS, isDemoRep } from '@fieldops/demo-data';
import type { ConsumerDefinition, EventWriter, ProgressReporter } from '@fieldops/platform';
import type { Kysely, Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { LeadsContext } from '../config';
import { followUpRepository } from '../db/follow-up.repository';
import { claimHistoryRepository } from '../db/holding.repository';
import { leadRepository } from '../db/lead.repository';
import type { LeadsDb } from '../db/schema';
import { leadEvents } from '../events/published';
import { type DemoRep, planLeads } from './demo-leads';
import type { LeadsDemoTables } from './demo-schema';

type DemoDb = Transaction<LeadsDb & LeadsDemoTables>;
const demoDb = (trx: Transaction<LeadsDb>) => trx as unknown as DemoDb;

/**
 * Seeds the countries that asked for demo data and whose demo reps the account service has announced (all of
 * them): their leads, holdings, claim history, follow-ups and created events. Answers how many leads it wrote.
 */
async function materialise(ctx: LeadsContext, trx: Transaction<LeadsDb>, events: EventWriter, progress?: ProgressReporter) {
  const db = demoDb(trx);
  const pending = await db.selectFrom('demo_seed').select('country').where('done', '=', 0).execute();
  let written = 0;
  for (const { country } of pending) {
    const demo = DEMO_COUNTRIES.find((d) => d.country === country);
    const reps = await db.selectFrom('demo_rep').selectAll().where('country', '=', country).execute();
    if (!demo || reps.length < DEMO_REPS) continue;
    const now = ctx.clock.now();
    const leads = planLeads(ctx, demo, new Map<string, DemoRep>(reps.map((r) => [r.email, r])), now);
    const held = new Map<string, number>();
    for (const { row, followUp } of leads) {
      await leadRepository.insert(trx, row);
      await events.append(leadEvents.created(row, 'system'));
      if (row.owner_id !== null) {
        held.set(row.owner_id, (held.get(row.owner_id) ?? 0) + 1);
        await claimHistoryRepository.record(trx, row.id, row.owner_id, 'claimed', now);
        if (followUp !== null) {
          await followUpRepository.insert(trx, {
            id: uuidv7(),
            lead_id: row.id,
            user_id: row.owner_id,
            kind: 'visit',
            note: followUp,
            next_follow_up_at: row.next_follow_up_at,
            at: now,
            visit_id: null,
          });
        }
      }
      progress?.tick();
      written++;
    }
    for (const [userId, n] of held) {
      const current = await trx.selectFrom('lead_holding').select('held').where('user_id', '=', userId).executeTakeFirst();
      if (current)
        await trx
          .updateTable('lead_holding')
          .set({ held: Number(current.held) + n })
          .where('user_id', '=', userId)
          .execute();
      else await trx.insertInto('lead_holding').values({ user_id: userId, held: n }).execute();
    }
    await db.updateTable('demo_seed').set({ done: 1 }).where('country', '=', country).execute();
  }
  return written;
}

/** Remembers the demo reps the account service announces, and seeds a country once all its reps are known. */
export const demoRepsConsumer: ConsumerDefinition<LeadsDb> = {
  name: 'leads.demo-reps',
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
 * Asks for the demo leads of every demo city once (skipped when any lead exists): ~60 a country, a third in the
 * public pool, the rest held by `rep1..20.<cc>@fieldops.test` across the stages. They are written as soon as the
 * account service's events have named every demo rep — at once when embedded, where the account seeds first.
 */
export async function seedDemo(ctx: LeadsContext, progress: ProgressReporter): Promise<{ summary: string } | undefined> {
  const db = ctx.db as unknown as Kysely<LeadsDb & LeadsDemoTables>;
  if ((await db.selectFrom('demo_seed').select('country').limit(1).execute()).length > 0) return undefined;
  if ((await db.selectFrom('lead').select('id').limit(1).execute()).length > 0) return undefined;
  await db
    .insertInto('demo_seed')
    .values(DEMO_COUNTRIES.map((d) => ({ country: d.country, done: 0 })))
    .execute();
  progress.start(DEMO_COUNTRIES.length * 60, 'leads: demo leads');
  const written = await ctx.transact((trx, events) => materialise(ctx, trx, events, progress));
  progress.stop();
  const waiting = written === 0 ? ' (waiting for the demo reps from the account service)' : '';
  return { summary: `Leads: ${written} in ${DEMO_COUNTRIES.map((d) => d.city).join(', ')}${waiting}` };
}
