import { DEMO_COUNTRIES } from '@fieldops/demo-data';
import { databaseEngines, MovableClock, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSeeded, leadsDb, startLeadsHost } from './leads-fixtures';

const engines = await databaseEngines();

describe.each(engines)('the demo leads on $name', (database) => {
  let t: TestHost;
  beforeAll(async () => {
    t = await startLeadsHost(database, new MovableClock(Date.now()));
    await demoSeeded(t);
  });
  afterAll(async () => t?.stop());

  it.each(DEMO_COUNTRIES.map((demo) => [demo.city, demo] as const))(
    '%s has leads in several stages, in both pools',
    async (_city, demo) => {
      const rows = await leadsDb(t)
        .selectFrom('lead')
        .select(['stage', 'pool', 'owner_id', 'lat', 'lng'])
        .where('country', '=', demo.country)
        .execute();
      const inCity = rows.filter((r) => Math.hypot(Number(r.lat) - demo.centre.lat, Number(r.lng) - demo.centre.lng) <= demo.spread * 1.01);
      expect(inCity.length).toBeGreaterThanOrEqual(30);
      expect(new Set(inCity.map((r) => r.stage)).size).toBeGreaterThanOrEqual(3);
      expect(new Set(inCity.map((r) => r.pool))).toEqual(new Set(['private', 'public']));
      expect(inCity.filter((r) => r.pool === 'public').every((r) => r.owner_id === null)).toBe(true);
      expect(inCity.filter((r) => r.pool === 'private').every((r) => r.owner_id !== null)).toBe(true);
    },
  );

  it('a country manager sees the demo leads of their country through the API', async () => {
    for (const { country } of DEMO_COUNTRIES) {
      const token = await t.login(`countrymanager.${country.toLowerCase()}@fieldops.test`);
      const res = await t.api('GET', '/api/v1/leads?limit=50', { token });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeGreaterThan(0);
      expect(res.body.items.every((l: { country: string }) => l.country === country)).toBe(true);
    }
  });

  it('each rep’s holding counter equals the leads they hold', async () => {
    const holdings = await leadsDb(t).selectFrom('lead_holding').select(['user_id', 'held']).execute();
    expect(holdings.length).toBeGreaterThan(0);
    const owned = await leadsDb(t)
      .selectFrom('lead')
      .select(['owner_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('owner_id', 'is not', null)
      .where('stage', '<>', 'converted')
      .groupBy('owner_id')
      .execute();
    const byOwner = new Map(owned.map((o) => [o.owner_id, Number(o.n)]));
    for (const h of holdings) expect(Number(h.held), h.user_id).toBe(byOwner.get(h.user_id) ?? 0);
  });
});
