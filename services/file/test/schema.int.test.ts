import { databaseEngines, declaredColumns, migratedColumns, type ServiceColumns } from '@fieldops/testing';
import { describe, expect, it } from 'vitest';
import type { FileDb } from '../src/db/schema';
import { fileService } from '../src/index';

/** Every table of db/schema.ts with every column; the compiler fails when the two differ. */
const COLUMNS: ServiceColumns<FileDb> = {
  blob: {
    sha256: true,
    size: true,
    mime_type: true,
    width: true,
    height: true,
    taken_at: true,
    gps_lat: true,
    gps_lng: true,
    thumbnail_key: true,
    created_at: true,
  },
  blob_backfill: { target: true, after_sha256: true, completed_at: true, updated_at: true },
  file: {
    id: true,
    sha256: true,
    file_name: true,
    purpose: true,
    owner_id: true,
    org_unit_id: true,
    agency_id: true,
    country: true,
    version: true,
    created_at: true,
    updated_at: true,
  },
  file_link: { record_type: true, record_id: true, file_id: true },
  file_upload: {
    id: true,
    file_name: true,
    purpose: true,
    declared_size: true,
    staging_key: true,
    owner_id: true,
    org_unit_id: true,
    agency_id: true,
    country: true,
    status: true,
    expires_at: true,
    version: true,
    created_at: true,
    updated_at: true,
  },
  linked_record: {
    record_type: true,
    record_id: true,
    owner_id: true,
    org_unit_id: true,
    area_id: true,
    agency_id: true,
    country: true,
    scope_version: true,
    links_version: true,
    updated_at: true,
  },
};

describe.each(await databaseEngines())('the file schema on $name', (engine) => {
  it('the migrations make exactly the tables and columns of db/schema.ts', async () => {
    expect(await migratedColumns(fileService, engine)).toEqual(declaredColumns(COLUMNS));
  });
});
