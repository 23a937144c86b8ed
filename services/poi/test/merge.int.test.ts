import { validateEventData } from '@fieldops/contracts';
import { databaseEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPlace, expectProblem, outboxOf, startPoiHost } from './poi-fixtures';

const engines = await databaseEngines();

describe.each(engines)('merging places on $name', (database) => {
  let t: TestHost;
  let rep: string;
  beforeAll(async () => {
    t = await startPoiHost(database);
    rep = await t.login('rep2.sg@fieldops.test');
  });
  afterAll(async () => t?.stop());

  const create = async (overrides: Record<string, unknown> = {}): Promise<string> => {
    const res = await t.api('POST', '/api/v1/places', { token: rep, body: aPlace({ lat: 1.3521, lng: 103.8198, ...overrides }) });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const merge = (winner: string, body: Record<string, unknown>) => t.api('POST', `/api/v1/places/${winner}/merge`, { token: rep, body });
  const nearbyIds = async () => {
    const res = await t.api('GET', '/api/v1/places/nearby?lat=1.3521&lng=103.8198&radius=100&limit=200', { token: rep });
    return res.body.items.map((i: { id: string }) => i.id);
  };

  it('the loser becomes merged, points at the winner, still reads (200 with mergedInto) and writes poi.place.merged.v1', async () => {
    const winner = await create({ name: 'Toast Box (Bishan)' });
    const loser = await create({ name: 'Toast Box Bishan' });
    const res = await merge(winner, { loserId: loser, loserVersion: 1 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.winner).toMatchObject({ id: winner, status: 'active', version: 1 });
    expect(res.body.loser).toMatchObject({ id: loser, status: 'merged', mergedInto: winner, version: 2 });

    const read = await t.api('GET', `/api/v1/places/${loser}`, { token: rep });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ status: 'merged', mergedInto: winner });

    const events = await outboxOf(t, loser);
    expect(events.map((e) => e.type)).toEqual(['poi.place.created.v1', 'poi.place.merged.v1']);
    expect(events[1]?.data).toMatchObject({ id: loser, status: 'merged', mergedInto: winner, version: 2 });
    expect(validateEventData('poi.place.merged.v1', events[1]?.data)).toEqual({ ok: true });
  });

  it('merged places leave nearby results', async () => {
    const winner = await create();
    const loser = await create();
    expect(await nearbyIds()).toEqual(expect.arrayContaining([winner, loser]));
    expect((await merge(winner, { loserId: loser })).status).toBe(200);
    const after = await nearbyIds();
    expect(after).toContain(winner);
    expect(after).not.toContain(loser);
  });

  it('a merged place cannot be merged again, changed, or merged into', async () => {
    const winner = await create();
    const loser = await create();
    const other = await create();
    expect((await merge(winner, { loserId: loser })).status).toBe(200);
    expectProblem(await merge(other, { loserId: loser }), 409, '/body/loserId');
    const intoMerged = await merge(loser, { loserId: other });
    expectProblem(intoMerged, 409);
    expect(intoMerged.body.mergedInto).toBe(winner);
    expectProblem(await t.api('PATCH', `/api/v1/places/${loser}`, { token: rep, body: { name: 'Zombie' } }), 409);
  });

  it('a place cannot be merged into itself, an unknown loser is named, and a stale loserVersion is 412', async () => {
    const winner = await create();
    const loser = await create();
    expectProblem(await merge(winner, { loserId: winner }), 422, '/body/loserId');
    expectProblem(await merge(winner, { loserId: '01900000-0000-7000-8000-000000000000' }), 422, '/body/loserId');
    expectProblem(await merge('01900000-0000-7000-8000-000000000000', { loserId: loser }), 404);
    expectProblem(await merge(winner, { loserId: loser, loserVersion: 7 }), 412);
  });

  it('two opposite merges at once leave exactly one winner', async () => {
    const a = await create();
    const b = await create();
    const results = await Promise.all([merge(a, { loserId: b }), merge(b, { loserId: a })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const states = await Promise.all([a, b].map((id) => t.api('GET', `/api/v1/places/${id}`, { token: rep }).then((r) => r.body.status)));
    expect(states.sort()).toEqual(['active', 'merged']);
  });
});
