import { databaseEngines, declaredColumns, migratedColumns, type ServiceColumns } from '@fieldops/testing';
import { describe, expect, it } from 'vitest';
import type { AccountDb } from '../src/db/schema';
import { accountService } from '../src/index';

/** Every table of db/schema.ts with every column; the compiler fails when the two differ. */
const COLUMNS: ServiceColumns<AccountDb> = {
  agency: { id: true, name: true, country: true, status: true, version: true, created_at: true, updated_at: true },
  org_unit: {
    id: true,
    parent_id: true,
    kind: true,
    name: true,
    country: true,
    path: true,
    version: true,
    created_at: true,
    updated_at: true,
  },
  refresh_token: {
    id: true,
    user_id: true,
    family_id: true,
    token_hash: true,
    expires_at: true,
    created_at: true,
    revoked_at: true,
    replaced_by: true,
  },
  role: {
    id: true,
    name: true,
    description: true,
    permissions: true,
    scope: true,
    built_in: true,
    version: true,
    created_at: true,
    updated_at: true,
  },
  signing_key: { kid: true, private_jwk: true, public_jwk: true, created_at: true, retired_at: true },
  user: {
    id: true,
    email: true,
    name: true,
    phone: true,
    country: true,
    org_unit_id: true,
    agency_id: true,
    password_hash: true,
    status: true,
    locale: true,
    version: true,
    created_at: true,
    updated_at: true,
    last_login_at: true,
  },
  user_area: { user_id: true, area_id: true },
  user_area_version: { user_id: true, version: true },
  user_role: { user_id: true, role_id: true },
};

describe.each(await databaseEngines())('the account schema on $name', (engine) => {
  it('the migrations make exactly the tables and columns of db/schema.ts', async () => {
    expect(await migratedColumns(accountService, engine)).toEqual(declaredColumns(COLUMNS));
  });
});
