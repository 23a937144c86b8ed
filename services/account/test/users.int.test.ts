import { databaseEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aUser, expectProblem, orgUnitIdOf, outboxOf, roleIdOf, startAccountHost } from './account-fixtures';

const engines = await databaseEngines();

describe.each(engines)('users on $name', (database) => {
  let t: TestHost;
  let admin: string;
  let centralNorth: string;
  beforeAll(async () => {
    t = await startAccountHost(database);
    admin = await t.login('admin@fieldops.test');
    centralNorth = await orgUnitIdOf(t, admin, 'Central Region North');
  });
  afterAll(async () => t?.stop());

  const create = (body: unknown, token = admin, headers: Record<string, string> = {}) =>
    t.api('POST', '/api/v1/users', { token, body, headers });
  const fields = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field).sort();

  it('a create with several bad fields names each of them', async () => {
    const res = await create({ ...aUser(centralNorth), email: 'not-an-email', password: 'short', roleIds: 'x' });
    expectProblem(res, 400);
    expect(fields(res)).toEqual(['/body/email', '/body/password', '/body/roleIds']);
    expect(res.body.title).toBe('Validation failed');
  });

  it('a create without an email says the email is required', async () => {
    const { email: _email, ...body } = aUser(centralNorth);
    const res = await create({ ...body, name: 42 });
    expectProblem(res, 400, '/body/email');
    expect(res.body.errors).toContainEqual({ field: '/body/email', message: 'is required' });
    expect(fields(res)).toContain('/body/name');
  });

  it('malformed JSON is a 400 problem', async () => {
    const res = await create('{"email": "half');
    expectProblem(res, 400, '/body');
    expect(res.body.title).toBe('Malformed JSON');
  });

  it('a second user with the same email is a conflict', async () => {
    const body = aUser(centralNorth);
    expect((await create(body)).status).toBe(201);
    const again = await create({ ...body, email: String(body.email).toUpperCase() });
    expectProblem(again, 409, '/body/email');
  });

  it('a create answers 201 with Location and ETag, and writes account.user.created.v1 to the outbox', async () => {
    const res = await create(aUser(centralNorth));
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/v1/users/${res.body.id}`);
    expect(res.headers.get('etag')).toBe('"1"');
    const events = await outboxOf(t, res.body.id);
    expect(events.map((e) => e.type)).toEqual(['account.user.created.v1']);
    expect(events[0]?.data).toMatchObject({ id: res.body.id, email: res.body.email, orgUnitId: centralNorth, country: 'SG' });
    expect(JSON.stringify(events)).not.toMatch(/password|argon/i);
  });

  it('the same Idempotency-Key and body answer the first response again and create one user', async () => {
    const body = aUser(centralNorth);
    const headers = { 'idempotency-key': `create-${body.email}` };
    const first = await create(body, admin, headers);
    const replay = await create(body, admin, headers);
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('location')).toBe(first.headers.get('location'));
    const found = await t.api('GET', `/api/v1/users?q=${encodeURIComponent(String(body.email))}`, { token: admin });
    expect(found.body.items).toHaveLength(1);
  });

  it('the same Idempotency-Key with another body is refused', async () => {
    const headers = { 'idempotency-key': 'one-key-two-bodies' };
    expect((await create(aUser(centralNorth), admin, headers)).status).toBe(201);
    expectProblem(await create(aUser(centralNorth), admin, headers), 422, '/headers/idempotency-key');
  });

  it('a team lead cannot grant the admin role', async () => {
    const lead = await t.login('teamlead1.sg@fieldops.test');
    const adminRole = await roleIdOf(t, lead, 'admin');
    const res = await create(aUser(centralNorth, { roleIds: [adminRole] }), lead);
    expectProblem(res, 403);
  });

  it('a team lead can add a rep to their team but not to another team', async () => {
    const lead = await t.login('teamlead1.sg@fieldops.test');
    const rep = await roleIdOf(t, lead, 'rep');
    expect((await create(aUser(centralNorth, { roleIds: [rep] }), lead)).status).toBe(201);
    const otherTeam = await orgUnitIdOf(t, admin, 'Central Region South');
    expectProblem(await create(aUser(otherTeam, { roleIds: [rep] }), lead), 422, '/body/orgUnitId');
  });

  it("a phone number is stored in E.164 by the country's rules; an invalid one is refused", async () => {
    const res = await create(aUser(centralNorth, { phone: '9123 4567' }));
    expect(res.status).toBe(201);
    expect(res.body.phone).toBe('+6591234567');
    expect(res.body.locale).toBe('en-SG');
    expectProblem(await create(aUser(centralNorth, { phone: '12345' })), 400, '/body/phone');
    // A valid number of another country is wrong data for a Singapore user.
    expectProblem(await create(aUser(centralNorth, { phone: '+5511987654321' })), 400, '/body/phone');
  });

  it('the list walks every page with nextCursor, without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const route: string = `/api/v1/users?limit=17${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.api('GET', route, { token: admin });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(17);
      seen.push(...res.body.items.map((u: { id: string }) => u.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(121);
    expect(pages).toBe(Math.ceil(seen.length / 17));
    expect([...seen].sort()).toEqual(seen);
  });

  it('a cursor this API did not issue is a 400 naming it', async () => {
    expectProblem(await t.api('GET', '/api/v1/users?cursor=%%%', { token: admin }), 400, '/query/cursor');
  });
});
