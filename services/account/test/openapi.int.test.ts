import { databaseEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccountHost } from './account-fixtures';

const engines = await databaseEngines();

describe.each(engines)('account OpenAPI document on $name', (database) => {
  let t: TestHost;
  beforeAll(async () => {
    t = await startAccountHost(database);
  });
  afterAll(async () => t?.stop());

  it('documents the org unit, role and agency routes', async () => {
    const res = await t.api('GET', '/openapi/account.json');
    expect(res.status).toBe(200);
    const methods = (path: string) => Object.keys(res.body.paths[path] ?? {}).sort();
    expect(methods('/api/v1/org-units')).toEqual(['get', 'post']);
    expect(methods('/api/v1/org-units/{id}')).toEqual(['delete', 'get', 'patch']);
    expect(methods('/api/v1/roles')).toEqual(['get', 'post']);
    expect(methods('/api/v1/roles/{id}')).toEqual(['delete', 'get', 'patch']);
    expect(methods('/api/v1/agencies')).toEqual(['get', 'post']);
    expect(methods('/api/v1/agencies/{id}')).toEqual(['get', 'patch']);
  });
});
