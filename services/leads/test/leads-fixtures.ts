import { accountService } from '@fieldops/account';
import { pendingDemoCountries } from '@fieldops/demo-data/demo-seed';
import type { ServiceDefinition } from '@fieldops/platform';
import type { ApiResponse, MovableClock, TestDatabaseEngine, TestHost } from '@fieldops/testing';
import { eventually, serviceDb, startTestHost } from '@fieldops/testing';
import { uuidv7 } from 'uuidv7';
import { expect } from 'vitest';
import { h3Columns, type LeadRow } from '../src/db/lead.repository';
import { createLeadsService, type LeadsDb } from '../src/index';

/**
 * The account service (for logins) and the leads service on one database engine, with a clock the test moves; and
 * the `others` the test reads through (the poi service for places).
 */
export function startLeadsHost(database: TestDatabaseEngine, clock: MovableClock, others: ServiceDefinition[] = []): Promise<TestHost> {
  return startTestHost({
    services: [accountService, createLeadsService({ protectionCheckMs: 50 }), ...others],
    engines: { name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' },
    seedDemo: true,
    clock,
  });
}

/** The leads service's own database, for arranging and checking what is stored (tests only). */
export const leadsDb = (t: TestHost) => serviceDb<LeadsDb>(t, 'leads');

/** An unowned public lead's row, for tests that write many straight to the database (arranging, not what is tested). */
export function aPublicLeadRow(name: string, place: { lat: number; lng: number; country: string }, now: number): LeadRow {
  const point = { lat: place.lat, lng: place.lng };
  return {
    id: uuidv7(),
    name,
    name_key: name.toLowerCase(),
    phone: null,
    phone_masked: null,
    address: '',
    category: 'grocery',
    ...point,
    ...h3Columns(point),
    area_id: null,
    country: place.country,
    owner_id: null,
    org_unit_id: null,
    agency_id: null,
    pool: 'public',
    stage: 'new',
    protected_until: null,
    claimed_at: null,
    warned_for: null,
    next_follow_up_at: null,
    duplicate_of: null,
    merchant_id: null,
    conversion_status: 'none',
    conversion_reason: null,
    version: 1,
    created_at: now,
    updated_at: now,
  };
}

/**
 * Sets how many leads a user holds (to put them at their limit), beside the running service: on MariaDB the write may
 * be chosen as a deadlock victim (it was once in CI) and then runs again.
 */
export const setHeld = (t: TestHost, userId: string, held: number) =>
  eventually(() => leadsDb(t).updateTable('lead_holding').set({ held }).where('user_id', '=', userId).execute());

/** Waits until every demo country's leads are written (they wait for the account service's events). */
export async function demoSeeded(t: TestHost): Promise<void> {
  await eventually(async () => expect(await pendingDemoCountries(leadsDb(t))).toEqual([]), { timeoutMs: 50_000 });
}

let made = 0;

/** A valid new lead's body in central Singapore, each at its own spot with its own name; override what matters. */
export function aLead(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  made++;
  return {
    name: `Zebra ${made * 7919} Provisions ${String.fromCharCode(65 + (made % 26))}${made}`,
    address: `${made} Orchard Road`,
    category: 'grocery',
    phone: `+65 9${String(1_000_000 + made).slice(-7)}`,
    lat: 1.3 + made * 0.01,
    lng: 103.8,
    ...overrides,
  };
}

/** Asserts a problem+json answer. */
export function expectProblem(res: ApiResponse, status: number): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
}

/** The events of one lead in the leads outbox, oldest first. */
export async function outboxOf(t: TestHost, subject: string): Promise<{ type: string; data: Record<string, unknown> }[]> {
  const rows = await leadsDb(t).selectFrom('outbox').select(['type', 'envelope']).where('subject', '=', subject).orderBy('seq').execute();
  return rows.map((r) => ({ type: r.type, data: (JSON.parse(r.envelope) as { data: Record<string, unknown> }).data }));
}

/** Creates a lead as `token` and releases it into the public pool; answers its id. */
export async function aPublicLead(t: TestHost, token: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await t.api('POST', '/api/v1/leads', { token, body: aLead(overrides) });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const released = await t.api('POST', `/api/v1/leads/${created.body.id}/release`, { token });
  expect(released.status, JSON.stringify(released.body)).toBe(200);
  return created.body.id;
}

export const DAY = 86_400_000;
