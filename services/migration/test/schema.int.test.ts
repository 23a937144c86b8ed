import { databaseEngines, declaredColumns, migratedColumns, type ServiceColumns } from '@fieldops/testing';
import { describe, expect, it } from 'vitest';
import type { MigrationDb } from '../src/db/schema';
import { migrationService } from '../src/index';

/** Every table of db/schema.ts with every column; the compiler fails when the two differ. */
const COLUMNS: ServiceColumns<MigrationDb> = {
  migration_route_mode: { route: true, mode: true, file_mode: true, changed_by: true, changed_at: true, version: true },
  migration_diff_sample: {
    id: true,
    route: true,
    at: true,
    method: true,
    path: true,
    served: true,
    legacy_status: true,
    fieldops_status: true,
    differences: true,
    legacy_body: true,
    fieldops_body: true,
  },
  migration_compare_minute: { route: true, minute: true, matched: true, mismatched: true, failed: true },
  migration_drift: { route: true, at: true, drift: true, report: true },
  migration_import_cursor: { route: true, sequence: true },
};

describe.each(await databaseEngines())('the migration schema on $name', (engine) => {
  it('the migrations make exactly the tables and columns of db/schema.ts', async () => {
    expect(await migratedColumns(migrationService, engine)).toEqual(declaredColumns(COLUMNS));
  });
});
