import { accountService } from '@fieldops/account';
import { areaService } from '@fieldops/area';
import { leadsService } from '@fieldops/leads';
import { merchantService } from '@fieldops/merchant';
import type { EventEnvelope, ServiceDefinition } from '@fieldops/platform';
import { poiService } from '@fieldops/poi';
import type { ApiResponse, MovableClock, TestDatabaseEngine, TestHost } from '@fieldops/testing';
import { serviceDb, startTestHost } from '@fieldops/testing';
import { expect } from 'vitest';
import { createTicketsService, type TicketsDb } from '../src/index';

/** An hour: the SLA job stays out of the way unless a test runs it (`fireDueSlaActions`). */
const JOB_OUT_OF_THE_WAY = 3_600_000;

/**
 * The services a ticket reads through (account for logins and assignees, area for covering reps, poi, merchant and
 * leads for the records it names) and the tickets service, on one database engine with the demo organisation.
 */
export function startTicketsHost(
  database: TestDatabaseEngine,
  clock?: MovableClock,
  options: { slaCheckMs?: number; others?: ServiceDefinition[]; env?: Record<string, string>; seedDemo?: boolean } = {},
): Promise<TestHost> {
  return startTestHost({
    services: [
      accountService,
      areaService,
      poiService,
      merchantService,
      leadsService,
      createTicketsService({ slaCheckMs: options.slaCheckMs ?? JOB_OUT_OF_THE_WAY }),
      ...(options.others ?? []),
    ],
    engines: { name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' },
    seedDemo: options.seedDemo ?? true,
    clock,
    env: options.env,
  });
}

/** The tickets service's own database, for checking what is stored (tests only). */
export const ticketsDb = (t: TestHost) => serviceDb<TicketsDb>(t, 'tickets');

/** Asserts a problem+json answer, and that it names `field` when given. */
export function expectProblem(res: ApiResponse, status: number, field?: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  if (field) expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
}

/** The events of one ticket in the tickets outbox, oldest first. */
export async function outboxOf(t: TestHost, subject: string): Promise<{ type: string; data: Record<string, unknown> }[]> {
  const rows = await ticketsDb(t).selectFrom('outbox').select(['type', 'envelope']).where('subject', '=', subject).orderBy('seq').execute();
  return rows.map((r) => ({ type: r.type, data: (JSON.parse(r.envelope) as EventEnvelope<Record<string, unknown>>).data }));
}

let made = 0;

/** A valid repair ticket's body in Singapore; override what the test is about. */
export function aRepair(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  made++;
  return {
    type: 'equipment-repair',
    title: `Terminal ${made} does not print`,
    fields: { terminalModel: 'PAX A920', serialNumber: `SN${String(10_000_000 + made)}`, symptom: 'printer' },
    ...overrides,
  };
}

/** A merchant in central Singapore created by `token`; answers its id. */
export async function aMerchant(t: TestHost, token: string, overrides: Record<string, unknown> = {}): Promise<string> {
  made++;
  const res = await t.api('POST', '/api/v1/merchants', {
    token,
    body: {
      legalName: `Ticket Kopitiam Pte Ltd ${made}`,
      brandName: `Kopitiam ${made}`,
      category: 'cafe',
      tier: 'B',
      contacts: [{ name: 'Tan Ah Kow', role: 'owner', phone: '9123 4567' }],
      address: `${made} North Bridge Road`,
      lat: 1.2903,
      lng: 103.8519,
      businessId: '201912345K',
      ...overrides,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

export const ifMatch = (res: ApiResponse) => ({ 'if-match': res.headers.get('etag') ?? '' });

/** The id of a demo user, as the account API shows them to an admin. */
export async function userId(t: TestHost, email: string): Promise<string> {
  const admin = await t.login('admin@fieldops.test');
  const res = await t.api('GET', `/api/v1/users?limit=200&q=${encodeURIComponent(email)}`, { token: admin });
  const found = (res.body.items as { id: string; email: string }[]).find((u) => u.email === email);
  if (!found) throw new Error(`no user ${email}`);
  return found.id;
}
