import { databaseEngines, declaredColumns, migratedColumns, type ServiceColumns } from '@fieldops/testing';
import { describe, expect, it } from 'vitest';
import type { PoiDb } from '../src/db/schema';
import { poiService } from '../src/index';

/** Every table of db/schema.ts with every column; the compiler fails when the two differ. */
const COLUMNS: ServiceColumns<PoiDb> = {
  place: {
    id: true,
    name: true,
    name_key: true,
    address: true,
    category: true,
    phone: true,
    country: true,
    lat: true,
    lng: true,
    h3_r7: true,
    h3_r9: true,
    source: true,
    status: true,
    merged_into: true,
    area_id: true,
    version: true,
    created_at: true,
    updated_at: true,
  },
};

describe.each(await databaseEngines())('the poi schema on $name', (engine) => {
  it('the migrations make exactly the tables and columns of db/schema.ts', async () => {
    expect(await migratedColumns(poiService, engine)).toEqual(declaredColumns(COLUMNS));
  });
});
