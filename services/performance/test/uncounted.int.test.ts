import { databaseEngines, eventually, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aLead,
  aMerchant,
  aVisit,
  type DemoUser,
  demoUsers,
  expectProblem,
  localDate,
  startPerformanceHost,
  user,
} from './performance-fixtures';

/**
 * What a rep did that counts for nothing, and why: a flagged visit while it waits for review, a visit a reviewer
 * rejected (with the reviewer's reason), a lead captured as a possible duplicate. An approved visit counts and leaves
 * the list. Seen in the figure's scope: a rep their own, their team lead the team's, nobody else another's.
 */
const SG = 'Asia/Singapore';
const month = localDate(Date.now(), SG).slice(0, 7);

interface Uncounted {
  metric: string;
  sourceType: string;
  sourceId: string;
  href: string;
  reason: string;
  detail: string;
}

describe.each(await databaseEngines())('what did not count, on $name', (database) => {
  let t: TestHost;
  let users: Map<string, DemoUser>;
  let rep1: DemoUser;
  let rep2: DemoUser;
  let tokens: Record<string, string>;
  const visits: { waiting?: string; rejected?: string; approved?: string; honest?: string } = {};
  let duplicateLead: string;
  let firstLead: string;

  const get = (who: string, path: string) => t.api('GET', path, { token: tokens[who] });
  const uncountedOf = async (who: string, query = '') => {
    const res = await get(who, `/api/v1/performance/uncounted?period=${month}&limit=200${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items as Uncounted[];
  };

  beforeAll(async () => {
    t = await startPerformanceHost({ name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' });
    users = await demoUsers(t);
    rep1 = user(users, 'rep1.sg');
    rep2 = user(users, 'rep2.sg');
    tokens = {};
    for (const name of ['rep1.sg', 'rep2.sg', 'teamlead1.sg', 'teamlead2.sg', 'countrymanager.id']) {
      tokens[name] = await t.login(`${name}@fieldops.test`);
    }
    const rep = tokens['rep1.sg'] as string;
    const merchant = await aMerchant(t, rep);
    const at = Date.now() - 4 * 3_600_000;
    visits.waiting = (await aVisit(t, rep, merchant.id, merchant.point, at, true)).id;
    visits.rejected = (await aVisit(t, rep, merchant.id, merchant.point, at + 1_800_000, true)).id;
    visits.approved = (await aVisit(t, rep, merchant.id, merchant.point, at + 3_600_000, true)).id;
    visits.honest = (await aVisit(t, rep, merchant.id, merchant.point, at + 5_400_000, false)).id;
    for (const [id, decision, reason] of [
      [visits.rejected, 'reject', 'The photo shows another shop'],
      [visits.approved, 'approve', 'Seen on the call'],
    ] as const) {
      const res = await t.api('POST', `/api/v1/visits/${id}/review`, { token: tokens['teamlead1.sg'], body: { decision, reason } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    // The same phone nearby under another name: created, and flagged as a possible duplicate.
    const first = aLead();
    const made = await t.api('POST', '/api/v1/leads', { token: rep, body: first });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    firstLead = made.body.id;
    const twin = await t.api('POST', '/api/v1/leads', {
      token: rep,
      body: { ...aLead(), phone: first.phone, lat: first.lat, lng: first.lng, name: 'Completely Different Laundry' },
    });
    expect(twin.status, JSON.stringify(twin.body)).toBe(201);
    expect(twin.body.duplicateOf).toBe(firstLead);
    duplicateLead = twin.body.id;
    await eventually(
      async () => {
        const ids = (await uncountedOf('rep1.sg')).map((u) => u.sourceId);
        expect(ids).toEqual(expect.arrayContaining([visits.waiting, visits.rejected, duplicateLead]));
        expect(ids).not.toContain(visits.approved);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
  }, 300_000);
  afterAll(async () => t?.stop());

  it('a rep sees each thing that did not count with its reason, and nothing that did', async () => {
    const items = await uncountedOf('rep1.sg');
    const byId = new Map(items.map((u) => [u.sourceId, u]));
    expect(byId.get(visits.waiting as string)).toMatchObject({
      metric: 'verified-visits',
      sourceType: 'visit',
      href: `/api/v1/visits/${visits.waiting}`,
      reason: 'awaiting-review',
    });
    // The signals that sent it to review, in words.
    expect(byId.get(visits.waiting as string)?.detail).not.toBe('');
    expect(byId.get(visits.rejected as string)).toMatchObject({ reason: 'rejected', detail: 'The photo shows another shop' });
    // The match is not named: it may be a record the rep may not read.
    expect(byId.get(duplicateLead)).toMatchObject({ metric: 'leads-captured', sourceType: 'lead', reason: 'duplicate', detail: '' });
    for (const counted of [visits.approved, visits.honest, firstLead]) expect(byId.has(counted as string)).toBe(false);
    for (const item of items) expect(item).toMatchObject({ metric: expect.any(String), reason: expect.any(String) });
  });

  it('pages newest first, and the pages hold every item once', async () => {
    const all = await uncountedOf('rep1.sg');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get('rep1.sg', `/api/v1/performance/uncounted?period=${month}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      seen.push(...res.body.items.map((u: Uncounted) => `${u.metric}/${u.sourceId}`));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((u) => `${u.metric}/${u.sourceId}`));
    const times = (await get('rep1.sg', `/api/v1/performance/uncounted?period=${month}`)).body.items.map((u: { occurredAt: string }) =>
      Date.parse(u.occurredAt),
    );
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('a rep sees only their own: another rep or a team answers 404; their team lead sees the team, the next team lead nothing', async () => {
    for (const subject of [`user:${rep2.id}`, `org-unit:${rep1.orgUnitId}`]) {
      expectProblem(await get('rep1.sg', `/api/v1/performance/uncounted?period=${month}&subject=${subject}`), 404);
    }
    expect(await uncountedOf('rep2.sg')).not.toEqual(expect.arrayContaining([expect.objectContaining({ sourceId: visits.rejected })]));
    const team = await uncountedOf('teamlead1.sg', `&subject=org-unit:${rep1.orgUnitId}`);
    expect(team.map((u) => u.sourceId)).toEqual(expect.arrayContaining([visits.waiting, visits.rejected, duplicateLead]));
    const asLead = await uncountedOf('teamlead1.sg', `&subject=user:${rep1.id}`);
    expect(asLead.map((u) => u.sourceId)).toContain(visits.rejected);
    expectProblem(await get('teamlead2.sg', `/api/v1/performance/uncounted?period=${month}&subject=org-unit:${rep1.orgUnitId}`), 404);
    expectProblem(await get('countrymanager.id', `/api/v1/performance/uncounted?period=${month}&subject=user:${rep1.id}`), 404);
  });

  it('names the field of a bad period, subject, limit or cursor', async () => {
    expectProblem(await get('rep1.sg', '/api/v1/performance/uncounted?period=2026-13'), 400, '/query/period');
    expectProblem(await get('rep1.sg', `/api/v1/performance/uncounted?period=${month}&subject=rep1`), 400, '/query/subject');
    expectProblem(await get('rep1.sg', `/api/v1/performance/uncounted?period=${month}&limit=0`), 400, '/query/limit');
    expectProblem(await get('rep1.sg', `/api/v1/performance/uncounted?period=${month}&cursor=nope`), 400, '/query/cursor');
    expectProblem(await get('rep1.sg', '/api/v1/performance/uncounted'), 400, '/query/period');
  });
});
