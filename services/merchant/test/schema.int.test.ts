import { databaseEngines, declaredColumns, migratedColumns, type ServiceColumns } from '@fieldops/testing';
import { describe, expect, it } from 'vitest';
import type { MerchantDb } from '../src/db/schema';
import { merchantService } from '../src/index';

/** Every table of db/schema.ts with every column; the compiler fails when the two differ. */
const COLUMNS: ServiceColumns<MerchantDb> = {
  merchant: {
    id: true,
    legal_name: true,
    brand_name: true,
    category: true,
    tier: true,
    contacts: true,
    address: true,
    place_id: true,
    country: true,
    lat: true,
    lng: true,
    area_id: true,
    owner_id: true,
    org_unit_id: true,
    agency_id: true,
    business_id: true,
    documents: true,
    lead_id: true,
    status: true,
    version: true,
    created_at: true,
    updated_at: true,
  },
  merchant_owner_change: { id: true, merchant_id: true, from_owner_id: true, to_owner_id: true, reason: true, actor_id: true, at: true },
  merchant_transition: { id: true, merchant_id: true, from_status: true, to_status: true, reason: true, actor_id: true, at: true },
};

/** The demo seed's bookkeeping, made by the migrations but not part of the service's schema. */
const DEMO_TABLES = ['demo_rep', 'demo_seed'];

describe.each(await databaseEngines())('the merchant schema on $name', (engine) => {
  it('the migrations make exactly the tables and columns of db/schema.ts', async () => {
    expect(await migratedColumns(merchantService, engine, { besides: DEMO_TABLES })).toEqual(declaredColumns(COLUMNS));
  });
});
