import { areaService } from '@fieldops/area';
import { databaseEngines, eventually, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aLead, type DemoUser, demoUsers, localDate, performanceDb, startPerformanceHost, user } from './performance-fixtures';

/**
 * Boards by area and by agency, each within the caller's scope, and a rep who changes team mid-month: each team's
 * board counts them for what they did while in it.
 */
const month = localDate(Date.now(), 'Asia/Singapore').slice(0, 7);

interface Row {
  rank: number;
  userId: string;
  value: number;
}

describe.each(await databaseEngines())('performance boards on $name', (database) => {
  let t: TestHost;
  let users: Map<string, DemoUser>;
  const tokens: Record<string, string> = {};

  const board = async (who: string, query: string) => {
    const res = await t.api('GET', `/api/v1/performance/leaderboard?metric=leads-captured&period=${month}&limit=500${query}`, {
      token: tokens[who],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items as Row[];
  };
  const creditOn = (rows: Row[], userId: string) => rows.find((r) => r.userId === userId)?.value ?? 0;
  const capture = async (who: string) => {
    const res = await t.api('POST', '/api/v1/leads', { token: tokens[who], body: aLead() });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; areaId: string | null };
  };

  beforeAll(async () => {
    t = await startPerformanceHost({ name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' }, undefined, [areaService]);
    users = await demoUsers(t);
    for (const name of ['admin', 'rep3.sg', 'agencyrep1.sg', 'agencymanager.sg', 'countrymanager.sg', 'countrymanager.id']) {
      tokens[name] = await t.login(`${name}@fieldops.test`);
    }
  }, 300_000);
  afterAll(async () => t?.stop());

  /** The rep's credit for captured leads this month as the facts table holds it, where `column` is `value`. */
  const recount = async (userId: string, column: 'area_id' | 'agency_id' | 'org_unit_id', value: string) => {
    const rows = await performanceDb(t)
      .selectFrom('performance_fact')
      .select('credit')
      .where('metric', '=', 'leads-captured')
      .where('month', '=', month)
      .where('user_id', '=', userId)
      .where(column, '=', value)
      .execute();
    return rows.reduce((sum, r) => sum + Number(r.credit), 0);
  };
  /** The facts credited for these leads, once each has one. */
  const factsOf = (leadIds: string[]) =>
    eventually(async () => {
      const facts = await performanceDb(t).selectFrom('performance_fact').selectAll().where('source_id', 'in', leadIds).execute();
      expect(facts.map((f) => f.source_id).sort()).toEqual([...leadIds].sort());
      return facts;
    });

  it('an area’s board ranks what was credited in that area; a manager of another country sees no one on it', async () => {
    const rep = user(users, 'rep3.sg');
    // The demo areas cover central Singapore once the area service's seed is in: until then a lead has no area.
    const first = await eventually(async () => {
      const lead = await capture('rep3.sg');
      expect(lead.areaId).not.toBeNull();
      return lead;
    });
    const leads = [first, await capture('rep3.sg')];
    const areaId = first.areaId ?? '';
    for (const fact of await factsOf(leads.map((l) => l.id))) {
      expect(fact.area_id).toBe(leads.find((l) => l.id === fact.source_id)?.areaId);
    }
    // The demo's own events may still be arriving: the board agrees with the facts once they have.
    const rows = await eventually(async () => {
      const found = await board('countrymanager.sg', `&areaId=${areaId}`);
      expect(creditOn(found, rep.id)).toBe(await recount(rep.id, 'area_id', areaId));
      expect(await board('admin', `&areaId=${areaId}`)).toEqual(found);
      return found;
    });
    expect(creditOn(rows, rep.id)).toBeGreaterThanOrEqual(leads.filter((l) => l.areaId === areaId).length);
    for (const row of rows) expect(await recount(row.userId, 'area_id', areaId)).toBeGreaterThan(0);
    expect(await board('countrymanager.id', `&areaId=${areaId}`)).toEqual([]);
  });

  it('an agency’s board ranks its people only; its manager sees the same board; another country’s manager sees no one', async () => {
    const agencyRep = user(users, 'agencyrep1.sg');
    const me = await t.api('GET', '/api/v1/me', { token: tokens['agencyrep1.sg'] });
    const agencyId: string = me.body.user.agencyId;
    expect(agencyId).toBeTruthy();
    const lead = await capture('agencyrep1.sg');
    expect((await factsOf([lead.id]))[0]?.agency_id).toBe(agencyId);
    const rows = await eventually(async () => {
      const found = await board('countrymanager.sg', `&agencyId=${agencyId}`);
      expect(creditOn(found, agencyRep.id)).toBe(await recount(agencyRep.id, 'agency_id', agencyId));
      expect(await board('agencymanager.sg', `&agencyId=${agencyId}`)).toEqual(found);
      return found;
    });
    expect(creditOn(rows, agencyRep.id)).toBeGreaterThanOrEqual(1);
    const agencyPeople = new Set([...users.values()].filter((u) => u.email.startsWith('agency') && u.country === 'SG').map((u) => u.id));
    for (const row of rows) expect(agencyPeople.has(row.userId)).toBe(true);
    expect(await board('countrymanager.id', `&agencyId=${agencyId}`)).toEqual([]);
  });

  it('a rep moved to another team mid-month counts on each team’s board for what they did in it', async () => {
    const rep = user(users, 'rep3.sg');
    const oldTeam = rep.orgUnitId;
    const newTeam = user(users, 'rep6.sg').orgUnitId;
    expect(newTeam).not.toBe(oldTeam);
    const before = await capture('rep3.sg');
    expect((await factsOf([before.id]))[0]?.org_unit_id).toBe(oldTeam);

    const moved = await t.api('PATCH', `/api/v1/users/${rep.id}`, { token: tokens.admin, body: { orgUnitId: newTeam } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    // The next token carries the new team, and so does what the rep captures with it.
    tokens['rep3.sg'] = await t.login('rep3.sg@fieldops.test');
    const after = [await capture('rep3.sg'), await capture('rep3.sg')];
    for (const fact of await factsOf(after.map((l) => l.id))) expect(fact.org_unit_id).toBe(newTeam);

    await eventually(async () => {
      const onNew = creditOn(await board('admin', `&orgUnitId=${newTeam}`), rep.id);
      const onOld = creditOn(await board('admin', `&orgUnitId=${oldTeam}`), rep.id);
      const overall = creditOn(await board('admin', ''), rep.id);
      // Only what was captured after the move is the new team's; the old team keeps what came before.
      expect(onNew).toBe(2);
      expect(onNew).toBe(await recount(rep.id, 'org_unit_id', newTeam));
      expect(onOld).toBe(await recount(rep.id, 'org_unit_id', oldTeam));
      expect(onOld).toBeGreaterThanOrEqual(1);
      expect(overall).toBe(onOld + onNew);
    });
  });
});
