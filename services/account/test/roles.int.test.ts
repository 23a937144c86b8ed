import { databaseEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aUser, expectProblem, ifMatch, orgUnitIdOf, outboxOf, roleIdOf, startAccountHost } from './account-fixtures';

const engines = await databaseEngines();

let roles = 0;
/** A valid custom role's body; override what the test is about. */
const aRole = (overrides: Record<string, unknown> = {}) => ({
  name: `custom_role_${++roles}`,
  description: 'Made by a test',
  permissions: ['merchant:read', 'lead:read'],
  scope: 'team',
  ...overrides,
});

describe.each(engines)('roles on $name', (database) => {
  let t: TestHost;
  let admin: string;
  beforeAll(async () => {
    t = await startAccountHost(database);
    admin = await t.login('admin@fieldops.test');
  });
  afterAll(async () => t?.stop());

  const create = (body: unknown, token = admin) => t.api('POST', '/api/v1/roles', { token, body });

  /** Someone who may write roles but holds only a few permissions, in one country. */
  async function aRoleEditor(): Promise<string> {
    const editorRole = await create(aRole({ permissions: ['role:read', 'role:write', 'merchant:read'], scope: 'country' }));
    const body = aUser(await orgUnitIdOf(t, admin, 'Singapore'), { roleIds: [editorRole.body.id] });
    expect((await t.api('POST', '/api/v1/users', { token: admin, body })).status).toBe(201);
    return t.login(String(body.email), String(body.password));
  }

  it('lists the built-in roles to anyone who may read roles', async () => {
    const lead = await t.login('teamlead1.sg@fieldops.test');
    const res = await t.api('GET', '/api/v1/roles?limit=200', { token: lead });
    expect(res.status).toBe(200);
    const builtIn = res.body.items.filter((r: { builtIn: boolean }) => r.builtIn).map((r: { name: string }) => r.name);
    expect(builtIn.sort()).toEqual(['admin', 'agency_manager', 'agency_rep', 'city_manager', 'country_manager', 'rep', 'team_lead']);
    const rep = await t.login('rep1.sg@fieldops.test');
    expectProblem(await t.api('GET', '/api/v1/roles', { token: rep }), 403);
  });

  it('the list pages by cursor', async () => {
    const first = await t.api('GET', '/api/v1/roles?limit=3', { token: admin });
    expect(first.body.items).toHaveLength(3);
    const second = await t.api('GET', `/api/v1/roles?limit=3&cursor=${first.body.nextCursor}`, { token: admin });
    expect(second.body.items[0].id > first.body.items[2].id).toBe(true);
  });

  it('a role is created with 201, Location and ETag, read back, and announced', async () => {
    const res = await create(aRole({ permissions: ['lead:read', 'merchant:read', 'lead:read'] }));
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/v1/roles/${res.body.id}`);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body).toMatchObject({ builtIn: false, scope: 'team', permissions: ['lead:read', 'merchant:read'] });
    const read = await t.api('GET', `/api/v1/roles/${res.body.id}`, { token: admin });
    expect(read.body).toEqual(res.body);
    expect((await outboxOf(t, res.body.id)).map((e) => e.type)).toEqual(['account.role.created.v1']);
  });

  it('a role name must be lower case letters, digits and _', async () => {
    expectProblem(await create(aRole({ name: 'Field Sales' })), 400, '/body/name');
    expectProblem(await create(aRole({ name: 'x' })), 400, '/body/name');
    expectProblem(await create(aRole({ scope: 'galaxy' })), 400, '/body/scope');
  });

  it('an unknown permission is refused, naming it', async () => {
    const res = await create(aRole({ permissions: ['lead:read', 'lead:teleport'] }));
    expectProblem(res, 422, '/body/permissions/1');
    expect(res.body.detail).toContain('lead:teleport');
  });

  it('a taken name is a conflict naming /body/name', async () => {
    expectProblem(await create(aRole({ name: 'team_lead' })), 409, '/body/name');
    const mine = await create(aRole());
    const other = await create(aRole());
    expectProblem(
      await t.api('PATCH', `/api/v1/roles/${other.body.id}`, { token: admin, body: { name: mine.body.name } }),
      409,
      '/body/name',
    );
  });

  it('built-in roles can be neither changed nor deleted', async () => {
    const rep = await roleIdOf(t, admin, 'rep');
    expectProblem(await t.api('PATCH', `/api/v1/roles/${rep}`, { token: admin, body: { description: 'Changed' } }), 409);
    expectProblem(await t.api('DELETE', `/api/v1/roles/${rep}`, { token: admin }), 409);
  });

  it('a change needs the current version and is announced', async () => {
    const made = await create(aRole());
    const changed = await t.api('PATCH', `/api/v1/roles/${made.body.id}`, {
      token: admin,
      body: { permissions: ['visit:read'], scope: 'country' },
      headers: ifMatch(made),
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ permissions: ['visit:read'], scope: 'country', version: 2 });
    expect(changed.headers.get('etag')).toBe('"2"');
    expectProblem(
      await t.api('PATCH', `/api/v1/roles/${made.body.id}`, { token: admin, body: { description: 'x' }, headers: ifMatch(made) }),
      412,
    );
    expect((await outboxOf(t, made.body.id)).map((e) => e.type)).toEqual(['account.role.created.v1', 'account.role.updated.v1']);
  });

  it('a role someone holds cannot be deleted; an unused one can', async () => {
    const held = await create(aRole());
    const person = aUser(await orgUnitIdOf(t, admin, 'Bandung North'), { roleIds: [held.body.id] });
    expect((await t.api('POST', '/api/v1/users', { token: admin, body: person })).status).toBe(201);
    expectProblem(await t.api('DELETE', `/api/v1/roles/${held.body.id}`, { token: admin }), 409);

    const unused = await create(aRole());
    expect((await t.api('DELETE', `/api/v1/roles/${unused.body.id}`, { token: admin, headers: ifMatch(unused) })).status).toBe(204);
    expectProblem(await t.api('GET', `/api/v1/roles/${unused.body.id}`, { token: admin }), 404);
    expect((await outboxOf(t, unused.body.id)).map((e) => e.type)).toEqual(['account.role.created.v1', 'account.role.deleted.v1']);
  });

  it('nobody creates a role granting more than they hold', async () => {
    const editor = await aRoleEditor();
    expect((await create(aRole({ permissions: ['merchant:read'], scope: 'country' }), editor)).status).toBe(201);
    expectProblem(await create(aRole({ permissions: ['merchant:read', 'merchant:transfer'] }), editor), 403);
    expectProblem(await create(aRole({ permissions: ['merchant:read'], scope: 'all' }), editor), 403);
    expectProblem(await create(aRole({ permissions: ['*'] }), editor), 403);
  });

  it('nobody widens a role beyond what they hold, nor edits or deletes one above them', async () => {
    const editor = await aRoleEditor();
    const small = await create(aRole({ permissions: ['merchant:read'] }), editor);
    const widen = await t.api('PATCH', `/api/v1/roles/${small.body.id}`, {
      token: editor,
      body: { permissions: ['merchant:read', 'lead:assign'] },
    });
    expectProblem(widen, 403);
    const above = await create(aRole({ permissions: ['merchant:read', 'lead:assign'] }));
    expectProblem(await t.api('PATCH', `/api/v1/roles/${above.body.id}`, { token: editor, body: { permissions: ['merchant:read'] } }), 403);
    expectProblem(await t.api('DELETE', `/api/v1/roles/${above.body.id}`, { token: editor }), 403);
  });

  it('only role:write may change roles', async () => {
    const lead = await t.login('teamlead1.sg@fieldops.test');
    expectProblem(await create(aRole(), lead), 403);
  });
});
