import type { PlaceCategory } from '@fieldops/contracts';
import { type CountryDemo, DEMO_PACKS } from '@fieldops/countries';

// @fieldops/demo-data: the demo cities, shops, phones and reps the services' demo seeds share (deterministic).

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32): the same seed gives the same demo data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const pick = <T>(random: () => number, items: readonly T[], fallback: T): T =>
  items[Math.floor(random() * items.length)] ?? fallback;

/** A country's demo, as its pack describes it (`demo` of the country definition), with the country's code. */
export type DemoCountry = CountryDemo & { readonly country: string };

/** The demo cities: one per country pack that ships demo data, in the packs' order. */
export const DEMO_COUNTRIES: readonly DemoCountry[] = DEMO_PACKS.flatMap((pack) =>
  pack.demo ? [{ ...pack.demo, country: pack.identity.code }] : [],
);

export const DEMO_CATEGORIES: readonly PlaceCategory[] = ['grocery', 'restaurant', 'pharmacy', 'cafe', 'retail'];

export const DEMO_REPS = 20;
export const repEmail = (country: string, n: number) => `rep${n}.${country.toLowerCase()}@fieldops.test`;
const REP_EMAIL = /^rep(\d+)\.([a-z]{2})@fieldops\.test$/;

/** Whether an email is one of the demo reps' (`rep1..20.<cc>@fieldops.test`). */
export function isDemoRep(email: string): boolean {
  const match = REP_EMAIL.exec(email);
  return match !== null && Number(match[1]) >= 1 && Number(match[1]) <= DEMO_REPS;
}

/** A point near the city centre, denser in the middle. */
export function demoPoint(random: () => number, demo: DemoCountry): { lat: number; lng: number } {
  const angle = random() * 2 * Math.PI;
  const distance = demo.spread * Math.sqrt(random());
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return { lat: round(demo.centre.lat + distance * Math.sin(angle)), lng: round(demo.centre.lng + distance * Math.cos(angle)) };
}

/** A number the country's policy accepts (E.164): draws again until one parses. */
export function demoPhone(random: () => number, demo: DemoCountry, parse: (phone: string) => string | null): string {
  for (let attempt = 0; attempt < 50; attempt++) {
    const phone = parse(demo.phone(random));
    if (phone !== null) return phone;
  }
  throw new Error(`no valid demo phone for ${demo.country}`);
}
