import { databaseEngines, declaredColumns, migratedColumns, type ServiceColumns } from '@fieldops/testing';
import { describe, expect, it } from 'vitest';
import type { MarketingDb } from '../src/db/schema';
import { marketingService } from '../src/index';

/** Every table of db/schema.ts with every column; the compiler fails when the two differ. */
const COLUMNS: ServiceColumns<MarketingDb> = {
  campaign: {
    id: true,
    country: true,
    name: true,
    type: true,
    status: true,
    starts_at: true,
    ends_at: true,
    budget_minor: true,
    cost_minor: true,
    cap: true,
    currency: true,
    accepted: true,
    terms: true,
    talking_points: true,
    filters: true,
    daily_refresh: true,
    last_refreshed_at: true,
    last_refresh_added: true,
    refresh_paused: true,
    holdout_share: true,
    seed: true,
    launched_at: true,
    org_unit_id: true,
    created_by: true,
    version: true,
    created_at: true,
    updated_at: true,
  },
  campaign_member: {
    campaign_id: true,
    merchant_id: true,
    cohort: true,
    stratum: true,
    merchant_name: true,
    country: true,
    area_id: true,
    tier: true,
    owner_id: true,
    org_unit_id: true,
    agency_id: true,
    lat: true,
    lng: true,
  },
  enrollment: {
    id: true,
    campaign_id: true,
    merchant_id: true,
    state: true,
    channel: true,
    visit_id: true,
    decided_by: true,
    owner_id: true,
    org_unit_id: true,
    agency_id: true,
    area_id: true,
    country: true,
    link_expires_at: true,
    invited_at: true,
    visited_at: true,
    decided_at: true,
    cost_minor: true,
    version: true,
    created_at: true,
    updated_at: true,
  },
  link_key: { id: true, secret: true },
};

describe.each(await databaseEngines())('the marketing schema on $name', (engine) => {
  it('the migrations make exactly the tables and columns of db/schema.ts', async () => {
    expect(await migratedColumns(marketingService, engine)).toEqual(declaredColumns(COLUMNS));
  });
});
