import { databaseEngines, eventually } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AreaTestHost,
  anArea,
  areaOutbox,
  aTerritory,
  expectProblem,
  polygon,
  square,
  startAreaHost,
  userIdOf,
} from './area-fixtures';

const engines = await databaseEngines();
const DAY = 24 * 60 * 60 * 1000;

describe.each(engines)('assignments and coverage on $name', (database) => {
  let t: AreaTestHost;
  let admin: string;
  beforeAll(async () => {
    t = await startAreaHost(database);
    admin = await t.login('admin@fieldops.test');
  });
  afterAll(async () => t?.stop());

  const assign = (areaId: string, body: Record<string, unknown>, token = admin) =>
    t.api('POST', `/api/v1/areas/${areaId}/assignments`, { token, body });
  const covering = async (lng: number, lat: number, at?: number) => {
    const query = `lat=${lat}&lng=${lng}${at === undefined ? '' : `&at=${new Date(at).toISOString()}`}`;
    const res = await t.api('GET', `/api/v1/areas/covering?${query}`, { token: admin });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const emails = (list: { user: { email: string } | null }[]) => list.map((c) => c.user?.email);

  it('answers who covers a point now: primary, backups and managers of the area and its ancestors', async () => {
    const { city, west } = await aTerritory(t, admin, 70);
    const [rep1, rep2, lead] = await Promise.all(
      ['rep1.sg@fieldops.test', 'rep2.sg@fieldops.test', 'teamlead1.sg@fieldops.test'].map((e) => userIdOf(t, admin, e)),
    );
    const primary = await assign(west.id, { userId: rep1, role: 'primary' });
    expect(primary.status, JSON.stringify(primary.body)).toBe(201);
    expect(primary.body).toMatchObject({
      areaId: west.id,
      userId: rep1,
      role: 'primary',
      effectiveTo: null,
      user: { email: 'rep1.sg@fieldops.test' },
    });
    expect((await assign(west.id, { userId: rep2, role: 'backup' })).status).toBe(201);
    expect((await assign(city.id, { userId: lead, role: 'manager' })).status).toBe(201);
    const answer = await covering(70.5, 10.5);
    expect(answer.areaId).toBe(west.id);
    expect(emails(answer.primary)).toEqual(['rep1.sg@fieldops.test']);
    expect(emails(answer.backups)).toEqual(['rep2.sg@fieldops.test']);
    expect(answer.managers).toMatchObject([{ areaId: city.id, user: { email: 'teamlead1.sg@fieldops.test' } }]);
    expect((await areaOutbox(t, primary.body.id)).map((e) => e.type)).toEqual(['area.assignment.created.v1']);
  });

  it('refuses a second primary at the same time, a user from another country and one the caller cannot see', async () => {
    const { east } = await aTerritory(t, admin, 80);
    const [rep3, rep4, idRep] = await Promise.all(
      ['rep3.sg@fieldops.test', 'rep4.sg@fieldops.test', 'rep1.id@fieldops.test'].map((e) => userIdOf(t, admin, e)),
    );
    expect((await assign(east.id, { userId: rep3, role: 'primary' })).status).toBe(201);
    expectProblem(await assign(east.id, { userId: rep4, role: 'primary' }), 409);
    expectProblem(await assign(east.id, { userId: rep3, role: 'backup' }), 409);
    expectProblem(await assign(east.id, { userId: idRep, role: 'backup' }), 422, '/body/userId');
    expectProblem(await assign(east.id, { userId: '01900000-0000-7000-8000-000000000000', role: 'backup' }), 422, '/body/userId');
    expectProblem(await assign(east.id, { userId: rep4, role: 'backup', effectiveFrom: '2026-02-30' }), 422, '/body/effectiveFrom');
  });

  it('counts effective dates: a future assignment covers only once it starts, an ended one no longer', async () => {
    const { west } = await aTerritory(t, admin, 90);
    const rep5 = await userIdOf(t, admin, 'rep5.sg@fieldops.test');
    const now = t.clock.now();
    const start = new Date(now + 2 * DAY).toISOString().slice(0, 10);
    const end = new Date(now + 5 * DAY).toISOString().slice(0, 10);
    const res = await assign(west.id, { userId: rep5, role: 'primary', effectiveFrom: start, effectiveTo: end });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // Singapore's day starts at 16:00 UTC the day before.
    expect(res.body.effectiveFrom).toBe(new Date(Date.parse(`${start}T00:00:00+08:00`)).toISOString());
    expect((await covering(90.5, 10.5)).primary).toEqual([]);
    expect(emails((await covering(90.5, 10.5, now + 3 * DAY)).primary)).toEqual(['rep5.sg@fieldops.test']);
    expect((await covering(90.5, 10.5, now + 6 * DAY)).primary).toEqual([]);
    const listed = await t.api('GET', `/api/v1/areas/${west.id}/assignments`, { token: admin });
    expect(listed.body.items.map((a: { userId: string }) => a.userId)).toEqual([rep5]);
  });

  it('publishes coverage to the account service: GET /me shows the covered areas and their descendants', async () => {
    const { city, west, east } = await aTerritory(t, admin, 100);
    const leadEmail = 'teamlead2.sg@fieldops.test';
    const lead = await userIdOf(t, admin, leadEmail);
    const token = await t.login(leadEmail);
    const areaIdsOf = async () => (await t.api('GET', '/api/v1/me', { token })).body.scope.areaIds as string[];
    const before = await areaIdsOf();
    const assignment = await assign(city.id, { userId: lead, role: 'manager' });
    expect(assignment.status).toBe(201);
    await eventually(async () =>
      // The demo's own coverage may still be arriving (eight countries): the new areas are among what was added.
      expect((await areaIdsOf()).filter((id) => !before.includes(id))).toEqual(expect.arrayContaining([city.id, west.id, east.id])),
    );
    // The lead now sees the territory they cover (team scope: org subtree + covered areas).
    expect((await t.api('GET', `/api/v1/areas/${west.id}`, { token })).status).toBe(200);
    // A new area under a covered one is covered too.
    const grid = await anArea(t, admin, { kind: 'grid', parentId: west.id, geometry: polygon(square(100.2, 10.2, 0.2)) });
    await eventually(async () => expect(await areaIdsOf()).toContain(grid.id));
    const events = await areaOutbox(t, lead);
    expect(events.at(-1)).toMatchObject({ type: 'area.coverage.changed.v1', data: { userId: lead } });
    expect((await t.api('DELETE', `/api/v1/areas/${city.id}/assignments/${assignment.body.id}`, { token: admin })).status).toBe(204);
    await eventually(async () => expect((await areaIdsOf()).filter((id) => [city.id, west.id, east.id, grid.id].includes(id))).toEqual([]));
    expectProblem(await t.api('GET', `/api/v1/areas/${west.id}`, { token }), 404);
    const ended = await t.api('GET', `/api/v1/areas/${city.id}/assignments?includeEnded=true`, { token: admin });
    expect(ended.body.items[0].endedAt).not.toBeNull();
  });

  it('a scheduled check publishes coverage when an effective date passes', async () => {
    const { east } = await aTerritory(t, admin, 110);
    const email = 'rep7.sg@fieldops.test';
    const rep = await userIdOf(t, admin, email);
    const startsAt = t.clock.now() + DAY;
    const res = await assign(east.id, { userId: rep, role: 'backup', effectiveFrom: new Date(startsAt).toISOString() });
    expect(res.status).toBe(201);
    const coverageEvents = async () => (await areaOutbox(t, rep)).filter((e) => e.type === 'area.coverage.changed.v1');
    const before = (await coverageEvents()).length;
    expect((await coverageEvents()).at(-1)?.data.areaIds ?? []).not.toContain(east.id);
    t.clock.advance(DAY + 1000);
    // Other coverage of this rep (the demo's, eight countries) may still be arriving: one of the new events names east.
    await eventually(async () =>
      expect((await coverageEvents()).slice(before).some((e) => (e.data.areaIds as string[]).includes(east.id))).toBe(true),
    );
    const token = await t.login(email);
    await eventually(async () => expect((await t.api('GET', '/api/v1/me', { token })).body.scope.areaIds).toContain(east.id));
  });
});
