import type { PlaceCategory } from '@fieldops/contracts';
import { normalisePlaceName } from '@fieldops/geo';
import { ConflictError, ValidationError } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import type { LeadsContext } from '../config';
import { claimHistoryRepository, holdingRepository } from '../db/holding.repository';
import { type LeadRow, leadRepository } from '../db/lead.repository';
import { capture } from '../domain/lead-pool';
import { leadEvents } from '../events/published';
import type { Access } from './access';
import { findDuplicates } from './find-duplicates';
import { poolPolicyOf, refused } from './pool-policy';

export interface CreateLeadInput {
  name: string;
  phone?: string | null;
  address?: string;
  category: PlaceCategory;
  /** WGS-84. */
  lat: number;
  lng: number;
}

function phoneOf(ctx: LeadsContext, country: string, input: string | null | undefined): string | null {
  if (input === undefined || input === null || input.trim() === '') return null;
  const parsed = ctx.countries.get(country).parsePhone(input);
  if (!parsed.ok) throw new ValidationError([{ field: '/body/phone', message: parsed.reason }]);
  return parsed.e164;
}

/**
 * A rep captures a lead: checked for duplicates (a strong match answers 409 with the candidates, so the rep can
 * claim the existing lead; a weak one is created and flagged), then created claimed by the rep, within their limit.
 */
export async function createLead(ctx: LeadsContext, { caller }: Access, input: CreateLeadInput): Promise<LeadRow> {
  const country = caller.country;
  const name = input.name.trim();
  const phone = phoneOf(ctx, country, input.phone);
  const candidates = await findDuplicates(ctx, { name, phone, country, lat: input.lat, lng: input.lng });
  const strong = candidates.filter((c) => c.strength === 'strong');
  if (strong.length > 0) {
    throw new ConflictError('This lead already exists; claim the existing one instead.', [], {
      code: 'duplicate',
      candidates: strong.map((c) => ({
        id: c.row.id,
        name: c.row.name,
        distance: Math.round(c.distance * 100) / 100,
        score: c.score,
        reasons: c.reasons,
        pool: c.row.pool,
      })),
    });
  }
  const policy = poolPolicyOf(ctx, country);
  await holdingRepository.ensure(ctx.db, ctx.dialect, caller.userId);
  const held = await holdingRepository.held(ctx.db, caller.userId);
  const now = ctx.clock.now();
  const decision = capture({ userId: caller.userId, held, lostAt: null }, policy, now);
  if (!decision.ok) throw refused(decision);
  const row: LeadRow = {
    id: uuidv7(),
    name,
    name_key: normalisePlaceName(name),
    phone,
    phone_masked: phone === null ? null : ctx.countries.get(country).maskPhone(phone),
    address: input.address ?? '',
    category: input.category,
    lat: input.lat,
    lng: input.lng,
    area_id: null,
    country,
    owner_id: decision.ownerId,
    org_unit_id: caller.orgUnitId,
    agency_id: caller.agencyId,
    pool: decision.pool,
    stage: 'new',
    protected_until: decision.protectedUntil,
    claimed_at: decision.claimedAt,
    warned_for: null,
    next_follow_up_at: null,
    duplicate_of: candidates[0]?.row.id ?? null,
    merchant_id: null,
    conversion_status: 'none',
    conversion_reason: null,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await ctx.transact(async (trx, events) => {
    await leadRepository.insert(trx, row);
    if (!(await holdingRepository.acquire(trx, caller.userId, policy.claimLimit))) {
      throw refused({ ok: false, code: 'limit', message: `You hold the most leads allowed (${policy.claimLimit}).` });
    }
    await claimHistoryRepository.record(trx, row.id, caller.userId, 'claimed', now);
    await events.append(leadEvents.created(row, caller.userId));
  });
  return row;
}
