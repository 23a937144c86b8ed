import { DEMO_COUNTRIES } from '@fieldops/demo-data';
import { databaseEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, ifMatch, outboxOf, startAccountHost } from './account-fixtures';

const engines = await databaseEngines();

describe.each(engines)('agencies on $name', (database) => {
  let t: TestHost;
  let admin: string;
  let countryManager: string;
  beforeAll(async () => {
    t = await startAccountHost(database);
    admin = await t.login('admin@fieldops.test');
    countryManager = await t.login('countrymanager.sg@fieldops.test');
  });
  afterAll(async () => t?.stop());

  const list = async (token: string, query = '') => {
    const res = await t.api('GET', `/api/v1/agencies?limit=200${query}`, { token });
    expect(res.status).toBe(200);
    return res.body.items as { id: string; name: string; country: string; status: string }[];
  };
  const agencyOf = async (country: string) => {
    const found = (await list(admin, `&country=${country}`)).find((a) => a.name.endsWith('Field Partners'));
    if (!found) throw new Error(`no demo agency in ${country}`);
    return found.id;
  };
  const create = (body: unknown, token = countryManager) => t.api('POST', '/api/v1/agencies', { token, body });

  it('the admin sees every agency; a country manager those of their country', async () => {
    expect((await list(admin)).map((a) => a.country).sort()).toEqual(DEMO_COUNTRIES.map((d) => d.country).sort());
    expect((await list(countryManager)).map((a) => a.name)).toEqual(['Central Region Field Partners']);
  });

  it("a team-scoped manager sees their country's agencies; agency staff only their own", async () => {
    const lead = await t.login('teamlead1.sg@fieldops.test');
    expect((await list(lead)).map((a) => a.country)).toEqual(['SG']);
    const agencyManager = await t.login('agencymanager.id@fieldops.test');
    const own = await list(agencyManager);
    expect(own.map((a) => a.id)).toEqual([await agencyOf('ID')]);
    expectProblem(await t.api('GET', `/api/v1/agencies/${await agencyOf('SG')}`, { token: agencyManager }), 404);
  });

  it('a rep may not read agencies', async () => {
    expectProblem(await t.api('GET', '/api/v1/agencies', { token: await t.login('rep1.sg@fieldops.test') }), 403);
  });

  it("another country's agency is not found", async () => {
    const brazil = await agencyOf('BR');
    expectProblem(await t.api('GET', `/api/v1/agencies/${brazil}`, { token: countryManager }), 404);
    expectProblem(await t.api('PATCH', `/api/v1/agencies/${brazil}`, { token: countryManager, body: { name: 'Mine' } }), 404);
  });

  it('a country manager signs up an agency in their country: 201, Location, ETag, an event', async () => {
    const res = await create({ name: 'Marina Bay Movers', country: 'SG' });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/v1/agencies/${res.body.id}`);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body).toMatchObject({ name: 'Marina Bay Movers', country: 'SG', status: 'active', version: 1 });
    const read = await t.api('GET', `/api/v1/agencies/${res.body.id}`, { token: countryManager });
    expect(read.body).toEqual(res.body);
    expect((await outboxOf(t, res.body.id)).map((e) => e.type)).toEqual(['account.agency.created.v1']);
  });

  it('a country manager cannot sign up an agency elsewhere; the country must be served', async () => {
    expectProblem(await create({ name: 'Paulista Partners', country: 'BR' }), 422, '/body/country');
    expectProblem(await create({ name: 'Atlantis Partners', country: 'XX' }), 422, '/body/country');
    expectProblem(await create({ name: 'Lower Case', country: 'sg' }), 400, '/body/country');
    expectProblem(await create({ country: 'SG' }), 400, '/body/name');
    expect((await create({ name: 'Paulista Partners', country: 'BR' }, admin)).status).toBe(201);
  });

  it('a team lead may not sign up agencies', async () => {
    expectProblem(await create({ name: 'Team Partners', country: 'SG' }, await t.login('teamlead1.sg@fieldops.test')), 403);
  });

  it('an agency is renamed and deactivated with the current version; a stale one is 412', async () => {
    const made = await create({ name: 'Short Lived', country: 'SG' });
    const changed = await t.api('PATCH', `/api/v1/agencies/${made.body.id}`, {
      token: countryManager,
      body: { name: 'Shorter Lived', status: 'inactive' },
      headers: ifMatch(made),
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Shorter Lived', status: 'inactive', version: 2 });
    expect(changed.headers.get('etag')).toBe('"2"');
    expectProblem(
      await t.api('PATCH', `/api/v1/agencies/${made.body.id}`, { token: countryManager, body: { name: 'x' }, headers: ifMatch(made) }),
      412,
    );
    expectProblem(
      await t.api('PATCH', `/api/v1/agencies/${made.body.id}`, { token: countryManager, body: { status: 'closed' } }),
      400,
      '/body/status',
    );
    expect((await outboxOf(t, made.body.id)).map((e) => e.type)).toEqual(['account.agency.created.v1', 'account.agency.updated.v1']);
    expect((await list(countryManager, '&status=inactive')).map((a) => a.name)).toEqual(['Shorter Lived']);
  });
});
