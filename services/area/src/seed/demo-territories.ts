import fs from 'node:fs';
import { type CountryDemo, DEMO_PACKS } from '@fieldops/countries';
import { convexHull } from '../domain/convex-hull';
import { type AreaGeometry, type BBox, polygonsOf } from '../domain/geometry';
import { validateGeometry } from '../domain/geometry-validation';

/**
 * The demo territories: per country pack with demo data, its city's districts (WGS-84 GeoJSON shipped in the pack,
 * with its source and licence beside it), grouped into the cities the account service's demo organisation has. A
 * pack without boundaries gets its demo city as a square around the centre.
 */
export interface DemoCountry {
  country: string;
  name: string;
  demo: CountryDemo;
}

const text = (value: unknown, fallback: string) => (typeof value === 'string' && value.trim() ? value : fallback);

export const DEMO_COUNTRIES: DemoCountry[] = DEMO_PACKS.flatMap((pack) =>
  pack.demo ? [{ country: pack.identity.code, name: pack.identity.name, demo: pack.demo }] : [],
);

export interface DemoDistrict {
  name: string;
  code: string;
  geometry: AreaGeometry;
}

export interface DemoCity {
  name: string;
  geometry: AreaGeometry;
  districts: DemoDistrict[];
}

interface FeatureCollection {
  attribution?: string;
  features: { properties: Record<string, unknown>; geometry: unknown }[];
}

export function readDemoFile(file: URL): FeatureCollection {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as FeatureCollection;
}

export function rectangle([minLng, minLat, maxLng, maxLat]: BBox): AreaGeometry {
  const ring: [number, number][] = [
    [minLng, minLat],
    [maxLng, minLat],
    [maxLng, maxLat],
    [minLng, maxLat],
    [minLng, minLat],
  ];
  return { type: 'Polygon', coordinates: [ring] };
}

/** A country's demo cities, each outlined by the convex hull of its districts; invalid features are skipped. */
export function demoCities({ demo }: DemoCountry): DemoCity[] {
  const territories = demo.territories;
  if (territories === undefined) {
    const { lat, lng } = demo.centre;
    const half = demo.spread;
    return [{ name: demo.orgCities[0], geometry: rectangle([lng - half, lat - half, lng + half, lat + half]), districts: [] }];
  }
  const byCity = new Map<string, DemoDistrict[]>();
  for (const feature of readDemoFile(territories.file).features) {
    const check = validateGeometry(feature.geometry);
    if (!check.ok) continue;
    const city = territories.cityOf(feature.properties);
    const district = {
      name: territories.districtName(feature.properties),
      code: text(feature.properties.code, '?'),
      geometry: check.geometry,
    };
    byCity.set(city, [...(byCity.get(city) ?? []), district]);
  }
  return [...byCity.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, districts]) => {
      const positions = districts.flatMap((d) => polygonsOf(d.geometry).flatMap((polygon) => polygon[0] ?? []));
      return { name, geometry: { type: 'Polygon', coordinates: [convexHull(positions)] }, districts };
    });
}
