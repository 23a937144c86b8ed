import { expect } from 'vitest';
import { eventually } from './eventually';
import type { TestHost } from './test-host';

/**
 * Gives a demo user (e.g. `citymanager1.sg@fieldops.test`, whom the demo territories make manager of a city) a new
 * role with the `area` data scope and `permissions`, and answers their token: someone who sees what lies in their
 * areas. Needs the account service; `admin` is an admin's token. Answers once the account service knows the
 * user's areas (the demo assignments reach it as events): services cache a resolved scope for a while, so a
 * first call made before would see no area at all until that copy expires.
 */
export async function loginAreaScoped(t: TestHost, admin: string, email: string, permissions: string[]): Promise<string> {
  const role = await t.api('POST', '/api/v1/roles', {
    token: admin,
    body: { name: `area_scoped_${Math.random().toString(36).slice(2, 8)}`, permissions, scope: 'area' },
  });
  expect(role.status, JSON.stringify(role.body)).toBe(201);
  const users = await t.api('GET', `/api/v1/users?q=${encodeURIComponent(email)}`, { token: admin });
  const user = (users.body.items as { id: string; email: string }[]).find((u) => u.email === email);
  if (!user) throw new Error(`no user ${email}`);
  const read = await t.api('GET', `/api/v1/users/${user.id}`, { token: admin });
  const changed = await t.api('PATCH', `/api/v1/users/${user.id}`, {
    token: admin,
    body: { roleIds: [role.body.id] },
    headers: { 'if-match': read.headers.get('etag') ?? '' },
  });
  expect(changed.status, JSON.stringify(changed.body)).toBe(200);
  const token = await t.login(email);
  await eventually(async () => {
    const me = await t.api('GET', '/api/v1/me', { token });
    expect(me.body.scope.areaIds.length).toBeGreaterThan(0);
  });
  return token;
}
