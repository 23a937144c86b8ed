import { randomUUID } from 'node:crypto';
import { accountService } from '@fieldops/account';
import { merchantService } from '@fieldops/merchant';
import type { EventEnvelope, ServiceDefinition } from '@fieldops/platform';
import type { ApiResponse, TestEngines, TestHost } from '@fieldops/testing';
import { serviceDb, startTestHost } from '@fieldops/testing';
import { expect } from 'vitest';
import { type CheckinDb, checkinService } from '../src/index';

/**
 * The account service (logins, scopes), the merchant service (the visit targets, looked up over in-process RPC with
 * the caller's token) and the checkin service on the given engines.
 */
export function startCheckinHost(engines: TestEngines, checkin: ServiceDefinition = checkinService): Promise<TestHost> {
  return startTestHost({ services: [accountService, merchantService, checkin], engines, seedDemo: true });
}

/** The checkin service's own database, for checking what is stored (tests only). */
export const checkinDb = (t: TestHost) => serviceDb<CheckinDb>(t, 'checkin');

let made = 0;

/** A Singapore merchant owned by the rep behind `token`, at the given point; answers its id. */
export async function aMerchantAt(t: TestHost, token: string, point: { lat: number; lng: number }, extra: Record<string, unknown> = {}) {
  made++;
  const res = await t.api('POST', '/api/v1/merchants', {
    token,
    body: {
      legalName: `Visit Test Trading ${made}`,
      category: 'grocery',
      businessId: '201912345K',
      ...point,
      ...extra,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** A phone's reported accuracy outdoors: 4–24 m, never the same twice in a row (constant accuracy is a fraud signal). */
export const honestAccuracy = () => 4 + Math.round(Math.random() * 2000) / 100;

/** An honest check-in body at `point` (the target's own spot unless moved); override what the test is about. */
export function aCheckIn(targetId: string, point: { lat: number; lng: number }, overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    targetType: 'merchant',
    targetId,
    lat: point.lat,
    lng: point.lng,
    accuracyM: honestAccuracy(),
    deviceTime: new Date().toISOString(),
    mockLocation: false,
    ...overrides,
  };
}

/** A check-out body that satisfies Singapore's merchant template. */
export function aCheckOut(deviceTime: string, overrides: Record<string, unknown> = {}) {
  return {
    deviceTime,
    outcome: 'met-owner',
    notes: 'Terminal checked, owner happy',
    answers: { terminalWorking: true, stockOfQrStands: 'good', transactionsToday: 14 },
    ...overrides,
  };
}

/** Asserts a problem+json answer, and that it names each of `fields`. */
export function expectProblem(res: ApiResponse, status: number, ...fields: string[]): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const named = ((res.body.errors ?? []) as { field: string }[]).map((e) => e.field);
  for (const field of fields) expect(named).toContain(field);
}

/** The event types of one subject in the checkin outbox, oldest first. */
export async function outboxOf(t: TestHost, subject: string): Promise<{ type: string; data: Record<string, unknown> }[]> {
  const rows = await checkinDb(t).selectFrom('outbox').select(['type', 'envelope']).where('subject', '=', subject).orderBy('seq').execute();
  return rows.map((r) => ({ type: r.type, data: (JSON.parse(r.envelope) as EventEnvelope<Record<string, unknown>>).data }));
}

/** A point `metres` north of `point` (a degree of latitude is ~111.2 km everywhere). */
export function north(point: { lat: number; lng: number }, metres: number) {
  return { lat: point.lat + metres / 111_195, lng: point.lng };
}

/** The id of a demo user, as the account API shows them to an admin. */
export async function userId(t: TestHost, email: string): Promise<string> {
  const admin = await t.login('admin@fieldops.test');
  const res = await t.api('GET', `/api/v1/users?limit=200&q=${encodeURIComponent(email)}`, { token: admin });
  const found = (res.body.items as { id: string; email: string }[]).find((u) => u.email === email);
  if (!found) throw new Error(`no user ${email}`);
  return found.id;
}
