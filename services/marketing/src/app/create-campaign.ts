import type { CampaignType } from '@fieldops/contracts';
import { type Access, ValidationError } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import type { MarketingContext } from '../config';
import { type CampaignRow, campaignRepository } from '../db/campaign.repository';
import type { SegmentFilters } from '../domain/segment-filters';
import type { Terms } from '../domain/terms';
import { campaignEvents } from '../events/published';
import { checkFilters } from './check-filters';
import { checkReferences } from './segment';

export interface CreateCampaignInput {
  name: string;
  type: CampaignType;
  startsAt: string;
  endsAt: string;
  budgetMinor: number;
  costMinor: number;
  cap: number;
  terms: Terms;
  talkingPoints?: string;
  filters?: SegmentFilters;
  dailyRefresh?: boolean;
}

/** A draft campaign in the caller's country and team, in the country's currency. */
export async function createCampaign(ctx: MarketingContext, access: Access, input: CreateCampaignInput): Promise<CampaignRow> {
  const startsAt = Date.parse(input.startsAt);
  const endsAt = Date.parse(input.endsAt);
  if (!(endsAt > startsAt)) throw new ValidationError([{ field: '/body/endsAt', message: 'must be after startsAt' }]);
  const filters = input.filters ?? {};
  checkFilters(filters, '/body/filters');
  await checkReferences(ctx, access, filters, '/body/filters');
  const { caller } = access;
  const now = ctx.clock.now();
  const row: CampaignRow = {
    id: uuidv7(),
    country: caller.country,
    name: input.name.trim(),
    type: input.type,
    status: 'draft',
    starts_at: startsAt,
    ends_at: endsAt,
    budget_minor: input.budgetMinor,
    cost_minor: input.costMinor,
    cap: input.cap,
    currency: ctx.countries.get(caller.country).currency,
    accepted: 0,
    terms: JSON.stringify(input.terms),
    talking_points: input.talkingPoints ?? '',
    filters: JSON.stringify(filters),
    daily_refresh: input.dailyRefresh ? 1 : 0,
    last_refreshed_at: null,
    last_refresh_added: null,
    refresh_paused: null,
    holdout_share: null,
    seed: null,
    launched_at: null,
    org_unit_id: caller.orgUnitId || null,
    created_by: caller.userId,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  return ctx.transact(async (trx, events) => {
    await campaignRepository.insert(trx, row);
    await events.append(campaignEvents.created(row, caller.userId));
    return row;
  });
}
