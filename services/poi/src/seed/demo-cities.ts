import { COUNTRY_PACKS, type DemoVocabulary } from '@fieldops/countries';
import type { LatLng } from '@fieldops/geo';

/** The cities demo and load places are spread around (one per country pack with demo data): dense in the centre. */
export interface DemoCity {
  key: string;
  name: string;
  country: string;
  /** WGS-84. */
  centre: LatLng;
  /** Mean distance from the centre (metres): distances are drawn from an exponential distribution. */
  meanDistance: number;
  /** No place farther out than this. */
  maxDistance: number;
  vocabulary: DemoVocabulary;
}

export const DEMO_CITIES: DemoCity[] = COUNTRY_PACKS.flatMap(({ identity, demo }) =>
  demo
    ? [
        {
          key: demo.key,
          name: demo.city,
          country: identity.code,
          centre: { lat: demo.centre.lat, lng: demo.centre.lng },
          meanDistance: demo.placeDistance.mean,
          maxDistance: demo.placeDistance.max,
          vocabulary: demo.places,
        },
      ]
    : [],
);

export type DemoCityKey = string;

export const DEMO_CITY_KEYS = DEMO_CITIES.map((c) => c.key);

export function demoCity(key: string): DemoCity | undefined {
  return DEMO_CITIES.find((c) => c.key === key);
}
