import { getCountryPolicy } from '@fieldops/countries';
import { distanceMeters } from '@fieldops/geo';
import { databaseEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CITIES } from '../src/seed/demo-cities';
import { DEMO_PLACES_PER_CITY } from '../src/seed/seed-demo';
import { poiDb, startPoiHost } from './poi-fixtures';

const engines = await databaseEngines();

describe.each(engines)('the demo places on $name', (database) => {
  let t: TestHost;
  beforeAll(async () => {
    t = await startPoiHost(database, { demoPlaces: true });
  });
  afterAll(async () => t?.stop());

  it('seeds a few thousand places around each demo city, with valid phones, dense in the centre', async () => {
    const rows = await poiDb(t).selectFrom('place').select(['country', 'lat', 'lng', 'phone', 'source', 'name', 'h3_r9']).execute();
    expect(rows).toHaveLength(DEMO_PLACES_PER_CITY * DEMO_CITIES.length);
    for (const city of DEMO_CITIES) {
      const here = rows.filter((r) => r.country === city.country);
      expect(here).toHaveLength(DEMO_PLACES_PER_CITY);
      const distances = here.map((r) => distanceMeters(city.centre, r));
      expect(Math.max(...distances)).toBeLessThanOrEqual(city.maxDistance + 1);
      const inner = distances.filter((d) => d < city.meanDistance).length;
      // An exponential spread puts ~63 % within the mean distance: the centre is dense.
      expect(inner / here.length).toBeGreaterThan(0.55);
      const policy = getCountryPolicy(city.country);
      for (const row of here.filter((r) => r.phone !== null)) expect(policy.normalizePhone(row.phone ?? '')).toBe(row.phone);
    }
    expect(new Set(rows.map((r) => r.source))).toEqual(new Set(['seed']));
    expect(rows.some((r) => r.name.includes('（') && r.name.endsWith('店）'))).toBe(true);
  });

  it('publishes the places in import events of at most 250', async () => {
    const events = await poiDb(t).selectFrom('outbox').select(['type', 'envelope']).execute();
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(['poi.places.imported.v1']));
    const counts = events.map((e) => (JSON.parse(e.envelope) as { data: { places: unknown[] } }).data.places.length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(DEMO_PLACES_PER_CITY * DEMO_CITIES.length);
    expect(Math.max(...counts)).toBe(250);
  });

  it('does not seed again', async () => {
    expect(await t.host.seedDemo()).toEqual([]);
    const count = await poiDb(t)
      .selectFrom('place')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    expect(Number(count?.n)).toBe(DEMO_PLACES_PER_CITY * DEMO_CITIES.length);
  });
});
