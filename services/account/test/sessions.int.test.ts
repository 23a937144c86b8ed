import { databaseEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aUser, expectProblem, ifMatch, orgUnitIdOf, roleIdOf, startAccountHost } from './account-fixtures';

const engines = await databaseEngines();

describe.each(engines)('sessions on $name', (database) => {
  let t: TestHost;
  let admin: string;
  beforeAll(async () => {
    t = await startAccountHost(database);
    admin = await t.login('admin@fieldops.test');
  });
  afterAll(async () => t?.stop());

  const login = (email: string, password = 'demo1234') => t.api('POST', '/api/v1/auth/login', { body: { email, password } });
  const refresh = (refreshToken: string) => t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken } });

  /** A user of their own, so that what a test does to their sessions touches no other test. */
  async function aPersonWithPassword(password: string): Promise<{ id: string; email: string }> {
    const body = aUser(await orgUnitIdOf(t, admin, 'Jakarta North'), { password });
    const res = await t.api('POST', '/api/v1/users', { token: admin, body });
    expect(res.status).toBe(201);
    return { id: res.body.id, email: String(body.email) };
  }

  it('login answers an access token, a refresh token and their lifetime', async () => {
    const res = await login('rep1.sg@fieldops.test');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 900,
      tokenType: 'Bearer',
    });
    const me = await t.api('GET', '/api/v1/me', { token: res.body.accessToken });
    expect(me.body.user.email).toBe('rep1.sg@fieldops.test');
  });

  it('a wrong password and an unknown email are refused alike', async () => {
    const wrong = await login('rep1.sg@fieldops.test', 'not the password');
    const unknown = await login('nobody@fieldops.test', 'demo1234');
    expectProblem(wrong, 401);
    expectProblem(unknown, 401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
    expect(wrong.body.title).toBe(unknown.body.title);
  });

  it('a refresh rotates the refresh token: the old one stops working', async () => {
    const first = (await login('rep2.sg@fieldops.test')).body;
    const second = await refresh(first.refreshToken);
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect((await t.api('GET', '/api/v1/me', { token: second.body.accessToken })).status).toBe(200);
    expectProblem(await refresh(first.refreshToken), 401);
  });

  it('reusing a rotated refresh token also revokes the one that replaced it', async () => {
    const first = (await login('rep3.sg@fieldops.test')).body;
    const second = (await refresh(first.refreshToken)).body;
    const reuse = await refresh(first.refreshToken);
    expectProblem(reuse, 401);
    expect(reuse.body.detail).toMatch(/already used/);
    expectProblem(await refresh(second.refreshToken), 401);
  });

  it('a malformed refresh token is refused', async () => {
    expectProblem(await refresh('not-a-token'), 401);
  });

  it('logout ends the session: its refresh token says so, and its access token stops working', async () => {
    const session = (await login('rep4.sg@fieldops.test')).body;
    const other = (await login('rep4.sg@fieldops.test')).body;
    const out = await t.api('POST', '/api/v1/auth/logout', { body: { refreshToken: session.refreshToken } });
    expect(out.status).toBe(204);
    const after = await refresh(session.refreshToken);
    expectProblem(after, 401);
    expect(after.body.detail).toMatch(/logged out/);
    expect(after.body.detail).not.toMatch(/already used/);
    expectProblem(await t.api('GET', '/api/v1/me', { token: session.accessToken }), 401);
    // Only that session: the user's other one goes on.
    expect((await t.api('GET', '/api/v1/me', { token: other.accessToken })).status).toBe(200);
    expect((await refresh(other.refreshToken)).status).toBe(200);
  });

  it('reusing a rotated refresh token also revokes the access tokens of its session', async () => {
    const first = (await login('rep5.sg@fieldops.test')).body;
    const second = (await refresh(first.refreshToken)).body;
    expect((await t.api('GET', '/api/v1/me', { token: second.accessToken })).status).toBe(200);
    expectProblem(await refresh(first.refreshToken), 401);
    expectProblem(await t.api('GET', '/api/v1/me', { token: second.accessToken }), 401);
  });

  it("changing a user's roles revokes their access tokens; a refresh answers one with the new permissions", async () => {
    const person = await aPersonWithPassword('roles change 1');
    const session = (await login(person.email, 'roles change 1')).body;
    expectProblem(await t.api('GET', '/api/v1/users', { token: session.accessToken }), 403);
    const read = await t.api('GET', `/api/v1/users/${person.id}`, { token: admin });
    const lead = await roleIdOf(t, admin, 'team_lead');
    const grant = await t.api('PATCH', `/api/v1/users/${person.id}`, { token: admin, body: { roleIds: [lead] }, headers: ifMatch(read) });
    expect(grant.status).toBe(200);
    expectProblem(await t.api('GET', '/api/v1/me', { token: session.accessToken }), 401);
    const renewed = await refresh(session.refreshToken);
    expect(renewed.status).toBe(200);
    expect((await t.api('GET', '/api/v1/users', { token: renewed.body.accessToken })).status).toBe(200);
  });

  it("changing a role's permissions revokes its holders' access tokens", async () => {
    const role = await t.api('POST', '/api/v1/roles', {
      token: admin,
      body: { name: `auditor_${Date.now()}`, description: 'reads users', permissions: ['user:read'], scope: 'team' },
    });
    expect(role.status, JSON.stringify(role.body)).toBe(201);
    const person = await aPersonWithPassword('role edit 1');
    const read = await t.api('GET', `/api/v1/users/${person.id}`, { token: admin });
    const give = await t.api('PATCH', `/api/v1/users/${person.id}`, {
      token: admin,
      body: { roleIds: [role.body.id] },
      headers: ifMatch(read),
    });
    expect(give.status).toBe(200);
    const session = (await login(person.email, 'role edit 1')).body;
    expect((await t.api('GET', '/api/v1/users', { token: session.accessToken })).status).toBe(200);
    const edit = await t.api('PATCH', `/api/v1/roles/${role.body.id}`, {
      token: admin,
      body: { permissions: ['org:read'] },
      headers: ifMatch(role),
    });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    expectProblem(await t.api('GET', '/api/v1/users', { token: session.accessToken }), 401);
    const renewed = (await refresh(session.refreshToken)).body;
    expectProblem(await t.api('GET', '/api/v1/users', { token: renewed.accessToken }), 403);
  });

  it('a disabled user can neither log in nor refresh, and their access token stops working', async () => {
    const person = await aPersonWithPassword('disabled soon 1');
    const session = (await login(person.email, 'disabled soon 1')).body;
    const read = await t.api('GET', `/api/v1/users/${person.id}`, { token: admin });
    const disable = await t.api('PATCH', `/api/v1/users/${person.id}`, {
      token: admin,
      body: { status: 'disabled' },
      headers: ifMatch(read),
    });
    expect(disable.status).toBe(200);
    expectProblem(await login(person.email, 'disabled soon 1'), 401);
    expectProblem(await refresh(session.refreshToken), 401);
    expectProblem(await t.api('GET', '/api/v1/me', { token: session.accessToken }), 401);
  });

  it('changing the password ends the other sessions', async () => {
    const person = await aPersonWithPassword('first password');
    const here = (await login(person.email, 'first password')).body;
    const elsewhere = (await login(person.email, 'first password')).body;
    const wrong = await t.api('POST', '/api/v1/me/password', {
      token: here.accessToken,
      body: { currentPassword: 'not it', newPassword: 'second password' },
    });
    expectProblem(wrong, 422, '/body/currentPassword');
    const change = await t.api('POST', '/api/v1/me/password', {
      token: here.accessToken,
      body: { currentPassword: 'first password', newPassword: 'second password' },
    });
    expect(change.status).toBe(204);
    expectProblem(await refresh(elsewhere.refreshToken), 401);
    expectProblem(await t.api('GET', '/api/v1/me', { token: elsewhere.accessToken }), 401);
    expectProblem(await login(person.email, 'first password'), 401);
    expect((await login(person.email, 'second password')).status).toBe(200);
  });
});
