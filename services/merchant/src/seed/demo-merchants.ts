import type { MerchantStatus } from '@fieldops/contracts';
import { DEMO_CATEGORIES, DEMO_REPS, type DemoCountry, demoPhone, demoPoint, pick, prng, repEmail } from '@fieldops/demo-data';
import type { DemoRep } from '@fieldops/demo-data/demo-seed';
import { uuidv7 } from 'uuidv7';
import { newMerchantRow } from '../app/new-merchant';
import type { MerchantContext } from '../config';
import type { MerchantRow } from '../db/merchant.repository';
import type { MerchantTransitionTable } from '../db/schema';

export const DEMO_MERCHANTS_PER_COUNTRY = 40;

export interface DemoMerchant {
  /** As created (onboarding). */
  created: MerchantRow;
  /** The transitions that brought it to its status, in order, each with the row after it. */
  transitions: { transition: MerchantTransitionTable; after: MerchantRow }[];
}

const PATHS: readonly (readonly MerchantStatus[])[] = [[], ['active'], ['active'], ['active', 'suspended']];
const REASONS: Record<string, string> = { active: 'Onboarding complete', suspended: 'Documents expired' };

/**
 * A country's demo merchants, the same each time: owned by the demo reps, onboarding, active or suspended, each with
 * a valid phone and business id of its country (checked by the country policy as any merchant's are).
 */
export function planMerchants(ctx: MerchantContext, demo: DemoCountry, reps: Map<string, DemoRep>): DemoMerchant[] {
  const random = prng(demo.country.charCodeAt(0) * 7919 + demo.country.charCodeAt(1));
  const policy = ctx.countries.get(demo.country);
  const parse = (phone: string) => {
    const parsed = policy.parsePhone(phone);
    return parsed.ok ? parsed.e164 : null;
  };
  const merchants: DemoMerchant[] = [];
  for (let i = 0; i < DEMO_MERCHANTS_PER_COUNTRY; i++) {
    const rep = reps.get(repEmail(demo.country, (i % DEMO_REPS) + 1));
    const brand = `${pick(random, demo.shopNames, 'Demo')} ${i + 1}`;
    const owner = rep ? { id: rep.user_id, country: demo.country, orgUnitId: rep.org_unit_id, agencyId: rep.agency_id } : null;
    const draft = {
      legalName: `${brand} ${demo.legalSuffix}`,
      brandName: brand,
      category: pick(random, DEMO_CATEGORIES, 'retail'),
      tier: pick(random, ['A', 'B', 'C', 'C'] as const, 'C'),
      contacts: [{ name: `Owner of ${brand}`, role: 'owner', phone: demoPhone(random, demo, parse) }],
      // Written the country's way, with the city's local name.
      address: policy.formatAddress({
        street: `${1 + Math.floor(random() * 300)} ${pick(random, demo.shopStreets, '')}`,
        city: demo.orgCities[0],
      }),
      country: demo.country,
      location: demoPoint(random, demo),
      businessId: demo.businessId(random),
    };
    const created = newMerchantRow(ctx, draft, owner, `/demo/${demo.country}/${i}`);
    const transitions: DemoMerchant['transitions'] = [];
    let current = created;
    for (const to of PATHS[i % PATHS.length] ?? []) {
      const after: MerchantRow = { ...current, status: to, version: current.version + 1 };
      const transition: MerchantTransitionTable = {
        id: uuidv7(),
        merchant_id: created.id,
        from_status: current.status,
        to_status: to,
        reason: REASONS[to] ?? '',
        actor_id: 'system',
        at: created.created_at,
      };
      transitions.push({ transition, after });
      current = after;
    }
    merchants.push({ created, transitions });
  }
  return merchants;
}
