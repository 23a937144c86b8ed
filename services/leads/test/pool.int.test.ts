import { placeCells } from '@fieldops/geo';
import { databaseEngines, eventually, MovableClock, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeadRow } from '../src/db/lead.repository';
import { aLead, aPublicLead, aPublicLeadRow, DAY, expectProblem, leadsDb, outboxOf, setHeld, startLeadsHost } from './leads-fixtures';

const engines = await databaseEngines();

describe.each(engines)('capture, pools and protection on $name', (database) => {
  let t: TestHost;
  const clock = new MovableClock(Date.now());
  // Tokens follow the moved clock: log in after every move.
  const as = (who: string) => t.login(`${who}@fieldops.test`);

  beforeAll(async () => {
    t = await startLeadsHost(database, clock);
  });
  afterAll(async () => t?.stop());

  it('a captured lead is held by its creator, protected for D days, with its phone in full', async () => {
    const res = await t.api('POST', '/api/v1/leads', { token: await as('rep1.sg'), body: aLead({ phone: '9123 4567' }) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ pool: 'private', stage: 'new', phone: '+6591234567', phoneMasked: false, duplicateOf: null });
    expect(Date.parse(res.body.protectedUntil) - clock.now()).toBe(15 * DAY);
    expect((await outboxOf(t, res.body.id)).map((e) => e.type)).toEqual(['leads.lead.created.v1']);
  });

  it('a strong duplicate (same name, same spot) answers 409 with the candidates to claim instead', async () => {
    const token = await as('rep1.sg');
    const first = await t.api('POST', '/api/v1/leads', { token, body: aLead({ name: 'Ah Hock Minimart', lat: 1.2, lng: 103.9 }) });
    const twin = await t.api('POST', '/api/v1/leads', {
      token,
      body: aLead({ name: 'Ah Hock Mini Mart', lat: 1.2001, lng: 103.9 }),
    });
    expectProblem(twin, 409);
    expect(twin.body.candidates).toEqual([
      expect.objectContaining({ id: first.body.id, name: 'Ah Hock Minimart', pool: 'private', reasons: expect.arrayContaining(['name']) }),
    ]);
    expect(twin.body.candidates[0].distance).toBeLessThan(20);
  });

  it('the duplicate check reaches 300 m around the point: a namesake 280 m away is flagged, one 400 m away is not', async () => {
    const token = await as('rep1.sg');
    const metres = (m: number) => m / 111_320;
    const first = await t.api('POST', '/api/v1/leads', { token, body: aLead({ name: 'Kookaburra Tailor', lat: 1.25, lng: 103.95 }) });
    expect(first.status).toBe(201);
    const near = await t.api('POST', '/api/v1/leads', {
      token,
      body: aLead({ name: 'Kookaburra Tailor', lat: 1.25 + metres(280), lng: 103.95 }),
    });
    expect(near.status, JSON.stringify(near.body)).toBe(201);
    expect(near.body.duplicateOf).toBe(first.body.id);
    const far = await t.api('POST', '/api/v1/leads', {
      token,
      body: aLead({ name: 'Kookaburra Tailor', lat: 1.25, lng: 103.95 + metres(400) }),
    });
    expect(far.status, JSON.stringify(far.body)).toBe(201);
    expect(far.body.duplicateOf).toBeNull();
  });

  it('a weak duplicate (same phone, other name, nearby) is created and flagged', async () => {
    const token = await as('rep1.sg');
    const first = await t.api('POST', '/api/v1/leads', { token, body: aLead({ phone: '+65 9876 0001', lat: 1.21, lng: 103.9 }) });
    const second = await t.api('POST', '/api/v1/leads', {
      token,
      body: aLead({ name: 'Completely Different Laundry', phone: '+65 9876 0001', lat: 1.2105, lng: 103.9 }),
    });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(second.body.duplicateOf).toBe(first.body.id);
  });

  it('in the public pool the phone is masked; claiming shows it again and another claim answers 409', async () => {
    const id = await aPublicLead(t, await as('rep1.sg'), { phone: '+65 9555 1234' });
    const rep2 = await as('rep2.sg');
    const seen = await t.api('GET', `/api/v1/leads/${id}`, { token: rep2 });
    expect(seen.body).toMatchObject({ pool: 'public', ownerId: null, phoneMasked: true });
    expect(seen.body.phone).not.toContain('5551234');
    expect(seen.body.phone).toMatch(/1234$/);
    const pool = await t.api('GET', '/api/v1/leads?pool=public&limit=200', { token: rep2 });
    expect(pool.body.items.map((l: { id: string }) => l.id)).toContain(id);
    const claimed = await t.api('POST', `/api/v1/leads/${id}/claim`, { token: rep2 });
    expect(claimed.body).toMatchObject({ pool: 'private', phone: '+6595551234', phoneMasked: false });
    expectProblem(await t.api('POST', `/api/v1/leads/${id}/claim`, { token: await as('rep3.sg') }), 409);
    clock.advance(61_000);
    // Once the race is over, a lead held by another rep is simply not there for a rep.
    expectProblem(await t.api('POST', `/api/v1/leads/${id}/claim`, { token: await as('rep3.sg') }), 404);
    const mine = await t.api('GET', '/api/v1/leads?pool=mine', { token: rep2 });
    expect(mine.body.items.map((l: { id: string }) => l.id)).toContain(id);
  });

  it('a rep who released a lead cannot claim it again for C days', async () => {
    const rep3 = await as('rep3.sg');
    const id = await aPublicLead(t, rep3);
    const again = await t.api('POST', `/api/v1/leads/${id}/claim`, { token: rep3 });
    expectProblem(again, 409);
    expect(again.body.code).toBe('cooldown');
    clock.advance(7 * DAY);
    expect((await t.api('POST', `/api/v1/leads/${id}/claim`, { token: await as('rep3.sg') })).status).toBe(200);
  });

  it('a rep at the limit cannot capture or claim another lead', async () => {
    const rep4 = await as('rep4.sg');
    const first = await t.api('POST', '/api/v1/leads', { token: rep4, body: aLead() });
    await setHeld(t, first.body.ownerId, 100);
    const capture = await t.api('POST', '/api/v1/leads', { token: rep4, body: aLead() });
    expectProblem(capture, 409);
    expect(capture.body.code).toBe('limit');
    const id = await aPublicLead(t, await as('rep5.sg'));
    expect((await t.api('POST', `/api/v1/leads/${id}/claim`, { token: rep4 })).body.code).toBe('limit');
  });

  it('a team lead assigns a public lead to a rep of the team', async () => {
    const rep1 = await as('rep1.sg');
    const rep1Id = (await t.api('POST', '/api/v1/leads', { token: rep1, body: aLead() })).body.ownerId;
    const id = await aPublicLead(t, await as('rep2.sg'));
    const assigned = await t.api('POST', `/api/v1/leads/${id}/assign`, { token: await as('teamlead1.sg'), body: { repId: rep1Id } });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    expect(assigned.body).toMatchObject({ ownerId: rep1Id, pool: 'private' });
    expect((await outboxOf(t, id)).map((e) => e.type)).toContain('leads.lead.assigned.v1');
    expectProblem(await t.api('POST', `/api/v1/leads/${id}/assign`, { token: rep1, body: { repId: rep1Id } }), 403);
  });

  it('a follow-up extends protection; unattended, the lead is warned about, then recycled to the pool', async () => {
    const rep1 = await as('rep1.sg');
    const lead = (await t.api('POST', '/api/v1/leads', { token: rep1, body: aLead() })).body;
    clock.advance(10 * DAY);
    const followed = await t.api('POST', `/api/v1/leads/${lead.id}/follow-ups`, {
      token: await as('rep1.sg'),
      body: { kind: 'visit', note: 'met the owner' },
    });
    expect(followed.status, JSON.stringify(followed.body)).toBe(200);
    expect(Date.parse(followed.body.protectedUntil)).toBe(clock.now() + 15 * DAY);
    clock.advance(12 * DAY + 1);
    await eventually(async () => expect((await outboxOf(t, lead.id)).map((e) => e.type)).toContain('leads.lead.recycle-warning.v1'));
    // Nobody consumes the warning yet: the holder sees it in the lead's history.
    const history = await t.api('GET', `/api/v1/leads/${lead.id}/history`, { token: rep1 });
    expect(history.status, JSON.stringify(history.body)).toBe(200);
    expect(history.body.items.at(-1)).toMatchObject({
      type: 'leads.lead.recycle-warning.v1',
      data: { leadId: lead.id, protectedUntil: followed.body.protectedUntil },
    });
    expect(history.body.items[0]).toMatchObject({ type: 'leads.lead.created.v1', data: { phone: lead.phone } });
    clock.advance(3 * DAY);
    await eventually(async () => {
      const row = await leadsDb(t).selectFrom('lead').selectAll().where('id', '=', lead.id).executeTakeFirstOrThrow();
      expect(row.owner_id).toBeNull();
    });
    const types = (await outboxOf(t, lead.id)).map((e) => e.type);
    expect(types.filter((type) => type === 'leads.lead.recycle-warning.v1')).toHaveLength(1);
    expect(types).toContain('leads.lead.recycled.v1');
    expect((await t.api('POST', `/api/v1/leads/${lead.id}/claim`, { token: await as('rep1.sg') })).body.code).toBe('cooldown');
    // Back in the public pool, its phone is masked in the history as in the lead.
    const other = await as('rep2.sg');
    const masked = (await t.api('GET', `/api/v1/leads/${lead.id}`, { token: other })).body.phone;
    expect(masked).not.toBe(lead.phone);
    const later = await t.api('GET', `/api/v1/leads/${lead.id}/history`, { token: other });
    expect(later.body.items[0].data.phone).toBe(masked);
    expect(JSON.stringify(later.body)).not.toContain(lead.phone);
  });

  it('stages move forward; an illegal transition answers 409', async () => {
    const rep1 = await as('rep1.sg');
    const lead = (await t.api('POST', '/api/v1/leads', { token: rep1, body: aLead() })).body;
    expect((await t.api('POST', `/api/v1/leads/${lead.id}/stage`, { token: rep1, body: { to: 'qualified' } })).body.stage).toBe(
      'qualified',
    );
    expectProblem(await t.api('POST', `/api/v1/leads/${lead.id}/stage`, { token: rep1, body: { to: 'new' } }), 409);
  });

  it('in a street of more leads than one check reads, the nearest are read: a twin stored after 250 neighbours is found', async () => {
    const token = await as('rep1.sg');
    const metres = (m: number) => m / 111_320;
    const spot = { lat: 1.27, lng: 103.97 };
    const cells = placeCells(spot);
    // Last in this block: the 250 public leads would crowd the public pool the tests above list.
    // 250 other shops 10–60 m away in the spot's own H3 cells, stored first: the cell index lists them before the twin.
    const now = clock.now();
    const neighbours: LeadRow[] = [];
    for (let dy = -60; dy <= 60 && neighbours.length < 250; dy += 3) {
      for (let dx = -60; dx <= 60 && neighbours.length < 250; dx += 3) {
        const point = { lat: spot.lat + metres(dy), lng: spot.lng + metres(dx) };
        const at = placeCells(point);
        if (Math.hypot(dx, dy) < 10 || at.r7 !== cells.r7 || at.r9 !== cells.r9) continue;
        neighbours.push(aPublicLeadRow(`Stall ${neighbours.length}`, { ...point, country: 'SG' }, now));
      }
    }
    expect(neighbours).toHaveLength(250);
    await leadsDb(t).insertInto('lead').values(neighbours).execute();
    const first = await t.api('POST', '/api/v1/leads', { token, body: aLead({ name: 'Wombat Clockmaker', phone: null, ...spot }) });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const twin = await t.api('POST', '/api/v1/leads', {
      token,
      body: aLead({ name: 'Wombat Clockmaker', phone: null, lat: spot.lat + metres(3), lng: spot.lng }),
    });
    expectProblem(twin, 409);
    expect(twin.body.candidates.map((c: { id: string }) => c.id)).toEqual([first.body.id]);
  });
});
