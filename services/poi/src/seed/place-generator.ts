import { PLACE_CATEGORIES, type PlaceCategory } from '@fieldops/contracts';
import type { DemoPicker as Picker } from '@fieldops/countries';
import { destinationPoint } from '@fieldops/geo';
import type { PlaceDraft } from '../app/place-fields';
import type { DemoCity } from './demo-cities';

/** How common each kind of place is on a typical street, roughly. */
const CATEGORY_WEIGHTS: Record<PlaceCategory, number> = {
  restaurant: 22,
  cafe: 10,
  grocery: 9,
  convenience: 8,
  bakery: 6,
  pharmacy: 5,
  beauty: 9,
  fitness: 3,
  laundry: 4,
  retail: 13,
  service: 7,
  other: 4,
};
const WEIGHT_TOTAL = PLACE_CATEGORIES.reduce((sum, c) => sum + CATEGORY_WEIGHTS[c], 0);

/** mulberry32: small, fast and good enough for demo data; the same seed gives the same places. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function picker(random: () => number): Picker {
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  return {
    int,
    one<T>(items: readonly T[]): T {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new Error('picked from an empty list');
      return item;
    },
    digits: (n) => Array.from({ length: n }, () => String(int(0, 9))).join(''),
  };
}

function category(random: () => number): PlaceCategory {
  let left = random() * WEIGHT_TOTAL;
  for (const c of PLACE_CATEGORIES) {
    left -= CATEGORY_WEIGHTS[c];
    if (left < 0) return c;
  }
  return 'other';
}

/** Exponentially distributed distance: most places near the centre, a long sparse tail, none past the edge. */
function distanceFromCentre(city: DemoCity, random: () => number): number {
  for (;;) {
    const distance = -city.meanDistance * Math.log(1 - random());
    if (distance <= city.maxDistance) return distance;
  }
}

export function placeDraft(city: DemoCity, random: () => number): PlaceDraft {
  const pick = picker(random);
  const kind = category(random);
  const name = pick
    .one(city.vocabulary.names[kind])
    .replace('{w}', pick.one(city.vocabulary.words))
    .replace('{place}', pick.one(city.vocabulary.neighbourhoods));
  return {
    name,
    address: city.vocabulary.address(pick),
    category: kind,
    phone: random() < 0.75 ? city.vocabulary.phone(pick) : null,
    country: city.country,
    location: destinationPoint(city.centre, distanceFromCentre(city, random), random() * 360),
    source: 'seed',
  };
}

/** `count` places spread over `cities` in turn, deterministic for a seed. */
export function* placeDrafts(cities: DemoCity[], count: number, seed: number): Generator<PlaceDraft> {
  const random = seededRandom(seed);
  for (let i = 0; i < count; i++) {
    const city = cities[i % cities.length];
    if (!city) return;
    yield placeDraft(city, random);
  }
}
