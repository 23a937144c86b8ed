import { type CountryDemo, DEMO_PACKS } from '@fieldops/countries';

/** The demo organisation seeded on a first embedded start: per country pack with demo data, two cities with two teams each. */
export interface DemoCountry {
  code: string;
  name: string;
  demo: CountryDemo;
}

export const DEMO_PASSWORD = 'demo1234';

export const DEMO_COUNTRIES: DemoCountry[] = DEMO_PACKS.flatMap((pack) =>
  pack.demo ? [{ code: pack.identity.code, name: pack.identity.name, demo: pack.demo }] : [],
);

export const TEAM_NAMES = ['North', 'South'] as const;
export const REPS_PER_TEAM = 5;
