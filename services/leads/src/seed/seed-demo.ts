import { resolveAreaIds } from '@fieldops/area-client';
import type { DemoCountry } from '@fieldops/demo-data';
import { type DemoRep, repOwnedDemoSeed } from '@fieldops/demo-data/demo-seed';
import { type EventWriter, insertIfAbsent } from '@fieldops/platform';
import type { Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { LeadsContext } from '../config';
import { followUpRepository } from '../db/follow-up.repository';
import { claimHistoryRepository } from '../db/holding.repository';
import { leadRepository } from '../db/lead.repository';
import type { LeadsDb } from '../db/schema';
import { leadEvents } from '../events/published';
import { DEMO_LEADS_PER_COUNTRY, planLeads } from './demo-leads';

/** The area of each demo point; none when the area service is not there (yet): its area events assign them later. */
async function demoAreaIds(ctx: LeadsContext, points: { lat: number; lng: number }[]): Promise<(string | null)[]> {
  try {
    return (await resolveAreaIds(ctx, points, ctx.asService)) ?? [];
  } catch (error) {
    ctx.log.warn({ err: error }, 'ResolveArea failed; the demo leads wait for the area events');
    return [];
  }
}

/** Writes a country's demo leads: their holdings, claim history, follow-ups and created events. */
async function writeCountry(
  ctx: LeadsContext,
  trx: Transaction<LeadsDb>,
  events: EventWriter,
  demo: DemoCountry,
  reps: Map<string, DemoRep>,
  tick: () => void,
): Promise<number> {
  const now = ctx.clock.now();
  const leads = planLeads(ctx, demo, reps, now);
  // The areas may have been drawn before these rows exist: their area events then moved nothing.
  const areaIds = await demoAreaIds(
    ctx,
    leads.map((l) => l.row),
  );
  const held = new Map<string, number>();
  for (const [i, { row: planned, followUp }] of leads.entries()) {
    const row = { ...planned, area_id: areaIds[i] ?? null };
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
    tick();
  }
  // An increment, not a read-then-write: a rep's own claims may be moving the same counter meanwhile.
  for (const [userId, n] of held) {
    await insertIfAbsent(trx, ctx.dialect, 'lead_holding', { user_id: userId, held: 0 });
    await trx
      .updateTable('lead_holding')
      .set((eb) => ({ held: eb('held', '+', n) }))
      .where('user_id', '=', userId)
      .execute();
  }
  return leads.length;
}

/**
 * The demo leads of every demo city, asked for once (skipped when any lead exists): ~60 a country, a third in the
 * public pool, the rest held by `rep1..20.<cc>@fieldops.test` across the stages.
 */
export const demoLeads = repOwnedDemoSeed<LeadsDb>({
  service: 'leads',
  migration: '002_leads_demo_seed',
  hasRecords: async (db) => (await db.selectFrom('lead').select('id').limit(1).execute()).length > 0,
  perCountry: DEMO_LEADS_PER_COUNTRY,
  label: 'leads: demo leads',
  noun: 'Leads',
  writeCountry,
});
