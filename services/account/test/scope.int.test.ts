import { databaseEngines, startTestHost, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountService } from '../src/index';

const engines = await databaseEngines();

describe.each(engines)('data scope on $name', (database) => {
  let t: TestHost;
  beforeAll(async () => {
    t = await startTestHost({
      services: [accountService],
      engines: { name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' },
      seedDemo: true,
    });
  });
  afterAll(async () => t?.stop());

  async function userId(token: string, email: string): Promise<string> {
    const res = await t.api('GET', `/api/v1/users?q=${encodeURIComponent(email)}`, { token });
    expect(res.status).toBe(200);
    const match = res.body.items.find((u: { email: string }) => u.email === email);
    if (!match) throw new Error(`${email} not visible`);
    return match.id;
  }

  it('a team lead sees the users of their own team only', async () => {
    const lead = await t.login('teamlead1.sg@fieldops.test');
    const res = await t.api('GET', '/api/v1/users?limit=200', { token: lead });
    expect(res.status).toBe(200);
    const emails: string[] = res.body.items.map((u: { email: string }) => u.email).sort();
    expect(emails).toContain('rep1.sg@fieldops.test');
    expect(emails).toContain('rep5.sg@fieldops.test');
    expect(emails).not.toContain('rep6.sg@fieldops.test');
    expect(emails.every((e) => e.endsWith('.sg@fieldops.test'))).toBe(true);
  });

  it('a team lead cannot read or change a user outside their subtree (404)', async () => {
    const admin = await t.login('admin@fieldops.test');
    const outsider = await userId(admin, 'rep6.sg@fieldops.test');
    const lead = await t.login('teamlead1.sg@fieldops.test');
    expect((await t.api('GET', `/api/v1/users/${outsider}`, { token: lead })).status).toBe(404);
    const patch = await t.api('PATCH', `/api/v1/users/${outsider}`, { token: lead, body: { name: 'Hijacked' } });
    expect(patch.status).toBe(404);
    expect(patch.headers.get('content-type')).toContain('application/problem+json');
    const still = await t.api('GET', `/api/v1/users/${outsider}`, { token: admin });
    expect(still.body.name).not.toBe('Hijacked');
  });

  it('a password is reset only for a user in scope whom the caller may manage, never one’s own, and ends their sessions', async () => {
    const admin = await t.login('admin@fieldops.test');
    const lead = await t.login('teamlead1.sg@fieldops.test');
    const outsider = await userId(admin, 'rep6.sg@fieldops.test');
    const member = await userId(admin, 'rep5.sg@fieldops.test');
    const reset = (token: string, id: string, newPassword = 'fresh-start-1') =>
      t.api('POST', `/api/v1/users/${id}/password`, { token, body: { newPassword } });

    expect((await reset(lead, outsider)).status).toBe(404);
    const manager = await userId(admin, 'countrymanager.sg@fieldops.test');
    expect((await reset(lead, manager)).status).toBe(404);
    const self = await reset(lead, await userId(lead, 'teamlead1.sg@fieldops.test'));
    expect(self.status).toBe(422);
    expect(self.headers.get('content-type')).toContain('application/problem+json');
    expect((await reset(await t.login('rep1.sg@fieldops.test'), member)).status).toBe(403);
    const short = await reset(lead, member, 'short');
    expect(short.status).toBe(400);
    expect(JSON.stringify(short.body)).toContain('newPassword');
    expect(
      (await t.api('POST', '/api/v1/auth/login', { body: { email: 'rep6.sg@fieldops.test', password: 'fresh-start-1' } })).status,
    ).toBe(401);

    const before = await t.api('POST', '/api/v1/auth/login', { body: { email: 'rep5.sg@fieldops.test', password: 'demo1234' } });
    expect((await reset(lead, member)).status).toBe(204);
    expect((await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: before.body.refreshToken } })).status).toBe(401);
    expect((await t.api('POST', '/api/v1/auth/login', { body: { email: 'rep5.sg@fieldops.test', password: 'demo1234' } })).status).toBe(
      401,
    );
    expect(
      (await t.api('POST', '/api/v1/auth/login', { body: { email: 'rep5.sg@fieldops.test', password: 'fresh-start-1' } })).status,
    ).toBe(200);
  });

  it('a team lead can change a user inside their team', async () => {
    const admin = await t.login('admin@fieldops.test');
    const member = await userId(admin, 'rep2.sg@fieldops.test');
    const lead = await t.login('teamlead1.sg@fieldops.test');
    const read = await t.api('GET', `/api/v1/users/${member}`, { token: lead });
    const patch = await t.api('PATCH', `/api/v1/users/${member}`, {
      token: lead,
      body: { name: 'Renamed Rep' },
      headers: { 'if-match': read.headers.get('etag') ?? '' },
    });
    expect(patch.status).toBe(200);
    expect(patch.body.name).toBe('Renamed Rep');
    const stale = await t.api('PATCH', `/api/v1/users/${member}`, {
      token: lead,
      body: { name: 'Again' },
      headers: { 'if-match': read.headers.get('etag') ?? '' },
    });
    expect(stale.status).toBe(412);
  });

  it('a country manager cannot disable, move or otherwise change a user who holds wider roles (403)', async () => {
    const admin = await t.login('admin@fieldops.test');
    const manager = await t.login('countrymanager.sg@fieldops.test');
    const adminId = await userId(manager, 'admin@fieldops.test'); // in their country, so in their scope
    const read = await t.api('GET', `/api/v1/users/${adminId}`, { token: manager });
    expect(read.status).toBe(200);
    const team = (await t.api('GET', '/api/v1/org-units?limit=200', { token: manager })).body.items.find(
      (u: { country: string; parentId: string | null }) => u.country === 'SG' && u.parentId !== null,
    );
    for (const body of [{ status: 'disabled' }, { orgUnitId: team.id }, { name: 'Demoted' }, { roleIds: [] }]) {
      const patch = await t.api('PATCH', `/api/v1/users/${adminId}`, {
        token: manager,
        body,
        headers: { 'if-match': read.headers.get('etag') ?? '' },
      });
      expect(patch.status, JSON.stringify(body)).toBe(403);
      expect(patch.headers.get('content-type')).toContain('application/problem+json');
    }
    const still = await t.api('GET', `/api/v1/users/${adminId}`, { token: admin });
    expect(still.body).toMatchObject({
      status: 'active',
      name: read.body.name,
      orgUnitId: read.body.orgUnitId,
      version: read.body.version,
    });
  });

  it('a country manager still disables and re-enables a rep of their country', async () => {
    const manager = await t.login('countrymanager.sg@fieldops.test');
    const rep = await userId(manager, 'rep7.sg@fieldops.test');
    expect((await t.api('PATCH', `/api/v1/users/${rep}`, { token: manager, body: { status: 'disabled' } })).status).toBe(200);
    expect((await t.api('PATCH', `/api/v1/users/${rep}`, { token: manager, body: { status: 'active' } })).status).toBe(200);
  });

  it("a user's agency must be one of their country; listing by another country's agency finds nobody", async () => {
    const admin = await t.login('admin@fieldops.test');
    const agencies = await t.api('GET', '/api/v1/agencies?limit=50', { token: admin });
    const agencyOf = (country: string) => agencies.body.items.find((a: { country: string }) => a.country === country).id as string;
    const brazilian = agencyOf('BR');
    const manager = await t.login('countrymanager.sg@fieldops.test');
    const rep = await userId(manager, 'rep8.sg@fieldops.test');
    const changed = await t.api('PATCH', `/api/v1/users/${rep}`, { token: manager, body: { agencyId: brazilian } });
    expect(changed.status).toBe(422);
    expect(changed.body.errors.map((e: { field: string }) => e.field)).toEqual(['/body/agencyId']);
    const read = await t.api('GET', `/api/v1/users/${rep}`, { token: manager });
    expect(read.body.agencyId).toBeNull();
    const created = await t.api('POST', '/api/v1/users', {
      token: manager,
      body: {
        email: `agency-probe-${database.name}@fieldops.test`,
        name: 'Agency Probe',
        password: 'a-long-password-1',
        orgUnitId: read.body.orgUnitId,
        roleIds: [],
        agencyId: brazilian,
      },
    });
    expect(created.status).toBe(422);
    expect(created.body.errors.map((e: { field: string }) => e.field)).toEqual(['/body/agencyId']);
    const listed = await t.api('GET', `/api/v1/users?agencyId=${brazilian}&limit=50`, { token: manager });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([]);
  });

  it('an agency user sees only their agency', async () => {
    const agency = await t.login('agencymanager.sg@fieldops.test');
    const res = await t.api('GET', '/api/v1/users?limit=200', { token: agency });
    expect(res.status).toBe(200);
    const emails: string[] = res.body.items.map((u: { email: string }) => u.email).sort();
    expect(emails).toEqual(['agencymanager.sg@fieldops.test', 'agencyrep1.sg@fieldops.test', 'agencyrep2.sg@fieldops.test']);
  });

  it('searches by email prefix with % and _ taken literally', async () => {
    const admin = await t.login('admin@fieldops.test');
    const exact = await t.api('GET', `/api/v1/users?q=${encodeURIComponent('rep1.')}&limit=200`, { token: admin });
    expect(exact.body.items.map((u: { email: string }) => u.email)).toContain('rep1.sg@fieldops.test');
    for (const pattern of ['rep1_', 'rep%']) {
      const literal = await t.api('GET', `/api/v1/users?q=${encodeURIComponent(pattern)}`, { token: admin });
      expect(literal.status).toBe(200);
      expect(literal.body.items).toEqual([]);
    }
  });

  it('a rep sees only themselves', async () => {
    const rep = await t.login('rep3.id@fieldops.test');
    const res = await t.api('GET', '/api/v1/users', { token: rep });
    // reps hold no user:read permission at all
    expect(res.status).toBe(403);
    const me = await t.api('GET', '/api/v1/me', { token: rep });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe('rep3.id@fieldops.test');
    expect(me.body.scope.scope).toBe('self');
  });
});
