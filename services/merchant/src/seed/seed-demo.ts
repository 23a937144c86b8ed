import { resolveAreaIds } from '@fieldops/area-client';
import type { DemoCountry } from '@fieldops/demo-data';
import { type DemoRep, repOwnedDemoSeed } from '@fieldops/demo-data/demo-seed';
import type { EventWriter } from '@fieldops/platform';
import type { Transaction } from 'kysely';
import type { MerchantContext } from '../config';
import { merchantRepository } from '../db/merchant.repository';
import type { MerchantDb } from '../db/schema';
import { merchantEvents } from '../events/published';
import { DEMO_MERCHANTS_PER_COUNTRY, planMerchants } from './demo-merchants';

/** The area of each demo point; none when the area service is not there (yet): its area events assign them later. */
async function demoAreaIds(ctx: MerchantContext, points: { lat: number; lng: number }[]): Promise<(string | null)[]> {
  try {
    return (await resolveAreaIds(ctx, points, ctx.asService)) ?? [];
  } catch (error) {
    ctx.log.warn({ err: error }, 'ResolveArea failed; the demo merchants wait for the area events');
    return [];
  }
}

/** Writes a country's demo merchants: their status transitions and events. */
async function writeCountry(
  ctx: MerchantContext,
  trx: Transaction<MerchantDb>,
  events: EventWriter,
  demo: DemoCountry,
  reps: Map<string, DemoRep>,
  tick: () => void,
): Promise<number> {
  const merchants = planMerchants(ctx, demo, reps);
  // The areas may have been drawn before these rows exist: their area events then moved nothing.
  const areaIds = await demoAreaIds(
    ctx,
    merchants.map((m) => m.created),
  );
  for (const [i, plan] of merchants.entries()) {
    const area_id = areaIds[i] ?? null;
    const created = { ...plan.created, area_id };
    const transitions = plan.transitions.map(({ transition, after }) => ({ transition, after: { ...after, area_id } }));
    await merchantRepository.insert(trx, transitions.at(-1)?.after ?? created);
    await events.append(merchantEvents.created(created, 'system'));
    for (const { transition, after } of transitions) {
      await merchantRepository.insertTransition(trx, transition);
      await events.append(merchantEvents.statusChanged(after, transition.from_status, transition.reason, 'system'));
    }
    tick();
  }
  return merchants.length;
}

/**
 * The demo merchants of every demo city, asked for once (skipped when any merchant exists): ~40 a country, owned by
 * `rep1..20.<cc>@fieldops.test`, onboarding, active or suspended.
 */
export const demoMerchants = repOwnedDemoSeed<MerchantDb>({
  service: 'merchant',
  migration: '002_merchant_demo_seed',
  hasRecords: async (db) => (await db.selectFrom('merchant').select('id').limit(1).execute()).length > 0,
  perCountry: DEMO_MERCHANTS_PER_COUNTRY,
  label: 'merchant: demo merchants',
  noun: 'Merchants',
  writeCountry,
});
