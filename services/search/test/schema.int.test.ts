import { databaseEngines, declaredColumns, migratedColumns, type ServiceColumns } from '@fieldops/testing';
import { describe, expect, it } from 'vitest';
import type { SearchDb } from '../src/db/schema';
import { searchService } from '../src/index';

/** Every table of db/schema.ts with every column; the compiler fails when the two differ. */
const COLUMNS: ServiceColumns<SearchDb> = {
  search_area: { id: true, parent_id: true, name: true, deleted: true, version: true },
  search_merchant_visit: { merchant_id: true, last_verified_at: true },
  search_source: { source: true, last_event_at: true, last_applied_at: true, last_lag_ms: true, events: true },
  search_user: { id: true, name: true, org_unit_id: true, agency_id: true, version: true },
  search_ticket_merchant: { ticket_id: true, merchant_id: true, open: true, version: true },
};

describe.each(await databaseEngines())('the search schema on $name', (engine) => {
  it('the migrations make exactly the tables and columns of db/schema.ts', async () => {
    expect(await migratedColumns(searchService, engine)).toEqual(declaredColumns(COLUMNS));
  });
});
