import { databaseEngines, declaredColumns, migratedColumns, type ServiceColumns } from '@fieldops/testing';
import { describe, expect, it } from 'vitest';
import type { AreaDb } from '../src/db/schema';
import { areaService } from '../src/index';

/** Every table of db/schema.ts with every column; the compiler fails when the two differ. */
const COLUMNS: ServiceColumns<AreaDb> = {
  area: {
    id: true,
    parent_id: true,
    kind: true,
    name: true,
    code: true,
    country: true,
    path: true,
    priority: true,
    org_unit_id: true,
    geometry: true,
    min_lat: true,
    min_lng: true,
    max_lat: true,
    max_lng: true,
    version: true,
    created_at: true,
    updated_at: true,
  },
  area_assignment: {
    id: true,
    area_id: true,
    user_id: true,
    role: true,
    country: true,
    effective_from: true,
    effective_to: true,
    ended_at: true,
    version: true,
    created_at: true,
    updated_at: true,
  },
  area_state: { name: true, value: true },
  geometry_preview: { id: true, area_id: true, area_version: true, geometry: true, created_by: true, created_at: true, expires_at: true },
  known_org_unit: { id: true, parent_id: true, kind: true, name: true, country: true, version: true },
  known_user: { id: true, email: true, name: true, country: true, status: true, version: true },
  seed_link: { id: true, area_id: true, target: true, match_key: true, role: true },
  user_coverage: { user_id: true, area_ids: true, version: true, updated_at: true },
};

describe.each(await databaseEngines())('the area schema on $name', (engine) => {
  it('the migrations make exactly the tables and columns of db/schema.ts', async () => {
    expect(await migratedColumns(areaService, engine)).toEqual(declaredColumns(COLUMNS));
  });
});
