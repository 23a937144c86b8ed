import fs from 'node:fs';
import { convexHull } from '../domain/convex-hull';
import { type AreaGeometry, type BBox, polygonsOf } from '../domain/geometry';
import { validateGeometry } from '../domain/geometry-validation';

/**
 * The demo territories: per demo country, one real city's districts (WGS-84 GeoJSON shipped in data/, sources
 * and licences in the NOTICE file), grouped into the cities the account service's demo organisation has.
 */
export interface DemoCountry {
  country: 'SG' | 'CN' | 'ID' | 'BR';
  name: string;
  file: string;
  /** A simple outline of the country: its rough extent, enough to hold every demo city. */
  extent: BBox;
  /** The city a district belongs to (SG: its URA region). */
  cityOf(properties: Record<string, unknown>): string;
  districtName(properties: Record<string, unknown>): string;
  /** The account demo organisation's cities (same names), in its order: the city org units areas link to. */
  accountCities: string[];
}

const text = (value: unknown, fallback: string) => (typeof value === 'string' && value.trim() ? value : fallback);

export const DEMO_COUNTRIES: DemoCountry[] = [
  {
    country: 'SG',
    name: 'Singapore',
    file: 'singapore-planning-areas.geojson',
    extent: [103.55, 1.13, 104.15, 1.5],
    cityOf: (p) => text(p.region, 'Singapore'),
    districtName: (p) => text(p.name, '?'),
    accountCities: ['Central Region', 'East Region'],
  },
  {
    country: 'CN',
    name: 'China',
    file: 'shanghai-districts.geojson',
    extent: [73.5, 18.1, 134.8, 53.6],
    cityOf: () => '上海',
    districtName: (p) => text(p.name_zh, text(p.name, '?')),
    accountCities: ['上海', '杭州'],
  },
  {
    country: 'ID',
    name: 'Indonesia',
    file: 'jakarta-kota-administrasi.geojson',
    extent: [94.9, -11.1, 141.1, 6.1],
    cityOf: () => 'Jakarta',
    districtName: (p) => text(p.name, '?'),
    accountCities: ['Jakarta', 'Bandung'],
  },
  {
    country: 'BR',
    name: 'Brazil',
    file: 'sao-paulo-distritos.geojson',
    extent: [-74.0, -33.8, -34.7, 5.3],
    cityOf: () => 'São Paulo',
    districtName: (p) => text(p.name, '?'),
    accountCities: ['São Paulo', 'Campinas'],
  },
];

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

export function readDemoFile(file: string): FeatureCollection {
  return JSON.parse(fs.readFileSync(new URL(`../../data/${file}`, import.meta.url), 'utf8')) as FeatureCollection;
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
export function demoCities(plan: DemoCountry): DemoCity[] {
  const byCity = new Map<string, DemoDistrict[]>();
  for (const feature of readDemoFile(plan.file).features) {
    const check = validateGeometry(feature.geometry);
    if (!check.ok) continue;
    const city = plan.cityOf(feature.properties);
    const district = { name: plan.districtName(feature.properties), code: text(feature.properties.code, '?'), geometry: check.geometry };
    byCity.set(city, [...(byCity.get(city) ?? []), district]);
  }
  return [...byCity.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, districts]) => {
      const positions = districts.flatMap((d) => polygonsOf(d.geometry).flatMap((polygon) => polygon[0] ?? []));
      return { name, geometry: { type: 'Polygon', coordinates: [convexHull(positions)] }, districts };
    });
}
