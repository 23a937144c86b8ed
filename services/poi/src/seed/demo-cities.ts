import type { LatLng } from '@fieldops/geo';
import { jakarta } from './vocabularies/jakarta';
import { saoPaulo } from './vocabularies/sao-paulo';
import { shanghai } from './vocabularies/shanghai';
import { singapore } from './vocabularies/singapore';
import type { Vocabulary } from './vocabularies/vocabulary';

/** The cities demo and load places are spread around: dense in the centre, sparse towards the edge. */
export interface DemoCity {
  key: 'sg' | 'shanghai' | 'jakarta' | 'sao-paulo';
  name: string;
  country: 'SG' | 'CN' | 'ID' | 'BR';
  /** WGS-84. */
  centre: LatLng;
  /** Mean distance from the centre (metres): distances are drawn from an exponential distribution. */
  meanDistance: number;
  /** No place farther out than this. */
  maxDistance: number;
  vocabulary: Vocabulary;
}

export const DEMO_CITIES: DemoCity[] = [
  {
    key: 'sg',
    name: 'Singapore',
    country: 'SG',
    centre: { lat: 1.2903, lng: 103.8519 },
    meanDistance: 3500,
    maxDistance: 15_000,
    vocabulary: singapore,
  },
  {
    key: 'shanghai',
    name: 'Shanghai',
    country: 'CN',
    centre: { lat: 31.2304, lng: 121.4737 },
    meanDistance: 5000,
    maxDistance: 30_000,
    vocabulary: shanghai,
  },
  {
    key: 'jakarta',
    name: 'Jakarta',
    country: 'ID',
    centre: { lat: -6.2, lng: 106.8456 },
    meanDistance: 5000,
    maxDistance: 25_000,
    vocabulary: jakarta,
  },
  {
    key: 'sao-paulo',
    name: 'São Paulo',
    country: 'BR',
    centre: { lat: -23.5505, lng: -46.6333 },
    meanDistance: 6000,
    maxDistance: 30_000,
    vocabulary: saoPaulo,
  },
];

export type DemoCityKey = DemoCity['key'];

export const DEMO_CITY_KEYS = DEMO_CITIES.map((c) => c.key);

export function demoCity(key: string): DemoCity | undefined {
  return DEMO_CITIES.find((c) => c.key === key);
}
