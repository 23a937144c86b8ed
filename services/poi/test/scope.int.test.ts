import { databaseEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPlace, expectProblem, startPoiHost } from './poi-fixtures';

const engines = await databaseEngines();

describe.each(engines)('the country scope of places on $name', (database) => {
  let t: TestHost;
  let sgPlace: string;
  beforeAll(async () => {
    t = await startPoiHost(database);
    const sg = await t.login('rep3.sg@fieldops.test');
    sgPlace = (await t.api('POST', '/api/v1/places', { token: sg, body: aPlace({ name: 'Marina Laundry', category: 'laundry' }) })).body.id;
  });
  afterAll(async () => t?.stop());

  it('a BR rep does not see an SG place: 404 on read, change and merge, absent from nearby', async () => {
    const br = await t.login('rep1.br@fieldops.test');
    expectProblem(await t.api('GET', `/api/v1/places/${sgPlace}`, { token: br }), 404);
    expectProblem(await t.api('PATCH', `/api/v1/places/${sgPlace}`, { token: br, body: { name: 'Hijacked' } }), 404);
    const brPlace = (await t.api('POST', '/api/v1/places', { token: br, body: aPlace({ lat: -23.55, lng: -46.63 }) })).body.id;
    expectProblem(await t.api('POST', `/api/v1/places/${sgPlace}/merge`, { token: br, body: { loserId: brPlace } }), 404);
    const near = await t.api('GET', '/api/v1/places/nearby?lat=1.2903&lng=103.8519&radius=500', { token: br });
    expect(near.status).toBe(200);
    expect(near.body.items).toEqual([]);
  });

  it('anyone of the same country sees it, agency staff and team leads included', async () => {
    for (const email of ['rep9.sg@fieldops.test', 'agencyrep1.sg@fieldops.test', 'teamlead3.sg@fieldops.test']) {
      const token = await t.login(email);
      expect((await t.api('GET', `/api/v1/places/${sgPlace}`, { token })).status).toBe(200);
    }
  });

  it('an admin (scope all) sees every country', async () => {
    const admin = await t.login('admin@fieldops.test');
    const cn = await t.login('rep1.cn@fieldops.test');
    const cnPlace = (await t.api('POST', '/api/v1/places', { token: cn, body: aPlace({ lat: 31.23, lng: 121.47 }) })).body.id;
    expect((await t.api('GET', `/api/v1/places/${cnPlace}`, { token: admin })).status).toBe(200);
    expect((await t.api('GET', `/api/v1/places/${sgPlace}`, { token: admin })).status).toBe(200);
  });
});
