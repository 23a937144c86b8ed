import { databaseEngines, declaredColumns, migratedColumns, type ServiceColumns } from '@fieldops/testing';
import { describe, expect, it } from 'vitest';
import type { LeadsDb } from '../src/db/schema';
import { leadsService } from '../src/index';

/** Every table of db/schema.ts with every column; the compiler fails when the two differ. */
const COLUMNS: ServiceColumns<LeadsDb> = {
  lead: {
    id: true,
    name: true,
    name_key: true,
    phone: true,
    phone_masked: true,
    address: true,
    category: true,
    lat: true,
    lng: true,
    area_id: true,
    country: true,
    owner_id: true,
    org_unit_id: true,
    agency_id: true,
    pool: true,
    stage: true,
    protected_until: true,
    claimed_at: true,
    warned_for: true,
    next_follow_up_at: true,
    duplicate_of: true,
    merchant_id: true,
    conversion_status: true,
    conversion_reason: true,
    version: true,
    created_at: true,
    updated_at: true,
    h3_r7: true,
    h3_r9: true,
  },
  lead_claim_history: { id: true, lead_id: true, user_id: true, event: true, at: true },
  lead_follow_up: { id: true, lead_id: true, user_id: true, kind: true, note: true, next_follow_up_at: true, at: true, visit_id: true },
  lead_holding: { user_id: true, held: true },
};

/** The demo seed's bookkeeping, made by the migrations but not part of the service's schema. */
const DEMO_TABLES = ['demo_rep', 'demo_seed'];

describe.each(await databaseEngines())('the leads schema on $name', (engine) => {
  it('the migrations make exactly the tables and columns of db/schema.ts', async () => {
    expect(await migratedColumns(leadsService, engine, { besides: DEMO_TABLES })).toEqual(declaredColumns(COLUMNS));
  });
});
