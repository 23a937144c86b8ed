import { DEMO_COUNTRIES } from '@fieldops/demo-data';
import { databaseEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aUser, expectProblem, ifMatch, orgUnitIdOf, outboxOf, startAccountHost, userIdOf } from './account-fixtures';

const engines = await databaseEngines();

describe.each(engines)('org units on $name', (database) => {
  let t: TestHost;
  let admin: string;
  let cityManager1: string;
  beforeAll(async () => {
    t = await startAccountHost(database);
    admin = await t.login('admin@fieldops.test');
    cityManager1 = await t.login('citymanager1.sg@fieldops.test');
  });
  afterAll(async () => t?.stop());

  const unit = (name: string) => orgUnitIdOf(t, admin, name);
  const create = (body: unknown, token = admin) => t.api('POST', '/api/v1/org-units', { token, body });
  const names = (res: { body: { items: { name: string }[] } }) => res.body.items.map((u) => u.name).sort();

  it('lists units with filters on kind, country and parent', async () => {
    const countries = await t.api('GET', '/api/v1/org-units?kind=country', { token: admin });
    expect(countries.status).toBe(200);
    expect(countries.body.items.map((u: { country: string }) => u.country).sort()).toEqual(DEMO_COUNTRIES.map((d) => d.country).sort());
    const sgCities = await t.api('GET', '/api/v1/org-units?kind=city&country=SG', { token: admin });
    expect(names(sgCities)).toEqual(['Central Region', 'East Region']);
    const underCentral = await t.api('GET', `/api/v1/org-units?parentId=${await unit('Central Region')}`, { token: admin });
    expect(names(underCentral)).toEqual(['Central Region North', 'Central Region South']);
  });

  it("a city manager sees their city and its teams, not the other city's", async () => {
    const res = await t.api('GET', '/api/v1/org-units?country=SG', { token: cityManager1 });
    expect(names(res)).toEqual(['Central Region', 'Central Region North', 'Central Region South']);
  });

  it("a city manager can neither see nor change the other city's teams (404), nor build under them (422)", async () => {
    const eastTeam = await unit('East Region North');
    expectProblem(await t.api('GET', `/api/v1/org-units/${eastTeam}`, { token: cityManager1 }), 404);
    expectProblem(await t.api('PATCH', `/api/v1/org-units/${eastTeam}`, { token: cityManager1, body: { name: 'Mine now' } }), 404);
    expectProblem(await t.api('DELETE', `/api/v1/org-units/${eastTeam}`, { token: cityManager1 }), 404);
    expectProblem(await create({ name: 'Sneaky', kind: 'team', parentId: eastTeam }, cityManager1), 422, '/body/parentId');
    expect((await t.api('GET', `/api/v1/org-units/${eastTeam}`, { token: admin })).body.name).toBe('East Region North');
  });

  it("a city manager cannot touch the unit above their own (the country's root)", async () => {
    const root = await unit('Singapore');
    expectProblem(await t.api('PATCH', `/api/v1/org-units/${root}`, { token: cityManager1, body: { name: 'Mine' } }), 404);
    expectProblem(await t.api('DELETE', `/api/v1/org-units/${root}`, { token: cityManager1 }), 404);
  });

  it('a rep sees only their own unit; a team lead may not change units', async () => {
    const rep = await t.login('rep1.sg@fieldops.test');
    expect(names(await t.api('GET', '/api/v1/org-units', { token: rep }))).toEqual(['Central Region North']);
    const lead = await t.login('teamlead1.sg@fieldops.test');
    const team = await unit('Central Region North');
    expectProblem(await t.api('PATCH', `/api/v1/org-units/${team}`, { token: lead, body: { name: 'Renamed' } }), 403);
  });

  it("a city manager creates a team in their city: 201, Location, ETag, the parent's country, an event", async () => {
    const central = await unit('Central Region');
    const res = await create({ name: 'Central Region West', kind: 'team', parentId: central }, cityManager1);
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/v1/org-units/${res.body.id}`);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body).toMatchObject({ name: 'Central Region West', kind: 'team', parentId: central, country: 'SG', version: 1 });
    expect((await outboxOf(t, res.body.id)).map((e) => e.type)).toEqual(['account.org-unit.created.v1']);
    const nested = await create({ name: 'Central Region West A', kind: 'team', parentId: res.body.id }, cityManager1);
    expect(nested.status).toBe(201);
  });

  it('the kind rules decide which parent a unit may have', async () => {
    const team = await unit('Central Region North');
    const root = await unit('Singapore');
    expectProblem(await create({ name: 'City under team', kind: 'city', parentId: team }), 422, '/body/parentId');
    expectProblem(await create({ name: 'Loose team', kind: 'team' }), 422, '/body/parentId');
    expectProblem(await create({ name: 'Loose team', kind: 'team', parentId: null }), 422, '/body/parentId');
    expectProblem(await create({ name: 'Nested country', kind: 'country', parentId: root }), 422, '/body/parentId');
    expectProblem(await create({ name: 'Team of Brazil', kind: 'team', parentId: team, country: 'BR' }), 422, '/body/country');
    expectProblem(await create({ name: 'Bad kind', kind: 'region', parentId: root }), 400, '/body/kind');
  });

  it('a country root needs a supported country and a caller who manages every country', async () => {
    expectProblem(await create({ name: 'Nowhere', kind: 'country' }), 422, '/body/country');
    expectProblem(await create({ name: 'Atlantis', kind: 'country', country: 'XX' }), 422, '/body/country');
    expectProblem(await create({ name: 'Lower case', kind: 'country', country: 'br' }), 400, '/body/country');
    const countryManager = await t.login('countrymanager.sg@fieldops.test');
    expectProblem(await create({ name: 'Singapore 2', kind: 'country', country: 'SG' }, countryManager), 422, '/body/parentId');
    const made = await create({ name: 'Brasil Sul', kind: 'country', country: 'BR' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ parentId: null, country: 'BR' });
  });

  it("a country manager cannot build in another country's tree", async () => {
    const countryManager = await t.login('countrymanager.sg@fieldops.test');
    expectProblem(
      await create({ name: 'Jakarta East', kind: 'team', parentId: await unit('Jakarta') }, countryManager),
      422,
      '/body/parentId',
    );
  });

  it('a rename needs the current version: 200 with the next ETag, then 412 for the stale one', async () => {
    const id = await unit('Central Region South');
    const read = await t.api('GET', `/api/v1/org-units/${id}`, { token: cityManager1 });
    const renamed = await t.api('PATCH', `/api/v1/org-units/${id}`, {
      token: cityManager1,
      body: { name: 'Central Region Harbour' },
      headers: ifMatch(read),
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Central Region Harbour', version: 2 });
    expect(renamed.headers.get('etag')).toBe('"2"');
    expectProblem(
      await t.api('PATCH', `/api/v1/org-units/${id}`, { token: cityManager1, body: { name: 'Again' }, headers: ifMatch(read) }),
      412,
    );
    expect((await outboxOf(t, id)).map((e) => e.type)).toEqual(['account.org-unit.created.v1', 'account.org-unit.updated.v1']);
    expectProblem(await t.api('PATCH', `/api/v1/org-units/${id}`, { token: cityManager1, body: { kind: 'city' } }), 400, '/body/kind');
  });

  it('a unit cannot move under itself or its own subtree', async () => {
    const upper = await create({ name: 'Loop Upper', kind: 'team', parentId: await unit('East Region') });
    const lower = await create({ name: 'Loop Lower', kind: 'team', parentId: upper.body.id });
    const patch = (parentId: string) => t.api('PATCH', `/api/v1/org-units/${upper.body.id}`, { token: admin, body: { parentId } });
    expectProblem(await patch(lower.body.id), 422, '/body/parentId');
    expectProblem(await patch(upper.body.id), 422, '/body/parentId');
    const city = await unit('East Region');
    expectProblem(
      await t.api('PATCH', `/api/v1/org-units/${city}`, { token: admin, body: { parentId: lower.body.id } }),
      422,
      '/body/parentId',
    );
  });

  it('a unit cannot move to another country', async () => {
    const team = await unit('Bandung North');
    expectProblem(
      await t.api('PATCH', `/api/v1/org-units/${team}`, { token: admin, body: { parentId: await unit('East Region') } }),
      422,
      '/body/parentId',
    );
  });

  it("moving a team under another city moves its people into that city's scope", async () => {
    const countryManager = await t.login('countrymanager.id@fieldops.test');
    const jakartaManager = await t.login('citymanager1.id@fieldops.test');
    const bandungManager = await t.login('citymanager2.id@fieldops.test');
    const team = await unit('Jakarta North');
    const bandung = await unit('Bandung');
    // A sub-team with someone in it: the move must carry the whole subtree.
    const subTeam = await create({ name: 'Jakarta North Night', kind: 'team', parentId: team }, jakartaManager);
    const nightRep = await t.api('POST', '/api/v1/users', { token: admin, body: aUser(subTeam.body.id) });
    const rep = await userIdOf(t, admin, 'rep1.id@fieldops.test');
    expectProblem(await t.api('GET', `/api/v1/users/${rep}`, { token: bandungManager }), 404);

    const read = await t.api('GET', `/api/v1/org-units/${team}`, { token: countryManager });
    const moved = await t.api('PATCH', `/api/v1/org-units/${team}`, {
      token: countryManager,
      body: { parentId: bandung },
      headers: ifMatch(read),
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ parentId: bandung, version: 2 });
    expect((await outboxOf(t, team)).map((e) => e.type)).toEqual(['account.org-unit.created.v1', 'account.org-unit.moved.v1']);

    expect((await t.api('GET', `/api/v1/users/${rep}`, { token: bandungManager })).status).toBe(200);
    expect((await t.api('GET', `/api/v1/users/${nightRep.body.id}`, { token: bandungManager })).status).toBe(200);
    expect((await t.api('GET', `/api/v1/org-units/${subTeam.body.id}`, { token: bandungManager })).status).toBe(200);
    expectProblem(await t.api('GET', `/api/v1/users/${rep}`, { token: jakartaManager }), 404);
    expectProblem(await t.api('GET', `/api/v1/org-units/${subTeam.body.id}`, { token: jakartaManager }), 404);
    const leadScope = await t.api('GET', '/api/v1/me', { token: await t.login('teamlead1.id@fieldops.test') });
    expect(leadScope.body.scope.orgUnitIds.sort()).toEqual([team, subTeam.body.id].sort());
  });

  it('a unit with child units or with people cannot be deleted (409)', async () => {
    expectProblem(await t.api('DELETE', `/api/v1/org-units/${await unit('São Paulo')}`, { token: admin }), 409);
    expectProblem(await t.api('DELETE', `/api/v1/org-units/${await unit('São Paulo North')}`, { token: admin }), 409);
  });

  it('an empty unit is deleted: 204, then 404, with an event; a stale If-Match is 412', async () => {
    const made = await create({ name: 'Campinas Pop-up', kind: 'team', parentId: await unit('Campinas') });
    const stale = await t.api('DELETE', `/api/v1/org-units/${made.body.id}`, { token: admin, headers: { 'if-match': '"7"' } });
    expectProblem(stale, 412);
    const gone = await t.api('DELETE', `/api/v1/org-units/${made.body.id}`, { token: admin, headers: ifMatch(made) });
    expect(gone.status).toBe(204);
    expectProblem(await t.api('GET', `/api/v1/org-units/${made.body.id}`, { token: admin }), 404);
    expect((await outboxOf(t, made.body.id)).map((e) => e.type)).toEqual(['account.org-unit.created.v1', 'account.org-unit.deleted.v1']);
  });
});
