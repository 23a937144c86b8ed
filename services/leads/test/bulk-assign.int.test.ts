import { accountService } from '@fieldops/account';
import { databaseEngines, MovableClock, startTestHost, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLeadsService } from '../src/index';
import { aPublicLeadRow, leadsDb } from './leads-fixtures';

const engines = await databaseEngines();

describe.each(engines)('bulk assignment on $name', (database) => {
  let t: TestHost;
  const clock = new MovableClock(Date.now());
  const as = (who: string) => t.login(`${who}@fieldops.test`);
  const idOf = async (who: string): Promise<string> => (await t.api('GET', '/api/v1/me', { token: await as(who) })).body.user.id;

  /** Public CN leads written straight to the database (arranging, not what is tested). */
  async function publicLeads(count: number, tag: string): Promise<string[]> {
    const now = clock.now();
    const rows = Array.from({ length: count }, (_, i) =>
      aPublicLeadRow(`${tag} ${i}`, { lat: 31 + i * 0.001, lng: 121, country: 'CN' }, now),
    );
    for (let start = 0; start < rows.length; start += 100)
      await leadsDb(t)
        .insertInto('lead')
        .values(rows.slice(start, start + 100))
        .execute();
    return rows.map((r) => r.id);
  }

  /** Sets how many leads reps hold (the counter the limit is enforced on). */
  async function setLoads(loads: Record<string, number>): Promise<void> {
    for (const [user_id, held] of Object.entries(loads)) {
      await leadsDb(t).deleteFrom('lead_holding').where('user_id', '=', user_id).execute();
      await leadsDb(t).insertInto('lead_holding').values({ user_id, held }).execute();
    }
  }

  const tally = (rows: { status: string; repId?: string }[]) => {
    const counts = new Map<string, number>();
    for (const row of rows) if (row.repId) counts.set(row.repId, (counts.get(row.repId) ?? 0) + 1);
    return counts;
  };

  beforeAll(async () => {
    // No demo leads (a no-op leads seed): the reps' loads are what each test sets.
    t = await startTestHost({
      services: [accountService, createLeadsService({}, async () => undefined)],
      engines: { name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' },
      seedDemo: true,
      clock,
    });
  });
  afterAll(async () => t?.stop());

  it('round-robin spreads 1,000 leads evenly over 5 reps (200 ± 1 each), each within the limit', async () => {
    const reps = await Promise.all(['rep1.cn', 'rep2.cn', 'rep3.cn', 'rep4.cn', 'rep5.cn'].map(idOf));
    await setLoads(Object.fromEntries(reps.map((r) => [r, 0])));
    const leadIds = await publicLeads(1000, 'RR');
    const res = await t.api('POST', '/api/v1/leads/assign', {
      token: await as('countrymanager.cn'),
      body: { leadIds, strategy: 'round-robin', repIds: reps },
    });
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    expect(res.body, JSON.stringify(res.body.rows.filter((r: { status: string }) => r.status === 'skipped'))).toMatchObject({
      assigned: 1000,
      skipped: 0,
    });
    for (const rep of reps) expect(Math.abs((tally(res.body.rows).get(rep) ?? 0) - 200)).toBeLessThanOrEqual(1);
    const owners = await leadsDb(t).selectFrom('lead').select('owner_id').where('name', 'like', 'RR %').execute();
    expect(new Set(owners.map((o) => o.owner_id))).toEqual(new Set(reps));
  }, 120_000);

  it('least-loaded evens out unequal starting loads; a rep at the limit is skipped for the next', async () => {
    const reps = await Promise.all(['rep6.cn', 'rep7.cn', 'rep8.cn', 'rep9.cn'].map(idOf));
    const [a = '', b = '', c = '', d = ''] = reps;
    await setLoads({ [a]: 0, [b]: 40, [c]: 80, [d]: 199 });
    const leadIds = await publicLeads(241, 'LL');
    const res = await t.api('POST', '/api/v1/leads/assign', {
      token: await as('countrymanager.cn'),
      body: { leadIds, strategy: 'least-loaded', repIds: reps },
    });
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    expect(res.body).toMatchObject({ assigned: 241, skipped: 0 });
    const got = tally(res.body.rows);
    // 0+40+80 + 241 = 361 over a, b, c: they end at 120 or 121 each; d (199) is never the least loaded.
    const ends = [(got.get(a) ?? 0) + 0, (got.get(b) ?? 0) + 40, (got.get(c) ?? 0) + 80];
    for (const end of ends) expect(end === 120 || end === 121, String(ends)).toBe(true);
    expect(got.get(d) ?? 0).toBe(0);
  }, 120_000);

  it('when every rep is at the limit the leads are skipped with the reason; round-robin and least-loaded need repIds', async () => {
    const rep = await idOf('rep10.cn');
    await setLoads({ [rep]: 200 });
    const [leadId = ''] = await publicLeads(1, 'FULL');
    const token = await as('countrymanager.cn');
    const res = await t.api('POST', '/api/v1/leads/assign', { token, body: { leadIds: [leadId], strategy: 'round-robin', repIds: [rep] } });
    expect(res.body).toMatchObject({ assigned: 0, skipped: 1, rows: [{ leadId, status: 'skipped' }] });
    expect(res.body.rows[0].reasons.join(' ')).toMatch(/the most allowed \(200\)/);
    expect((await t.api('POST', '/api/v1/leads/assign', { token, body: { leadIds: [leadId], strategy: 'least-loaded' } })).status).toBe(
      422,
    );
    expect(
      (await t.api('POST', '/api/v1/leads/assign', { token: await as('rep1.cn'), body: { leadIds: [leadId], strategy: 'area' } })).status,
    ).toBe(403);
  });
});
