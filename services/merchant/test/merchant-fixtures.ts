import { accountService } from '@fieldops/account';
import { pendingDemoCountries } from '@fieldops/demo-data/demo-seed';
import type { EventEnvelope } from '@fieldops/platform';
import type { ApiResponse, TestDatabaseEngine, TestHost } from '@fieldops/testing';
import { eventually, serviceDb, startTestHost } from '@fieldops/testing';
import { expect } from 'vitest';
import { type MerchantDb, merchantService } from '../src/index';

/**
 * The account service (logins, owners, scopes) and the merchant service on one database engine. The demo merchants
 * are removed once seeded (their seed waits for the account's reps): each test starts with no merchants.
 */
export async function startMerchantHost(database: TestDatabaseEngine): Promise<TestHost> {
  const t = await startTestHost({
    services: [accountService, merchantService],
    engines: { name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' },
    seedDemo: true,
  });
  const db = merchantDb(t);
  await eventually(async () => expect(await pendingDemoCountries(db)).toEqual([]), { timeoutMs: 50_000 });
  await db.deleteFrom('merchant_transition').execute();
  await db.deleteFrom('merchant').execute();
  return t;
}

/** The merchant service's own database, for checking what is stored (tests only). */
export const merchantDb = (t: TestHost) => serviceDb<MerchantDb>(t, 'merchant');

let made = 0;

/** A valid new merchant's body in Singapore (UEN business id); override what the test is about. */
export function aMerchant(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  made++;
  return {
    legalName: `Test Kopitiam Pte Ltd ${made}`,
    brandName: `Kopitiam ${made}`,
    category: 'cafe',
    tier: 'B',
    contacts: [{ name: 'Tan Ah Kow', role: 'owner', phone: '9123 4567' }],
    address: `${made} North Bridge Road`,
    lat: 1.2903,
    lng: 103.8519,
    businessId: '201912345K',
    ...overrides,
  };
}

/** Asserts a problem+json answer, and that it names `field` when given. */
export function expectProblem(res: ApiResponse, status: number, field?: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  if (field) expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
}

/** The events of one subject in the merchant outbox, oldest first. */
export async function outboxOf(t: TestHost, subject: string): Promise<{ type: string; data: Record<string, unknown> }[]> {
  const rows = await merchantDb(t)
    .selectFrom('outbox')
    .select(['type', 'envelope'])
    .where('subject', '=', subject)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ type: r.type, data: (JSON.parse(r.envelope) as EventEnvelope<Record<string, unknown>>).data }));
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

/**
 * Arranges the onboarding documents a merchant needs to go active, as stored (this host has no file service to upload
 * them to): one file id per kind Singapore requires.
 */
export async function withOnboardingDocuments(t: TestHost, merchantId: string): Promise<void> {
  const kinds = ['acra_bizfile', 'owner_identity_document', 'bank_statement', 'storefront_photo'];
  const files = Object.fromEntries(kinds.map((kind, i) => [kind, `0190b4c4-0000-7000-8000-00000000d0c${i}`]));
  await merchantDb(t)
    .updateTable('merchant')
    .set({ documents: JSON.stringify(Object.values(files)), onboarding_documents: JSON.stringify(files) })
    .where('id', '=', merchantId)
    .execute();
}
