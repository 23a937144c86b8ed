import { databaseEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPoiHost } from './poi-fixtures';

const [sqlite] = await databaseEngines();

describe('poi OpenAPI document', () => {
  let t: TestHost;
  beforeAll(async () => {
    if (sqlite) t = await startPoiHost(sqlite);
  });
  afterAll(async () => t?.stop());

  it('documents the place and geocoding routes, with the coordinate systems and categories', async () => {
    const res = await t.api('GET', '/openapi/poi.json');
    expect(res.status).toBe(200);
    const methods = (path: string) => Object.keys(res.body.paths[path] ?? {}).sort();
    expect(methods('/api/v1/places')).toEqual(['post']);
    expect(methods('/api/v1/places/{id}')).toEqual(['get', 'patch']);
    expect(methods('/api/v1/places/{id}/merge')).toEqual(['post']);
    expect(methods('/api/v1/places/nearby')).toEqual(['get']);
    expect(methods('/api/v1/places/duplicates')).toEqual(['post']);
    expect(methods('/api/v1/geocode')).toEqual(['get']);
    expect(methods('/api/v1/geocode/reverse')).toEqual(['get']);
    const text = JSON.stringify(res.body);
    expect(text).toContain('GCJ02');
    expect(text).toContain('laundry');
  });
});
