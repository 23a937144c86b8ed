import { randomUUID } from 'node:crypto';
import { accountService } from '@fieldops/account';
import { checkinService } from '@fieldops/checkin';
import { pendingDemoCountries } from '@fieldops/demo-data/demo-seed';
import { leadsService } from '@fieldops/leads';
import { merchantService } from '@fieldops/merchant';
import type { Clock, EventEnvelope, ServiceDefinition } from '@fieldops/platform';
import type { ApiResponse, TestEngines, TestHost } from '@fieldops/testing';
import { eventually, serviceDb, startTestHost } from '@fieldops/testing';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { type PerformanceDb, performanceService } from '../src/index';

/** The sources (account, merchant, leads, checkin) and the performance service, with the demo organisation. */
export function startPerformanceHost(engines: TestEngines, clock?: Clock, also: ServiceDefinition[] = []): Promise<TestHost> {
  return startTestHost({
    services: [accountService, merchantService, leadsService, checkinService, performanceService, ...also],
    engines,
    seedDemo: true,
    ...(clock ? { clock } : {}),
  });
}

// biome-ignore lint/suspicious/noExplicitAny: each test reads a service's own tables (outbox, visit, lead) by name.
export type AnyDb = Kysely<any>;

/** A service's own database, for recounting from its records and outbox (tests only). */
export const dbOf = (t: TestHost, service: string): AnyDb => serviceDb(t, service);

export const performanceDb = (t: TestHost) => serviceDb<PerformanceDb>(t, 'performance');

/** Every envelope a service published, oldest first. */
export async function exported(t: TestHost, service: string): Promise<EventEnvelope<Record<string, unknown>>[]> {
  const rows = await dbOf(t, service).selectFrom('outbox').select(['envelope']).orderBy('seq').execute();
  return rows.map((r: { envelope: string }) => JSON.parse(r.envelope));
}

/**
 * Waits until every demo country's leads and merchants are written and the host is at rest (the performance service
 * has counted every event so far), so that figures read one after another agree. The distributed seed writes them as
 * the account service's events arrive, while a test starts: a test that moves its clock ahead must wait first, or demo
 * records land in the period it measures (a record stamped before the move, its event after it).
 */
export async function demoSeedCounted(t: TestHost): Promise<void> {
  await eventually(
    async () => {
      for (const service of ['leads', 'merchant']) expect(await pendingDemoCountries(dbOf(t, service)), service).toEqual([]);
    },
    { timeoutMs: 60_000, intervalMs: 250 },
  );
  await t.settled();
}

export interface DemoUser {
  id: string;
  email: string;
  name: string;
  orgUnitId: string;
  country: string;
}

/** The demo users as an admin sees them, by email. */
export async function demoUsers(t: TestHost): Promise<Map<string, DemoUser>> {
  const admin = await t.login('admin@fieldops.test');
  const users = new Map<string, DemoUser>();
  let cursor: string | null = null;
  do {
    const page: ApiResponse = await t.api('GET', `/api/v1/users?limit=200${cursor ? `&cursor=${cursor}` : ''}`, { token: admin });
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    for (const u of page.body.items as DemoUser[]) users.set(u.email, u);
    cursor = page.body.nextCursor;
  } while (cursor);
  return users;
}

export function user(users: Map<string, DemoUser>, name: string): DemoUser {
  const found = users.get(`${name}@fieldops.test`);
  if (!found) throw new Error(`no demo user ${name}`);
  return found;
}

/** The calendar date of an instant in a zone, with Intl alone (independent of the service's own period code). */
export function localDate(at: number | string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(at));
}

let made = 0;

/** A Singapore merchant owned by the rep behind `token`; answers its id and place. */
export async function aMerchant(t: TestHost, token: string): Promise<{ id: string; point: { lat: number; lng: number } }> {
  made++;
  const point = { lat: 1.28 + made * 0.002, lng: 103.84 };
  const res = await t.api('POST', '/api/v1/merchants', {
    token,
    body: { legalName: `Perf Test Trading ${made}`, category: 'grocery', businessId: '201912345K', ...point },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id as string, point };
}

/** A new lead's body in Singapore, each at its own spot with its own name and phone. */
export function aLead(): Record<string, unknown> {
  made++;
  return {
    name: `Kiwi ${made * 7919} Sundries ${String.fromCharCode(65 + (made % 26))}${made}`,
    address: `${made} Tanjong Pagar Road`,
    category: 'grocery',
    phone: `+65 8${String(2_000_000 + made).slice(-7)}`,
    lat: 1.27 + made * 0.003,
    lng: 103.81,
  };
}

const accuracy = () => 4 + Math.round(Math.random() * 2000) / 100;

/**
 * A visit checked in at `at` (sent later, as from an offline phone) and out ten minutes after, at a merchant at
 * `point`: honest, or with a mocked location (flagged for review). Answers the visit after check-out.
 */
export async function aVisit(
  t: TestHost,
  token: string,
  merchantId: string,
  point: { lat: number; lng: number },
  at: number,
  flagged: boolean,
) {
  const checkIn = await t.api('POST', '/api/v1/visits', {
    token,
    body: {
      id: randomUUID(),
      targetType: 'merchant',
      targetId: merchantId,
      lat: point.lat,
      lng: point.lng,
      accuracyM: accuracy(),
      deviceTime: new Date(at).toISOString(),
      offline: true,
      mockLocation: flagged,
    },
  });
  expect(checkIn.status, JSON.stringify(checkIn.body)).toBe(201);
  const out = await t.api('POST', `/api/v1/visits/${checkIn.body.id}/check-out`, {
    token,
    body: {
      deviceTime: new Date(at + 600_000).toISOString(),
      outcome: 'met-owner',
      notes: 'Stand checked',
      answers: { terminalWorking: true, stockOfQrStands: 'good', transactionsToday: 3 },
    },
  });
  expect(out.status, JSON.stringify(out.body)).toBe(200);
  return out.body as { id: string; verification: string; version: number };
}

/** Asserts a problem+json answer naming each of `fields`. */
export function expectProblem(res: ApiResponse, status: number, ...fields: string[]): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const named = ((res.body.errors ?? []) as { field: string }[]).map((e) => e.field);
  for (const field of fields) expect(named).toContain(field);
}

/**
 * Arranges the onboarding documents a merchant needs to go active, as stored (this host has no file service to upload
 * them to): one file id per kind Singapore requires.
 */
export async function withOnboardingDocuments(t: TestHost, merchantId: string): Promise<void> {
  const kinds = ['acra_bizfile', 'owner_identity_document', 'bank_statement', 'storefront_photo'];
  const files = Object.fromEntries(kinds.map((kind, i) => [kind, `0190b4c4-0000-7000-8000-00000000d0c${i}`]));
  await dbOf(t, 'merchant')
    .updateTable('merchant')
    .set({ documents: JSON.stringify(Object.values(files)), onboarding_documents: JSON.stringify(files) })
    .where('id', '=', merchantId)
    .execute();
}
