import type { LeadStage } from '@fieldops/contracts';
import { DEMO_CATEGORIES, DEMO_REPS, type DemoCountry, demoPhone, demoPoint, pick, prng, repEmail } from '@fieldops/demo-data';
import type { DemoRep } from '@fieldops/demo-data/demo-seed';
import { normalisePlaceName } from '@fieldops/geo';
import { uuidv7 } from 'uuidv7';
import { poolPolicyOf } from '../app/pool-policy';
import type { LeadsContext } from '../config';
import { h3Columns, type LeadRow } from '../db/lead.repository';

export const DEMO_LEADS_PER_COUNTRY = 60;
const DAY = 86_400_000;
const HELD_STAGES: readonly LeadStage[] = ['new', 'contacted', 'qualified', 'negotiating', 'won', 'lost'];

export interface DemoLead {
  row: LeadRow;
  followUp: string | null;
}

/**
 * A country's demo leads, the same each time: a third in the public pool (new), the rest held by the demo reps
 * across every stage, some with a follow-up and a next follow-up date.
 */
export function planLeads(ctx: LeadsContext, demo: DemoCountry, reps: Map<string, DemoRep>, now: number): DemoLead[] {
  const random = prng(demo.country.charCodeAt(0) * 1000 + demo.country.charCodeAt(1));
  const policy = poolPolicyOf(ctx, demo.country);
  const country = ctx.countries.get(demo.country);
  const leads: DemoLead[] = [];
  for (let i = 0; i < DEMO_LEADS_PER_COUNTRY; i++) {
    const name = `${pick(random, demo.shopNames, 'Demo')} ${i + 1}`;
    const phone = demoPhone(random, demo, (p) => {
      const parsed = country.parsePhone(p);
      return parsed.ok ? parsed.e164 : null;
    });
    const point = demoPoint(random, demo);
    const rep = i % 3 === 0 ? undefined : reps.get(repEmail(demo.country, (i % DEMO_REPS) + 1));
    const stage: LeadStage = rep ? (HELD_STAGES[Math.floor(i / 3 + i) % HELD_STAGES.length] ?? 'new') : 'new';
    const claimedAt = rep ? now - Math.floor(random() * 5) * DAY : null;
    const followUp = rep && i % 4 === 1 ? `Visited; owner asks to call back (${stage})` : null;
    leads.push({
      followUp,
      row: {
        id: uuidv7(),
        name,
        name_key: normalisePlaceName(name),
        phone,
        phone_masked: phone === null ? null : country.maskPhone(phone),
        // Written the country's way, with the city's local name.
        address: country.formatAddress({
          street: `${1 + Math.floor(random() * 300)} ${pick(random, demo.shopStreets, '')}`,
          city: demo.orgCities[0],
        }),
        category: pick(random, DEMO_CATEGORIES, 'retail'),
        lat: point.lat,
        lng: point.lng,
        ...h3Columns(point),
        area_id: null,
        country: demo.country,
        owner_id: rep?.user_id ?? null,
        org_unit_id: rep?.org_unit_id ?? null,
        agency_id: rep?.agency_id ?? null,
        pool: rep ? 'private' : 'public',
        stage,
        protected_until: claimedAt === null ? null : claimedAt + policy.protectionDays * DAY,
        claimed_at: claimedAt,
        warned_for: null,
        next_follow_up_at: followUp ? now + (1 + (i % 5)) * DAY : null,
        duplicate_of: null,
        merchant_id: null,
        conversion_status: 'none',
        conversion_reason: null,
        version: 1,
        created_at: now,
        updated_at: now,
      },
    });
  }
  return leads;
}
