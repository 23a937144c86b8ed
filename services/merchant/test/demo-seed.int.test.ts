import { accountService } from '@fieldops/account';
import { DEMO_COUNTRIES } from '@fieldops/demo-data';
import { pendingDemoCountries } from '@fieldops/demo-data/demo-seed';
import { eventually, hostEngines, startTestHost, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { merchantService } from '../src/index';
import { merchantDb } from './merchant-fixtures';

// On a durable bus the reps' events reach the merchant service on several subjects at once.
const engines = await hostEngines();

describe.each(engines)('the demo merchants on $name', (engine) => {
  let t: TestHost;
  beforeAll(async () => {
    t = await startTestHost({
      services: [accountService, merchantService],
      engines: engine,
      seedDemo: true,
    });
    // The seed waits for the account service’s events naming every demo rep (of every country pack: give it time).
    await eventually(async () => expect(await pendingDemoCountries(merchantDb(t))).toEqual([]), { timeoutMs: 50_000 });
  });
  afterAll(async () => t?.stop());

  it.each(DEMO_COUNTRIES.map((demo) => [demo.city, demo] as const))(
    '%s has merchants, owned, in more than one status',
    async (_city, demo) => {
      const rows = await merchantDb(t)
        .selectFrom('merchant')
        .select(['status', 'owner_id', 'lat', 'lng'])
        .where('country', '=', demo.country)
        .execute();
      const inCity = rows.filter((r) => Math.hypot(Number(r.lat) - demo.centre.lat, Number(r.lng) - demo.centre.lng) <= demo.spread * 1.01);
      expect(inCity.length).toBeGreaterThanOrEqual(10);
      expect(inCity.every((r) => r.owner_id !== null)).toBe(true);
      expect(new Set(inCity.map((r) => r.status)).size).toBeGreaterThanOrEqual(2);
    },
  );

  it('a country manager sees the demo merchants of their country through the API', async () => {
    for (const { country } of DEMO_COUNTRIES) {
      const token = await t.login(`countrymanager.${country.toLowerCase()}@fieldops.test`);
      const res = await t.api('GET', '/api/v1/merchants?limit=50', { token });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeGreaterThan(0);
      expect(res.body.items.every((m: { country: string }) => m.country === country)).toBe(true);
    }
  });
});
