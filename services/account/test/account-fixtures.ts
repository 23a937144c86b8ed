import type { ApiResponse, TestDatabaseEngine, TestHost } from '@fieldops/testing';
import { startTestHost } from '@fieldops/testing';
import { expect } from 'vitest';
import { accountService } from '../src/index';

/** The account service alone on one database engine, with the demo organisation (see src/seed/). */
export function startAccountHost(database: TestDatabaseEngine): Promise<TestHost> {
  return startTestHost({
    services: [accountService],
    engines: { name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' },
    seedDemo: true,
  });
}

let people = 0;

/** A valid new user's body; override what the test is about. */
export function aUser(orgUnitId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  people++;
  return {
    email: `new.person${people}@fieldops.test`,
    name: `New Person ${people}`,
    password: 'long enough 1',
    orgUnitId,
    roleIds: [],
    ...overrides,
  };
}

interface Named {
  id: string;
  name: string;
  email?: string;
}

async function findIn(t: TestHost, token: string, route: string, match: (item: Named) => boolean, what: string): Promise<string> {
  const res = await t.api('GET', route, { token });
  expect(res.status).toBe(200);
  const found = (res.body.items as Named[]).find(match);
  if (!found) throw new Error(`${what} is not visible at ${route}`);
  return found.id;
}

export const userIdOf = (t: TestHost, token: string, email: string) =>
  findIn(t, token, `/api/v1/users?q=${encodeURIComponent(email)}`, (u) => u.email === email, email);

export const roleIdOf = (t: TestHost, token: string, name: string) =>
  findIn(t, token, '/api/v1/roles?limit=200', (r) => r.name === name, `role ${name}`);

export const orgUnitIdOf = (t: TestHost, token: string, name: string) =>
  findIn(t, token, '/api/v1/org-units?limit=200', (u) => u.name === name, `org unit ${name}`);

/** Asserts a problem+json answer, and that it names `field` when given. */
export function expectProblem(res: ApiResponse, status: number, field?: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  if (field) expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
}

/** The events of one aggregate in the account database's outbox, oldest first. */
export async function outboxOf(t: TestHost, subject: string): Promise<{ type: string; data: Record<string, unknown> }[]> {
  const service = t.host.service('account');
  if (!service) throw new Error('the account service is not running');
  const rows = await service.db.selectFrom('outbox').select(['type', 'envelope']).where('subject', '=', subject).orderBy('seq').execute();
  return rows.map((r) => ({ type: r.type, data: (JSON.parse(r.envelope) as { data: Record<string, unknown> }).data }));
}

/** Headers for a write that expects the version a read answered. */
export const ifMatch = (res: ApiResponse) => ({ 'if-match': res.headers.get('etag') ?? '' });
