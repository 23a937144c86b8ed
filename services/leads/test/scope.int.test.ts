import { placeGeneratorService } from '@fieldops/poi';
import { databaseEngines, MovableClock, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aLead, aPublicLead, expectProblem, startLeadsHost } from './leads-fixtures';

const engines = await databaseEngines();

describe.each(engines)('the data scope of leads on $name', (database) => {
  let t: TestHost;
  const clock = new MovableClock(Date.now());
  const as = (who: string) => t.login(`${who}@fieldops.test`);
  let privateLead: string;
  beforeAll(async () => {
    t = await startLeadsHost(database, clock, [placeGeneratorService(0, { seed: 1 })]);
    privateLead = (await t.api('POST', '/api/v1/leads', { token: await as('rep1.sg'), body: aLead() })).body.id;
    clock.advance(120_000);
  });
  afterAll(async () => t?.stop());

  it('a rep of another team gets 404 on read, claim, release, follow-up and convert', async () => {
    const other = await as('rep6.sg');
    expectProblem(await t.api('GET', `/api/v1/leads/${privateLead}`, { token: other }), 404);
    expectProblem(await t.api('POST', `/api/v1/leads/${privateLead}/claim`, { token: other }), 404);
    expectProblem(await t.api('POST', `/api/v1/leads/${privateLead}/release`, { token: other }), 404);
    expectProblem(await t.api('POST', `/api/v1/leads/${privateLead}/follow-ups`, { token: other, body: { kind: 'note' } }), 404);
    expectProblem(
      await t.api('POST', `/api/v1/leads/${privateLead}/convert`, { token: other, body: { legalName: 'X', businessId: '1' } }),
      404,
    );
    const all = await t.api('GET', '/api/v1/leads?limit=200', { token: other });
    expect(all.body.items.map((l: { id: string }) => l.id)).not.toContain(privateLead);
  });

  it('the follow-ups of a lead are read by whoever may read the lead, newest first; anyone else gets 404', async () => {
    const holder = await as('rep1.sg');
    const first = await t.api('POST', `/api/v1/leads/${privateLead}/follow-ups`, {
      token: holder,
      body: { kind: 'call', note: 'Owner out' },
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    clock.advance(60_000);
    await t.api('POST', `/api/v1/leads/${privateLead}/follow-ups`, { token: holder, body: { kind: 'note', note: 'Call back Monday' } });
    const mine = await t.api('GET', `/api/v1/leads/${privateLead}/follow-ups`, { token: holder });
    expect(mine.status).toBe(200);
    expect(mine.body.items.slice(0, 2).map((f: { kind: string; note: string }) => [f.kind, f.note])).toEqual([
      ['note', 'Call back Monday'],
      ['call', 'Owner out'],
    ]);
    const lead = await t.api('GET', `/api/v1/leads/${privateLead}/follow-ups`, { token: await as('teamlead1.sg') });
    expect(lead.body.items.length).toBe(mine.body.items.length);
    expectProblem(await t.api('GET', `/api/v1/leads/${privateLead}/follow-ups`, { token: await as('rep6.sg') }), 404);
    expectProblem(await t.api('GET', `/api/v1/leads/${privateLead}/follow-ups`, { token: await as('teamlead2.sg') }), 404);
    expectProblem(await t.api('GET', `/api/v1/leads/${privateLead}/follow-ups`, { token: await as('rep1.br') }), 404);
  });

  it('a lead names the stages it may move to, and a move to any other is refused', async () => {
    const token = await as('rep1.sg');
    const lead = await t.api('GET', `/api/v1/leads/${privateLead}`, { token });
    expect(lead.body.nextStages).not.toContain(lead.body.stage);
    expect(lead.body.nextStages).not.toContain('converted');
    expect(lead.body.nextStages).toContain('lost');
    const refused = ['new', 'contacted', 'qualified', 'negotiating', 'won', 'lost'].find((stage) => !lead.body.nextStages.includes(stage));
    expect(refused).toBeDefined();
    expectProblem(await t.api('POST', `/api/v1/leads/${privateLead}/stage`, { token, body: { to: refused } }), 409);
  });

  it('the team lead of the rep sees it; the other team’s lead does not', async () => {
    expect((await t.api('GET', `/api/v1/leads/${privateLead}`, { token: await as('teamlead1.sg') })).status).toBe(200);
    expectProblem(await t.api('GET', `/api/v1/leads/${privateLead}`, { token: await as('teamlead2.sg') }), 404);
  });

  it('a rep sees the public pool of their country, not of another', async () => {
    const id = await aPublicLead(t, await as('rep1.sg'));
    const pool = await t.api('GET', '/api/v1/leads?pool=public&limit=200', { token: await as('rep6.sg') });
    expect(pool.body.items.map((l: { id: string }) => l.id)).toContain(id);
    const br = await as('rep1.br');
    expectProblem(await t.api('GET', `/api/v1/leads/${id}`, { token: br }), 404);
    expectProblem(await t.api('POST', `/api/v1/leads/${id}/claim`, { token: br }), 404);
    const brPool = await t.api('GET', '/api/v1/leads?pool=public&limit=200', { token: br });
    expect(brPool.body.items.map((l: { id: string }) => l.id)).not.toContain(id);
  });

  it("a country filter keeps that country's leads; a country outside the caller's scope lists none", async () => {
    const listed = async (who: string, country: string) => {
      const page = await t.api('GET', `/api/v1/leads?limit=200&country=${country}`, { token: await as(who) });
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      return page.body.items.map((l: { id: string; country: string }) => l.country);
    };
    const own = await listed('rep1.sg', 'SG');
    expect(own.length).toBeGreaterThan(0);
    expect(new Set(own)).toEqual(new Set(['SG']));
    expect(await listed('rep1.sg', 'BR')).toEqual([]);
    expect(new Set(await listed('admin', 'SG'))).toEqual(new Set(['SG']));
    expect(await listed('admin', 'ZZ')).toEqual([]);
    const malformed = await t.api('GET', '/api/v1/leads?country=sg', { token: await as('rep1.sg') });
    expectProblem(malformed, 400);
    expect(JSON.stringify(malformed.body)).toContain('country');
  });

  it('duplicateOf names a lead only to whoever may read it', async () => {
    const first = await t.api('POST', '/api/v1/leads', { token: await as('rep2.sg'), body: aLead({ phone: '+65 9555 0101' }) });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const flagged = await t.api('POST', '/api/v1/leads', {
      token: await as('rep7.sg'),
      body: aLead({ name: 'Wholly Other Tailor', phone: '+65 9555 0101', lat: first.body.lat + 0.0005, lng: first.body.lng }),
    });
    expect(flagged.status, JSON.stringify(flagged.body)).toBe(201);
    expect(flagged.body.duplicateOf).toBeNull();
    const rep7 = await as('rep7.sg');
    expect((await t.api('GET', `/api/v1/leads/${flagged.body.id}`, { token: rep7 })).body.duplicateOf).toBeNull();
    const mine = await t.api('GET', '/api/v1/leads?pool=mine&limit=200', { token: rep7 });
    expect(mine.body.items.find((l: { id: string }) => l.id === flagged.body.id)?.duplicateOf).toBeNull();
    const manager = await t.api('GET', `/api/v1/leads/${flagged.body.id}`, { token: await as('countrymanager.sg') });
    expect(manager.body.duplicateOf).toBe(first.body.id);
  });

  it("a strong duplicate of another team's private lead is a 409 that names no lead", async () => {
    const first = await t.api('POST', '/api/v1/leads', { token: await as('rep3.sg'), body: aLead({ name: 'Bandicoot Shoe Repair' }) });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const twin = await t.api('POST', '/api/v1/leads', {
      token: await as('rep8.sg'),
      body: aLead({ name: 'Bandicoot Shoe Repair', lat: first.body.lat, lng: first.body.lng }),
    });
    expectProblem(twin, 409);
    expect(twin.body.candidates).toEqual([]);
    expect(JSON.stringify(twin.body)).not.toContain(first.body.id);
  });

  it('a conversion names only a place the rep may see, in the lead’s country; never the nil UUID', async () => {
    const rep = await as('rep4.sg');
    const lead = (await t.api('POST', '/api/v1/leads', { token: rep, body: aLead({ phone: '+65 9555 0202' }) })).body;
    expect((await t.api('POST', `/api/v1/leads/${lead.id}/stage`, { token: rep, body: { to: 'won' } })).status).toBe(200);
    const place = async (token: string, point: { lat: number; lng: number }) => {
      const res = await t.api('POST', '/api/v1/places', {
        token,
        body: { name: 'Zebra Corner', address: '1 Road', category: 'grocery', ...point },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    const convert = (placeId: string) =>
      t.api('POST', `/api/v1/leads/${lead.id}/convert`, {
        token: rep,
        body: { legalName: 'Zebra Pte Ltd', businessId: '201912345K', placeId },
      });
    const cnPlace = await place(await as('rep1.cn'), { lat: 31.23136, lng: 121.47004 });
    for (const placeId of [cnPlace, '00000000-0000-0000-0000-000000000000']) {
      const refused = await convert(placeId);
      expectProblem(refused, 422);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['/body/placeId']);
    }
    expect((await t.api('GET', `/api/v1/leads/${lead.id}`, { token: rep })).body.conversionStatus).toBe('none');
    const sgPlace = await place(rep, { lat: lead.lat, lng: lead.lng });
    const converted = await convert(sgPlace);
    expect(converted.status, JSON.stringify(converted.body)).toBe(200);
    expect(converted.body.conversionStatus).toBe('requested');
  });
});
