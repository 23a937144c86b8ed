import { describe, expect, it } from 'vitest';
import { bboxOf, polygonsOf } from '../src/domain/geometry';
import { validateGeometry } from '../src/domain/geometry-validation';
import { geometryContains } from '../src/domain/point-in-polygon';
import { DEMO_COUNTRIES, demoCities, readDemoFile } from '../src/seed/demo-territories';

const WITH_BOUNDARIES = DEMO_COUNTRIES.flatMap((demo) => (demo.demo.territories ? [{ ...demo, file: demo.demo.territories.file }] : []));

describe.each(WITH_BOUNDARIES)('demo boundaries of $country', (demo) => {
  const collection = readDemoFile(demo.file);

  it('carries its attribution', () => {
    expect(collection.attribution).toBeTruthy();
  });

  it('has only features that load and validate', () => {
    expect(collection.features.length).toBeGreaterThan(0);
    for (const feature of collection.features) {
      const check = validateGeometry(feature.geometry);
      expect(check.ok ? [] : check.problems, String(feature.properties.name)).toEqual([]);
    }
  });

  it('groups into cities whose outline holds every district, inside the country outline', () => {
    const cities = demoCities(demo);
    expect(cities.reduce((n, c) => n + c.districts.length, 0)).toBe(collection.features.length);
    expect(cities.map((c) => c.name)).toContain(demo.demo.orgCities[0]);
    for (const city of cities) {
      expect(validateGeometry(city.geometry).ok).toBe(true);
      const [minLng, minLat, maxLng, maxLat] = bboxOf(city.geometry);
      for (const district of city.districts) {
        const box = bboxOf(district.geometry);
        expect(box[0] >= minLng && box[1] >= minLat && box[2] <= maxLng && box[3] <= maxLat).toBe(true);
        // Every vertex of the district is inside the hull or on it: a point nudged toward the hull's centre is inside.
        const vertex = polygonsOf(district.geometry)[0]?.[0]?.[0];
        const centre: [number, number] = [(minLng + maxLng) / 2, (minLat + maxLat) / 2];
        if (vertex) {
          const nudged: [number, number] = [vertex[0] + (centre[0] - vertex[0]) * 1e-6, vertex[1] + (centre[1] - vertex[1]) * 1e-6];
          expect(geometryContains(city.geometry, nudged)).toBe(true);
        }
      }
      expect(minLng).toBeGreaterThanOrEqual(demo.demo.extent[0]);
      expect(minLat).toBeGreaterThanOrEqual(demo.demo.extent[1]);
      expect(maxLng).toBeLessThanOrEqual(demo.demo.extent[2]);
      expect(maxLat).toBeLessThanOrEqual(demo.demo.extent[3]);
    }
  });
});
