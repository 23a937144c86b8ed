import { databaseEngines, eventually, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aLead,
  type DemoUser,
  demoSeedCounted,
  demoUsers,
  expectProblem,
  localDate,
  startPerformanceHost,
  user,
} from './performance-fixtures';

/**
 * Who sees which figures: a rep their own and their team's board; a team lead their team; a country manager their
 * country; nobody another country's, not even through a total. Targets are set only within one's scope.
 */
const month = localDate(Date.now(), 'Asia/Singapore').slice(0, 7);

describe.each(await databaseEngines())('performance scope on $name', (database) => {
  let t: TestHost;
  let users: Map<string, DemoUser>;
  let tokens: Record<string, string>;
  let rep1: DemoUser;
  let rep2: DemoUser;
  let rep6: DemoUser;
  let repId: DemoUser;
  let team1: string;
  let team2: string;
  let rootSg: string;
  let rootId: string;

  const get = (who: string, path: string) => t.api('GET', path, { token: tokens[who] });
  const figure = async (who: string, subject: string, metric = 'leads-captured') => {
    const res = await get(who, `/api/v1/performance/figures?metric=${metric}&period=${month}&subject=${subject}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items[0].value as number;
  };
  const board = async (who: string, query = '') => {
    const res = await get(who, `/api/v1/performance/leaderboard?metric=leads-captured&period=${month}${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items as { rank: number; userId: string; value: number }[];
  };
  const idsIn = (unit: string) => new Set([...users.values()].filter((u) => u.orgUnitId === unit).map((u) => u.id));

  beforeAll(async () => {
    t = await startPerformanceHost({ name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' });
    users = await demoUsers(t);
    tokens = {};
    for (const name of ['admin', 'rep1.sg', 'rep6.sg', 'teamlead1.sg', 'countrymanager.sg', 'countrymanager.id']) {
      tokens[name] = await t.login(`${name}@fieldops.test`);
    }
    rep1 = user(users, 'rep1.sg');
    rep2 = user(users, 'rep2.sg');
    rep6 = user(users, 'rep6.sg');
    repId = user(users, 'rep1.id');
    team1 = rep1.orgUnitId;
    team2 = rep6.orgUnitId;
    rootSg = user(users, 'countrymanager.sg').orgUnitId;
    rootId = user(users, 'countrymanager.id').orgUnitId;
    // Every SG rep of both teams captures leads, rep1 most; the demo data adds its own in every country.
    for (const [name, count] of [
      ['rep1.sg', 3],
      ['rep6.sg', 1],
    ] as const) {
      for (let i = 0; i < count; i++)
        expect((await t.api('POST', '/api/v1/leads', { token: tokens[name], body: aLead() })).status).toBe(201);
    }
    await eventually(
      async () => {
        expect(await figure('admin', `user:${rep1.id}`)).toBeGreaterThanOrEqual(3);
        expect(await figure('admin', `user:${rep6.id}`)).toBeGreaterThanOrEqual(1);
        expect(await figure('admin', `org-unit:${rootId}`)).toBeGreaterThan(0);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    // The tests compare figures read one after another, so no lead may still be on its way.
    await demoSeedCounted(t);
  }, 300_000);
  afterAll(async () => t?.stop());

  it('a rep sees their own figures, no one else’s', async () => {
    const mine = await get('rep1.sg', `/api/v1/performance/figures?period=${month}`);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((f: { metric: string }) => f.metric)).toEqual([
      'verified-visits',
      'leads-captured',
      'leads-converted',
      'merchants-activated',
      'merchants-retained',
      'merchant-orders',
      'merchant-gmv',
      'campaign-enrollments',
      'tickets-resolved-in-sla',
    ]);
    expect(mine.body.items[1]).toMatchObject({ subject: `user:${rep1.id}`, value: await figure('admin', `user:${rep1.id}`) });
    for (const subject of [`user:${rep2.id}`, `org-unit:${team1}`, `user:${repId.id}`]) {
      expectProblem(await get('rep1.sg', `/api/v1/performance/figures?period=${month}&subject=${subject}`), 404);
      expectProblem(
        await get('rep1.sg', `/api/v1/performance/figures/explain?metric=leads-captured&period=${month}&subject=${subject}`),
        404,
      );
    }
  });

  it('a rep sees their own team’s leaderboard, not another team’s', async () => {
    const rows = await board('rep1.sg');
    const team = idsIn(team1);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(team.has(row.userId)).toBe(true);
    expect(rows.find((r) => r.userId === rep1.id)?.value).toBe(await figure('admin', `user:${rep1.id}`));
    expect(await board('rep1.sg', `&orgUnitId=${team1}`)).toEqual(rows);
    expectProblem(await get('rep1.sg', `/api/v1/performance/leaderboard?metric=leads-captured&period=${month}&orgUnitId=${team2}`), 404);
  });

  it('ranks from the top, equal values sharing a rank', async () => {
    const rows = await board('admin', `&orgUnitId=${rootSg}&limit=500`);
    for (const [i, row] of rows.entries()) {
      const previous = rows[i - 1];
      if (!previous) {
        expect(row.rank).toBe(1);
        continue;
      }
      expect(row.value).toBeLessThanOrEqual(previous.value);
      expect(row.rank).toBe(row.value === previous.value ? previous.rank : i + 1);
    }
  });

  it('a team lead sees their team and its reps, not the next team', async () => {
    expect(await figure('teamlead1.sg', `user:${rep1.id}`)).toBe(await figure('admin', `user:${rep1.id}`));
    expect(await figure('teamlead1.sg', `org-unit:${team1}`)).toBe(await figure('admin', `org-unit:${team1}`));
    expectProblem(await get('teamlead1.sg', `/api/v1/performance/figures?period=${month}&subject=user:${rep6.id}`), 404);
    expectProblem(await get('teamlead1.sg', `/api/v1/performance/figures?period=${month}&subject=org-unit:${team2}`), 404);
    expectProblem(
      await get('teamlead1.sg', `/api/v1/performance/leaderboard?metric=leads-captured&period=${month}&orgUnitId=${team2}`),
      404,
    );
    const team = idsIn(team1);
    for (const row of await board('teamlead1.sg')) expect(team.has(row.userId)).toBe(true);
  });

  it('a country manager sees their country, and another country’s totals not at all', async () => {
    const sgTotal = await figure('countrymanager.sg', `org-unit:${rootSg}`);
    expect(sgTotal).toBe(await figure('admin', `org-unit:${rootSg}`));
    expect(await figure('countrymanager.sg', `user:${rep6.id}`)).toBe(await figure('admin', `user:${rep6.id}`));
    // The admin sees Indonesia's leads, so an answer of 0 below would be a leak hidden, not an empty country.
    expect(await figure('admin', `org-unit:${rootId}`)).toBeGreaterThan(0);
    for (const path of [
      `/api/v1/performance/figures?period=${month}&subject=org-unit:${rootId}`,
      `/api/v1/performance/figures?period=${month}&subject=user:${repId.id}`,
      `/api/v1/performance/figures/explain?metric=leads-captured&period=${month}&subject=org-unit:${rootId}`,
      `/api/v1/performance/leaderboard?metric=leads-captured&period=${month}&orgUnitId=${rootId}`,
    ]) {
      expectProblem(await get('countrymanager.sg', path), 404);
    }
    const sgUsers = new Set([...users.values()].filter((u) => u.country === 'SG').map((u) => u.id));
    const rows = await board('countrymanager.sg', '&limit=500');
    for (const row of rows) expect(sgUsers.has(row.userId)).toBe(true);
    expect(rows.reduce((sum, r) => sum + r.value, 0)).toBe(sgTotal);
  });

  it('names the field of a bad period, subject or metric', async () => {
    for (const period of ['2026-13', '2026-W54', '2026-02-30', 'december']) {
      expectProblem(await get('rep1.sg', `/api/v1/performance/figures?period=${period}`), 400, '/query/period');
      expectProblem(await get('rep1.sg', `/api/v1/performance/leaderboard?metric=leads-captured&period=${period}`), 400, '/query/period');
    }
    expectProblem(await get('rep1.sg', `/api/v1/performance/figures?period=${month}&subject=team:${team1}`), 400, '/query/subject');
    expectProblem(await get('rep1.sg', `/api/v1/performance/figures?period=${month}&metric=visits-faked`), 400, '/query/metric');
    expectProblem(
      await get('rep1.sg', `/api/v1/performance/figures/explain?metric=leads-captured&period=${month}&subject=user:${rep1.id}&cursor=nope`),
      400,
      '/query/cursor',
    );
  });

  it('a team lead sets their team’s target, cascaded evenly to its reps in whole units', async () => {
    const reps = [...users.values()].filter((u) => u.orgUnitId === team1 && /^rep\d+\.sg@/.test(u.email)).map((u) => u.id);
    expect(reps).toHaveLength(5);
    const put = await t.api('PUT', '/api/v1/performance/targets', {
      token: tokens['teamlead1.sg'],
      body: {
        metric: 'leads-captured',
        period: month,
        subject: `org-unit:${team1}`,
        value: 12,
        cascade: { reps: reps.map((userId) => ({ userId })) },
      },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const shares = put.body.items.slice(1).map((i: { value: number }) => i.value);
    expect(shares).toEqual([3, 3, 2, 2, 2]);
    const mine = (await get('rep1.sg', `/api/v1/performance/figures?metric=leads-captured&period=${month}`)).body.items[0];
    const share = put.body.items.find((i: { subject: string }) => i.subject === `user:${rep1.id}`).value;
    expect(mine).toMatchObject({ target: share, attainment: mine.value / share });
  });

  it('a target outside one’s scope is refused, naming the field', async () => {
    const body = { metric: 'leads-captured', period: month, value: 10 };
    const put = (who: string, extra: Record<string, unknown>) =>
      t.api('PUT', '/api/v1/performance/targets', { token: tokens[who], body: { ...body, ...extra } });
    expectProblem(await put('teamlead1.sg', { subject: `org-unit:${team2}` }), 422, '/body/subject');
    expectProblem(await put('teamlead1.sg', { subject: `user:${rep6.id}` }), 422, '/body/subject');
    expectProblem(await put('countrymanager.sg', { subject: `org-unit:${rootId}` }), 422, '/body/subject');
    expectProblem(
      await put('teamlead1.sg', { subject: `org-unit:${team1}`, cascade: { reps: [{ userId: rep1.id }, { userId: rep6.id }] } }),
      422,
      '/body/cascade/reps/1/userId',
    );
    expectProblem(
      await put('teamlead1.sg', { subject: `user:${rep1.id}`, cascade: { reps: [{ userId: rep1.id }] } }),
      422,
      '/body/cascade',
    );
    expectProblem(await put('teamlead1.sg', { subject: `org-unit:${team1}`, period: '2026-Q5' }), 400, '/body/period');
    expectProblem(await put('rep1.sg', { subject: `user:${rep1.id}` }), 403);
    // Nothing of the refused writes was kept.
    const rep6Target = (await get('admin', `/api/v1/performance/figures?metric=leads-captured&period=${month}&subject=user:${rep6.id}`))
      .body.items[0];
    expect(rep6Target.target).toBeUndefined();
  });

  it('a preview answers what setting the targets stores, weighted, and stores nothing', async () => {
    const reps = [...users.values()].filter((u) => u.orgUnitId === team1 && /^rep\d+\.sg@/.test(u.email));
    const body = {
      metric: 'leads-converted',
      period: month,
      subject: `org-unit:${team1}`,
      value: 20,
      cascade: { reps: reps.map((u, i) => ({ userId: u.id, weight: i + 1 })) },
    };
    const preview = await t.api('POST', '/api/v1/performance/targets/preview', { token: tokens['teamlead1.sg'], body });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    // 20 by weights 1..5 (of 15): 1.33, 2.67, 4, 5.33, 6.67 → whole parts, the two units left to the largest remainders.
    expect(preview.body.items.map((i: { value: number }) => i.value)).toEqual([20, 1, 3, 4, 5, 7]);
    expect(preview.body.items.slice(1).map((i: { name?: string }) => i.name)).toEqual(reps.map((u) => u.name));
    const stored = async (subject: string) =>
      (await get('admin', `/api/v1/performance/figures?metric=leads-converted&period=${month}&subject=${subject}`)).body.items[0].target as
        | number
        | undefined;
    expect(await stored(`org-unit:${team1}`)).toBeUndefined();
    expect(await stored(`user:${reps[4]?.id}`)).toBeUndefined();

    const put = await t.api('PUT', '/api/v1/performance/targets', { token: tokens['teamlead1.sg'], body });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(preview.body.items.map(({ name: _name, ...item }: { name?: string }) => item)).toEqual(put.body.items);
    expect(await stored(`org-unit:${team1}`)).toBe(20);
    expect(await stored(`user:${reps[4]?.id}`)).toBe(7);
  });

  it('a preview is refused as setting is: out of scope, bad values and reps naming the field', async () => {
    const body = { metric: 'leads-captured', period: month, value: 10 };
    const preview = (who: string, extra: Record<string, unknown>) =>
      t.api('POST', '/api/v1/performance/targets/preview', { token: tokens[who], body: { ...body, ...extra } });
    expectProblem(await preview('teamlead1.sg', { subject: `org-unit:${team2}` }), 422, '/body/subject');
    expectProblem(await preview('countrymanager.sg', { subject: `org-unit:${rootId}` }), 422, '/body/subject');
    expectProblem(
      await preview('teamlead1.sg', { subject: `org-unit:${team1}`, cascade: { reps: [{ userId: rep1.id }, { userId: rep6.id }] } }),
      422,
      '/body/cascade/reps/1/userId',
    );
    expectProblem(await preview('teamlead1.sg', { subject: `org-unit:${team1}`, value: -1 }), 400, '/body/value');
    expectProblem(
      await preview('teamlead1.sg', { subject: `org-unit:${team1}`, cascade: { reps: [{ userId: rep1.id, weight: 0 }] } }),
      400,
      '/body/cascade/reps/0/weight',
    );
    expectProblem(await preview('teamlead1.sg', { subject: `org-unit:${team1}`, period: '2026-Q5' }), 400, '/body/period');
    expectProblem(await preview('rep1.sg', { subject: `user:${rep1.id}` }), 403);
  });
});
