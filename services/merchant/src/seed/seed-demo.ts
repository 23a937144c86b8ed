import type { DemoCountry } from '@fieldops/demo-data';
import { type DemoRep, repOwnedDemoSeed } from '@fieldops/demo-data/demo-seed';
import type { EventWriter } from '@fieldops/platform';
import type { Transaction } from 'kysely';
import type { MerchantContext } from '../config';
import { merchantRepository } from '../db/merchant.repository';
import type { MerchantDb } from '../db/schema';
import { merchantEvents } from '../events/published';
import { DEMO_MERCHANTS_PER_COUNTRY, planMerchants } from './demo-merchants';

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
  for (const { created, transitions } of merchants) {
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
