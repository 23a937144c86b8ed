import { accountService } from '@fieldops/account';
import { areaService } from '@fieldops/area';
import { checkinService } from '@fieldops/checkin';
import { merchantService } from '@fieldops/merchant';
import { performanceService } from '@fieldops/performance';
import type { EventEnvelope, ServiceDefinition } from '@fieldops/platform';
import { placeGeneratorService } from '@fieldops/poi';
import { searchService } from '@fieldops/search';
import type { ApiResponse, MovableClock, TestDatabaseEngine, TestHost } from '@fieldops/testing';
import { eventually, serviceDb, startTestHost } from '@fieldops/testing';
import { expect } from 'vitest';
import type { MarketingDb } from '../src/db/schema';
import { marketingService } from '../src/index';

/**
 * The services a campaign reads through (account for logins and owners, area for polygons, merchant for contacts,
 * search for segments, performance for figures, checkin for visits) and the marketing service, with the demo
 * organisation and its demo merchants.
 */
export function startMarketingHost(
  database: TestDatabaseEngine,
  options: { clock?: MovableClock; others?: ServiceDefinition[]; env?: Record<string, string> } = {},
): Promise<TestHost> {
  return startTestHost({
    services: [
      accountService,
      areaService,
      // The poi service without its thousands of demo places: campaigns need merchants, not places.
      placeGeneratorService(0, { seed: 1 }),
      merchantService,
      checkinService,
      performanceService,
      searchService,
      ...(options.others ?? []),
      marketingService,
    ],
    engines: { name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' },
    seedDemo: true,
    clock: options.clock,
    env: options.env,
  });
}

export const marketingDb = (t: TestHost) => serviceDb<MarketingDb>(t, 'marketing');

/** Asserts a problem+json answer, and that it names `field` when given. */
export function expectProblem(res: ApiResponse, status: number, field?: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  if (field) expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
}

/** Points in five Singapore planning areas: the city's bakeries are spread over them. */
const DISTRICTS = [
  { lat: 1.3691, lng: 103.8454 },
  { lat: 1.3236, lng: 103.9273 },
  { lat: 1.3404, lng: 103.709 },
  { lat: 1.3496, lng: 103.9568 },
  { lat: 1.3048, lng: 103.8318 },
];

export interface Bakery {
  id: string;
  email: string;
  ownerEmail: string;
}

let made = 0;

/**
 * Bakeries of Singapore (a category the demo merchants do not use, so a segment of bakeries is exactly these),
 * owned by the reps who create them, across five districts and three tiers, each with a contact email.
 */
export async function bakeries(t: TestHost, count: number, reps = ['rep1.sg', 'rep2.sg', 'rep3.sg']): Promise<Bakery[]> {
  const tokens = new Map<string, string>();
  for (const rep of reps) tokens.set(rep, await t.login(`${rep}@fieldops.test`));
  const made_: Bakery[] = [];
  for (let i = 0; i < count; i++) {
    made++;
    const rep = reps[i % reps.length] ?? 'rep1.sg';
    const at = DISTRICTS[i % DISTRICTS.length] ?? { lat: 1.3, lng: 103.8 };
    const email = `owner${made}@bakery.test`;
    const res = await t.api('POST', '/api/v1/merchants', {
      token: tokens.get(rep),
      body: {
        legalName: `Roti Bakery ${made} Pte Ltd`,
        brandName: `Roti ${made}`,
        category: 'bakery',
        tier: ['A', 'B', 'C'][i % 3],
        contacts: [{ name: `Owner ${made}`, role: 'owner', phone: '9123 4567', email }],
        address: `${made} Bakery Lane`,
        lat: at.lat + (i % 7) * 0.001,
        lng: at.lng + (i % 5) * 0.001,
        businessId: '201912345K',
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    made_.push({ id: res.body.id, email, ownerEmail: `${rep}@fieldops.test` });
  }
  return made_;
}

/** Waits until search holds `count` bakeries for `token` (the read model catches up from events). */
export async function bakeriesSearchable(t: TestHost, token: string, count: number): Promise<void> {
  await eventually(
    async () => {
      const res = await t.api('POST', '/api/v1/campaigns/segment-preview', { token, body: { filters: { categories: ['bakery'] } } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.count).toBe(count);
    },
    { timeoutMs: 30_000 },
  );
}

/** A valid campaign body: a subsidy for Singapore bakeries; override what the test is about. */
export function aCampaign(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Breakfast subsidy',
    type: 'subsidy',
    startsAt: '2026-01-05T00:00:00Z',
    endsAt: '2026-03-31T00:00:00Z',
    budgetMinor: 1_000_000,
    costMinor: 10_000,
    cap: 100,
    terms: {
      en: 'We pay S$100 towards your breakfast menu.',
      'zh-CN': '我们为您的早餐菜单补贴100新元。',
      'pt-BR': 'Pagamos S$100.',
      id: 'Kami membayar S$100.',
    },
    talkingPoints: 'Ask about their breakfast menu.',
    filters: { categories: ['bakery'] },
    ...overrides,
  };
}

/** Creates, schedules and launches a campaign; answers the launch report. */
export async function launched(t: TestHost, token: string, campaign: Record<string, unknown>, holdoutShare = 0.1) {
  const created = await t.api('POST', '/api/v1/campaigns', { token, body: campaign });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const scheduled = await t.api('POST', `/api/v1/campaigns/${created.body.id}/transitions`, { token, body: { to: 'scheduled' } });
  expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(200);
  const launch = await t.api('POST', `/api/v1/campaigns/${created.body.id}/launch`, { token, body: { holdoutShare } });
  expect(launch.status, JSON.stringify(launch.body)).toBe(200);
  return launch.body as { campaign: { id: string }; members: number; treated: number; heldOut: number };
}

/** The events of the marketing outbox of one type, oldest first. */
export async function outboxOf(t: TestHost, type: string): Promise<Record<string, unknown>[]> {
  const rows = await marketingDb(t).selectFrom('outbox').select(['envelope']).where('type', '=', type).orderBy('seq').execute();
  return rows.map((r) => (JSON.parse(r.envelope) as EventEnvelope<Record<string, unknown>>).data);
}

/** The id of the item named `name` in a list the admin reads (`/api/v1/roles`, `/api/v1/org-units`). */
export async function idNamed(t: TestHost, admin: string, route: string, name: string): Promise<string> {
  const res = await t.api('GET', `${route}?limit=200`, { token: admin });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const found = (res.body.items as { id: string; name: string }[]).find((item) => item.name === name);
  if (!found) throw new Error(`${name} is not at ${route}`);
  return found.id;
}

/** Changes a demo user through the account API as the admin: their team, roles or status. */
export async function changeUser(t: TestHost, admin: string, email: string, changes: Record<string, unknown>): Promise<void> {
  const users = await t.api('GET', `/api/v1/users?q=${encodeURIComponent(email)}`, { token: admin });
  const user = (users.body.items as { id: string; email: string }[]).find((u) => u.email === email);
  if (!user) throw new Error(`no user ${email}`);
  const read = await t.api('GET', `/api/v1/users/${user.id}`, { token: admin });
  const changed = await t.api('PATCH', `/api/v1/users/${user.id}`, {
    token: admin,
    body: changes,
    headers: { 'if-match': read.headers.get('etag') ?? '' },
  });
  expect(changed.status, JSON.stringify(changed.body)).toBe(200);
}
