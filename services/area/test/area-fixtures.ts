import { accountService } from '@fieldops/account';
import type { ServiceDefinition } from '@fieldops/platform';
import { type ApiResponse, MovableClock, startTestHost, type TestDatabaseEngine, type TestHost } from '@fieldops/testing';
import { expect } from 'vitest';
import { type AreaServiceOptions, createAreaService } from '../src/index';

export interface AreaTestHost extends TestHost {
  clock: MovableClock;
}

/**
 * The account and area services on one database engine with the demo organisation and territories; the clock
 * starts now (access tokens must be valid in real time) and moves by hand. Scheduled work runs every 100 ms.
 */
export async function startAreaHost(
  database: TestDatabaseEngine,
  options: AreaServiceOptions & { extra?: ServiceDefinition[] } = {},
): Promise<AreaTestHost> {
  const clock = new MovableClock(Date.now());
  const area = createAreaService({ coverageCheckMs: 100, linkSeededMs: 100, ...options });
  const t = await startTestHost({
    services: [accountService, area, ...(options.extra ?? [])],
    engines: { name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' },
    seedDemo: true,
    clock,
    env: { AREA_INDEX_POLL_MS: '50' },
  });
  return { ...t, clock };
}

type Ring = [number, number][];

/** A square ring with its south-west corner at (lng, lat). */
export const square = (lng: number, lat: number, size: number): Ring => [
  [lng, lat],
  [lng + size, lat],
  [lng + size, lat + size],
  [lng, lat + size],
  [lng, lat],
];
export const polygon = (...rings: Ring[]) => ({ type: 'Polygon', coordinates: rings });

let codes = 0;

/** Creates an area as `token` and answers its body; fails the test when refused. */
export async function anArea(
  t: TestHost,
  token: string,
  fields: { kind: string; parentId?: string; country?: string; geometry: unknown; name?: string; priority?: number; orgUnitId?: string },
): Promise<{ id: string; version: number; [key: string]: unknown }> {
  const code = `test-${++codes}`;
  const res = await t.api('POST', '/api/v1/areas?coords=WGS84', { token, body: { name: fields.name ?? code, code, ...fields } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** A test territory far from every demo city (around 10°N 10°E): country → city → two districts. */
export async function aTerritory(t: TestHost, admin: string, lng = 10) {
  const root = await anArea(t, admin, { kind: 'country', country: 'SG', geometry: polygon(square(lng, 10, 4)) });
  const city = await anArea(t, admin, { kind: 'city', parentId: root.id, geometry: polygon(square(lng, 10, 2)) });
  const west = await anArea(t, admin, { kind: 'district', parentId: city.id, geometry: polygon(square(lng, 10, 1)) });
  const east = await anArea(t, admin, { kind: 'district', parentId: city.id, geometry: polygon(square(lng + 1, 10, 1)) });
  return { root, city, west, east };
}

export async function idOf(t: TestHost, token: string, route: string, match: (item: Record<string, unknown>) => boolean): Promise<string> {
  const res = await t.api('GET', route, { token });
  expect(res.status).toBe(200);
  const found = (res.body.items as Record<string, unknown>[]).find(match);
  if (!found || typeof found.id !== 'string') throw new Error(`nothing matching at ${route}`);
  return found.id;
}

export const userIdOf = (t: TestHost, token: string, email: string) =>
  idOf(t, token, `/api/v1/users?q=${encodeURIComponent(email)}`, (u) => u.email === email);

export function expectProblem(res: ApiResponse, status: number, field?: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  if (field) expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
}

/** The events of one subject in the area database's outbox, oldest first. */
export async function areaOutbox(t: TestHost, subject: string): Promise<{ type: string; data: Record<string, unknown> }[]> {
  const service = t.host.service('area');
  if (!service) throw new Error('the area service is not running');
  const rows = await service.db.selectFrom('outbox').select(['type', 'envelope']).where('subject', '=', subject).orderBy('seq').execute();
  return rows.map((r) => ({ type: r.type, data: (JSON.parse(r.envelope) as { data: Record<string, unknown> }).data }));
}
