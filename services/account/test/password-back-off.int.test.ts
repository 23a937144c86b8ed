import { hostEngines, MovableClock, startTestHost, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountService } from '../src/index';
import { aUser, expectProblem, orgUnitIdOf } from './account-fixtures';

// In memory (embedded) and on Redis (shared by every replica) when it answers.
const engines = await hostEngines();

describe.each(engines)('password back-off on $name', (engines) => {
  let t: TestHost;
  let clock: MovableClock;
  let admin: string;
  beforeAll(async () => {
    clock = new MovableClock(Date.now());
    t = await startTestHost({ services: [accountService], engines, seedDemo: true, clock });
    admin = await t.login('admin@fieldops.test');
  });
  afterAll(async () => t?.stop());

  const login = (email: string, password: string) => t.api('POST', '/api/v1/auth/login', { body: { email, password } });

  async function aPerson(password: string): Promise<string> {
    const body = aUser(await orgUnitIdOf(t, admin, 'Jakarta North'), { password });
    expect((await t.api('POST', '/api/v1/users', { token: admin, body })).status).toBe(201);
    return String(body.email);
  }

  function expectBackOff(res: Awaited<ReturnType<typeof login>>): number {
    expectProblem(res, 429);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    return retryAfter;
  }

  it('after five wrong passwords an account waits, even with the right one; then a success starts afresh', async () => {
    const email = await aPerson('the right one 1');
    for (let i = 0; i < 5; i++) expectProblem(await login(email, `wrong ${i}`), 401);
    const retryAfter = expectBackOff(await login(email, 'the right one 1'));
    // Another account is not held back.
    expect((await login('rep1.sg@fieldops.test', 'demo1234')).status).toBe(200);

    clock.advance(retryAfter * 1000);
    expect((await login(email, 'the right one 1')).status).toBe(200);
    expectProblem(await login(email, 'wrong again'), 401);
    expectProblem(await login(email, 'wrong again'), 401);
  });

  it('an unknown email is held back alike, so a lockout tells nothing about who exists', async () => {
    for (let i = 0; i < 5; i++) expectProblem(await login('nobody.here@fieldops.test', `guess ${i}`), 401);
    expectBackOff(await login('nobody.here@fieldops.test', 'guess 6'));
  });

  it('each wrong password after the back-off began waits longer', async () => {
    const email = await aPerson('the right one 2');
    for (let i = 0; i < 5; i++) await login(email, `wrong ${i}`);
    const first = expectBackOff(await login(email, 'wrong'));
    clock.advance(first * 1000);
    expectProblem(await login(email, 'wrong 6'), 401);
    expect(expectBackOff(await login(email, 'the right one 2'))).toBeGreaterThan(first);
  });

  it('changing my password shares the budget: an access token is no password oracle', async () => {
    const email = await aPerson('the right one 3');
    const token = (await login(email, 'the right one 3')).body.accessToken;
    const change = (currentPassword: string) =>
      t.api('POST', '/api/v1/me/password', { token, body: { currentPassword, newPassword: 'a new password 3' } });
    for (let i = 0; i < 5; i++) expectProblem(await change(`wrong ${i}`), 422, '/body/currentPassword');
    expectBackOff(await change('the right one 3'));
    expectBackOff(await login(email, 'the right one 3'));
  });
});
