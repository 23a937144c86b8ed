import { accountService } from '@fieldops/account';
import type { ApiResponse, TestDatabaseEngine, TestHost } from '@fieldops/testing';
import { serviceDb, startTestHost } from '@fieldops/testing';
import { expect } from 'vitest';
import { type DemoCityKey, type PoiDb, placeGeneratorService, poiService } from '../src/index';

export interface PoiHostOptions {
  /** Generated places instead of the demo set (none by default: tests make what they need). */
  places?: number;
  city?: DemoCityKey;
  seed?: number;
  /** The real demo seed (a few thousand places per demo city). */
  demoPlaces?: boolean;
  env?: Record<string, string>;
}

/** The account service (for logins) and the poi service on one database engine. */
export function startPoiHost(database: TestDatabaseEngine, options: PoiHostOptions = {}): Promise<TestHost> {
  const poi = options.demoPlaces ? poiService : placeGeneratorService(options.places ?? 0, { city: options.city, seed: options.seed ?? 1 });
  return startTestHost({
    services: [accountService, poi],
    engines: { name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' },
    seedDemo: true,
    env: options.env,
  });
}

/** The poi service's own database, for checking what is stored (tests only: services never read another's). */
export const poiDb = (t: TestHost) => serviceDb<PoiDb>(t, 'poi');

let made = 0;

/** A valid new place's body near Singapore's City Hall; override what the test is about. */
export function aPlace(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  made++;
  return {
    name: `Test Kopitiam ${made}`,
    address: `${made} North Bridge Road`,
    category: 'cafe',
    lat: 1.2903,
    lng: 103.8519,
    ...overrides,
  };
}

/** Asserts a problem+json answer, and that it names `field` when given. */
export function expectProblem(res: ApiResponse, status: number, field?: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  if (field) expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
}

/** The events of one subject in the poi outbox, oldest first. */
export async function outboxOf(t: TestHost, subject: string): Promise<{ type: string; data: Record<string, unknown> }[]> {
  const rows = await poiDb(t).selectFrom('outbox').select(['type', 'envelope']).where('subject', '=', subject).orderBy('seq').execute();
  return rows.map((r) => ({ type: r.type, data: (JSON.parse(r.envelope) as { data: Record<string, unknown> }).data }));
}

export const ifMatch = (res: ApiResponse) => ({ 'if-match': res.headers.get('etag') ?? '' });
