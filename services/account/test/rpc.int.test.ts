import { Code, ConnectError } from '@connectrpc/connect';
import { AccountService } from '@fieldops/contracts';
import { asCaller } from '@fieldops/platform';
import { databaseEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aUser, ifMatch, orgUnitIdOf, roleIdOf, startAccountHost, userIdOf } from './account-fixtures';

const engines = await databaseEngines();

/** The Connect code a call fails with, or undefined when it succeeds. */
async function failureOf(call: Promise<unknown>): Promise<Code | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    return ConnectError.from(error).code;
  }
}

describe.each(engines)('account RPC on $name', (database) => {
  let t: TestHost;
  let admin: string;
  let lead: string;
  let inTeam: string;
  let outsideTeam: string;
  const account = () => t.host.runtime.rpc.client(AccountService);
  beforeAll(async () => {
    t = await startAccountHost(database);
    admin = await t.login('admin@fieldops.test');
    lead = await t.login('teamlead1.sg@fieldops.test');
    inTeam = await userIdOf(t, admin, 'rep1.sg@fieldops.test');
    outsideTeam = await userIdOf(t, admin, 'rep6.sg@fieldops.test');
  });
  afterAll(async () => t?.stop());

  it('GetUser answers a user in the caller’s scope', async () => {
    const { user } = await account().getUser({ id: inTeam }, asCaller(lead));
    expect(user).toMatchObject({ id: inTeam, email: 'rep1.sg@fieldops.test', country: 'SG', status: 'active' });
    expect(user?.roles).toHaveLength(1);
  });

  it('FindUserByEmail answers a user in scope (any case) with role names; outside the scope NotFound', async () => {
    const { user } = await account().findUserByEmail({ email: ' Rep1.SG@fieldops.test ' }, asCaller(lead));
    expect(user).toMatchObject({ id: inTeam, email: 'rep1.sg@fieldops.test', roleNames: ['rep'] });
    expect(await failureOf(account().findUserByEmail({ email: 'rep6.sg@fieldops.test' }, asCaller(lead)))).toBe(Code.NotFound);
    expect(await failureOf(account().findUserByEmail({ email: 'nobody@fieldops.test' }, asCaller(admin)))).toBe(Code.NotFound);
    const service = asCaller(await t.host.runtime.serviceTokens('leads'));
    expect((await account().findUserByEmail({ email: 'rep6.sg@fieldops.test' }, service)).user?.id).toBe(outsideTeam);
    const rep = await t.login('rep1.sg@fieldops.test');
    expect(await failureOf(account().findUserByEmail({ email: 'rep1.sg@fieldops.test' }, asCaller(rep)))).toBe(Code.PermissionDenied);
  });

  it('GetUser of a user outside the caller’s scope is NotFound', async () => {
    expect(await failureOf(account().getUser({ id: outsideTeam }, asCaller(lead)))).toBe(Code.NotFound);
    expect((await account().getUser({ id: outsideTeam }, asCaller(admin))).user?.email).toBe('rep6.sg@fieldops.test');
  });

  it('BatchGetUsers answers only the users in scope', async () => {
    const unknown = '01900000-0000-7000-8000-000000000000';
    const { users } = await account().batchGetUsers({ ids: [inTeam, outsideTeam, unknown] }, asCaller(lead));
    expect(users.map((u) => u.id)).toEqual([inTeam]);
  });

  it('ResolveScope of yourself answers a team lead’s org subtree and permissions', async () => {
    const { scope } = await account().resolveScope({ userId: await userIdOf(t, admin, 'teamlead1.sg@fieldops.test') }, asCaller(lead));
    expect(scope).toMatchObject({ scope: 'team', country: 'SG', orgUnitIds: [await orgUnitIdOf(t, admin, 'Central Region North')] });
    expect(scope?.permissions).toContain('user:read');
    const cityManager = await t.login('citymanager1.sg@fieldops.test');
    const city = await account().resolveScope({ userId: await userIdOf(t, admin, 'citymanager1.sg@fieldops.test') }, asCaller(cityManager));
    const expected = await Promise.all(
      ['Central Region', 'Central Region North', 'Central Region South'].map((n) => orgUnitIdOf(t, admin, n)),
    );
    expect([...(city.scope?.orgUnitIds ?? [])].sort()).toEqual(expected.sort());
  });

  it('ResolveScope of someone else is PermissionDenied unless the caller sees everything', async () => {
    expect(await failureOf(account().resolveScope({ userId: inTeam }, asCaller(lead)))).toBe(Code.PermissionDenied);
    const { scope } = await account().resolveScope({ userId: inTeam }, asCaller(admin));
    expect(scope).toMatchObject({ userId: inTeam, scope: 'self' });
    // The rep's own permissions, not the admin's who asked.
    expect(scope?.permissions).toContain('campaign:enroll');
    expect(scope?.permissions).not.toContain('*');
    expect(scope?.permissions).not.toContain('campaign:write');
  });

  it('GetTeamLeads answers the leaders of the user’s unit, else of the nearest unit above with one', async () => {
    const service = asCaller(await t.host.runtime.serviceTokens('notification'));
    const leadsOf = async (email: string) => {
      const answer = await account().getTeamLeads({ userId: await userIdOf(t, admin, email) }, service);
      return { emails: answer.teamLeads.map((u) => u.email).sort(), orgUnitId: answer.orgUnitId };
    };
    // A rep: their team's lead, in their own unit.
    expect(await leadsOf('rep1.sg@fieldops.test')).toEqual({
      emails: ['teamlead1.sg@fieldops.test'],
      orgUnitId: await orgUnitIdOf(t, admin, 'Central Region North'),
    });
    // A team lead is alone in their team: their lead is the city's manager, a unit up.
    expect(await leadsOf('teamlead1.sg@fieldops.test')).toEqual({
      emails: ['citymanager1.sg@fieldops.test'],
      orgUnitId: await orgUnitIdOf(t, admin, 'Central Region'),
    });
    // A city manager: whoever leads at the country's root (its manager, and the admin who sits there).
    expect((await leadsOf('citymanager1.sg@fieldops.test')).emails).toEqual(['admin@fieldops.test', 'countrymanager.sg@fieldops.test']);
    // An agency's rep is led by the agency's manager, not by the team lead of the unit they work in.
    expect((await leadsOf('agencyrep1.sg@fieldops.test')).emails).toEqual(['agencymanager.sg@fieldops.test']);
  });

  it('GetTeamLeads of a user outside the caller’s scope is NotFound', async () => {
    expect(await failureOf(account().getTeamLeads({ userId: outsideTeam }, asCaller(lead)))).toBe(Code.NotFound);
    const own = await account().getTeamLeads({ userId: inTeam }, asCaller(lead));
    expect(own.teamLeads.map((u) => u.email)).toEqual(['teamlead1.sg@fieldops.test']);
  });

  /** The emails ListUsersWithRole answers, sorted. */
  async function holders(orgUnitName: string, roleName: string, token?: string): Promise<string[]> {
    const caller = asCaller(token ?? (await t.host.runtime.serviceTokens('notification')));
    const answer = await account().listUsersWithRole({ orgUnitId: await orgUnitIdOf(t, admin, orgUnitName), roleName }, caller);
    expect(answer.truncated).toBe(false);
    return answer.users.map((u) => u.email).sort();
  }

  it('ListUsersWithRole answers the active holders of the role in the unit and below it, not above it', async () => {
    // A city's team leads sit in its teams, one level down; the other city's are not in it.
    expect(await holders('Central Region', 'team_lead')).toEqual(['teamlead1.sg@fieldops.test', 'teamlead2.sg@fieldops.test']);
    // The country's manager sits in the root: found from the root, not from a city below it, nor another country's.
    expect(await holders('Singapore', 'country_manager')).toEqual(['countrymanager.sg@fieldops.test']);
    expect(await holders('Central Region', 'country_manager')).toEqual([]);
    expect(await holders('Central Region North', 'city_manager')).toEqual([]);
    expect(await holders('Singapore', 'no_such_role')).toEqual([]);

    // A holder who is disabled is no longer answered.
    const centralNorth = await orgUnitIdOf(t, admin, 'Central Region North');
    const body = aUser(centralNorth, { roleIds: [await roleIdOf(t, admin, 'team_lead')] });
    const created = await t.api('POST', '/api/v1/users', { token: admin, body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(await holders('Central Region North', 'team_lead')).toEqual([body.email, 'teamlead1.sg@fieldops.test'].sort());
    const disabled = await t.api('PATCH', `/api/v1/users/${created.body.id}`, {
      token: admin,
      body: { status: 'disabled' },
      headers: ifMatch(created),
    });
    expect(disabled.status, JSON.stringify(disabled.body)).toBe(200);
    expect(await holders('Central Region North', 'team_lead')).toEqual(['teamlead1.sg@fieldops.test']);
  });

  it('ListUsersWithRole answers nothing outside the caller’s scope and needs user:read', async () => {
    // A team lead sees their own team's reps, but a unit above their team is NotFound, as is another country.
    expect(await holders('Central Region North', 'rep', lead)).toEqual([1, 2, 3, 4, 5].map((n) => `rep${n}.sg@fieldops.test`));
    const unitIdOf = (name: string) => orgUnitIdOf(t, admin, name);
    const asLead = asCaller(lead);
    expect(await failureOf(account().listUsersWithRole({ orgUnitId: await unitIdOf('Central Region'), roleName: 'rep' }, asLead))).toBe(
      Code.NotFound,
    );
    const countryManagerId = asCaller(await t.login('countrymanager.id@fieldops.test'));
    const singapore = await unitIdOf('Singapore');
    expect(await failureOf(account().listUsersWithRole({ orgUnitId: singapore, roleName: 'country_manager' }, countryManagerId))).toBe(
      Code.NotFound,
    );
    // An agency's manager sees only the agency's people, even in a unit others work in too.
    const agencyManager = await t.login('agencymanager.sg@fieldops.test');
    expect(await holders('East Region South', 'agency_rep', agencyManager)).toEqual([
      'agencyrep1.sg@fieldops.test',
      'agencyrep2.sg@fieldops.test',
    ]);
    expect(await holders('East Region South', 'rep', agencyManager)).toEqual([]);
    // A rep may not list people.
    const rep = asCaller(await t.login('rep1.sg@fieldops.test'));
    const team = await unitIdOf('Central Region North');
    expect(await failureOf(account().listUsersWithRole({ orgUnitId: team, roleName: 'rep' }, rep))).toBe(Code.PermissionDenied);
    expect(await failureOf(account().listUsersWithRole({ orgUnitId: team, roleName: '' }, asCaller(admin)))).toBe(Code.InvalidArgument);
  });

  it('a call without a valid access token is Unauthenticated', async () => {
    expect(await failureOf(account().getUser({ id: inTeam }))).toBe(Code.Unauthenticated);
    expect(await failureOf(account().getUser({ id: inTeam }, asCaller('not.a.token')))).toBe(Code.Unauthenticated);
  });

  it('GetJwks answers the Ed25519 key that signs access tokens', async () => {
    const { keys } = await account().getJwks({});
    expect(keys.length).toBeGreaterThanOrEqual(1);
    expect(keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    const header = JSON.parse(Buffer.from(lead.split('.')[0] ?? '', 'base64url').toString('utf8')) as { kid: string; alg: string };
    expect(header.alg).toBe('EdDSA');
    expect(keys.map((k) => k.kid)).toContain(header.kid);
  });
});
