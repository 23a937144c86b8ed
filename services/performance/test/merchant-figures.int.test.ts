import { databaseEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMerchant, type DemoUser, demoUsers, expectProblem, localDate, startPerformanceHost, user } from './performance-fixtures';

/**
 * Merchant business figures from the O2O platform: orders and GMV per merchant per day, in integer minor units,
 * credited to the owner; a resent day changes the figure by the difference; Idempotency-Key answers a retry once.
 */
describe.each(await databaseEngines())('merchant figures on $name', (database) => {
  let t: TestHost;
  let admin: string;
  let rep1: DemoUser;
  let merchantId: string;
  const today = localDate(Date.now(), 'Asia/Singapore');

  const send = (body: Record<string, unknown>, key: string, token = admin) =>
    t.api('POST', '/api/v1/performance/merchant-figures', { token, body, headers: { 'idempotency-key': key } });
  const figures = async (period: string) => {
    const res = await t.api('GET', `/api/v1/performance/figures?period=${period}&subject=user:${rep1.id}`, { token: admin });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return Object.fromEntries((res.body.items as { metric: string; value: number }[]).map((f) => [f.metric, f.value]));
  };

  beforeAll(async () => {
    t = await startPerformanceHost({ name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' });
    const users = await demoUsers(t);
    rep1 = user(users, 'rep1.sg');
    admin = await t.login('admin@fieldops.test');
    merchantId = (await aMerchant(t, await t.login('rep1.sg@fieldops.test'))).id;
  }, 300_000);
  afterAll(async () => t?.stop());

  it('credits the owner with the day’s orders and GMV; a retry with the same key counts once', async () => {
    const before = await figures(today);
    const body = { merchantId, date: today, orders: 42, gmvMinor: 1_234_56, currency: 'SGD' };
    const first = await send(body, 'o2o-day-1');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual(body);
    expect((await send(body, 'o2o-day-1')).body).toEqual(body);
    const after = await figures(today);
    expect(after['merchant-orders']).toBe((before['merchant-orders'] ?? 0) + 42);
    expect(after['merchant-gmv']).toBe((before['merchant-gmv'] ?? 0) + 123_456);
    expectProblem(await send({ ...body, orders: 43 }, 'o2o-day-1'), 422);
  });

  it('a day sent again replaces its figures, written as the difference, and explain still sums to the figure', async () => {
    const before = await figures(today);
    const resent = await send({ merchantId, date: today, orders: 40, gmvMinor: 120_000, currency: 'SGD' }, 'o2o-day-1-corrected');
    expect(resent.status, JSON.stringify(resent.body)).toBe(200);
    const after = await figures(today);
    expect(after['merchant-orders']).toBe((before['merchant-orders'] ?? 0) - 2);
    expect(after['merchant-gmv']).toBe((before['merchant-gmv'] ?? 0) - 3_456);
    const month = today.slice(0, 7);
    for (const metric of ['merchant-orders', 'merchant-gmv']) {
      const explained = await t.api(
        'GET',
        `/api/v1/performance/figures/explain?metric=${metric}&period=${month}&subject=user:${rep1.id}&limit=200`,
        {
          token: admin,
        },
      );
      expect(explained.status).toBe(200);
      const credits = explained.body.facts.map((f: { credit: number }) => f.credit);
      expect(credits.reduce((a: number, b: number) => a + b, 0)).toBe(explained.body.value);
      expect(credits.some((c: number) => c < 0)).toBe(true);
    }
  });

  it('refuses a wrong currency, an unknown merchant, a bad or future day, and a caller without the permission', async () => {
    const body = { merchantId, date: today, orders: 1, gmvMinor: 100, currency: 'SGD' };
    expectProblem(await send({ ...body, currency: 'USD' }, 'bad-1'), 422, '/body/currency');
    expectProblem(await send({ ...body, merchantId: '0b9f3c3e-4a8e-4c61-9d1e-2f7a0c5b6d41' }, 'bad-2'), 422, '/body/merchantId');
    expectProblem(await send({ ...body, date: '2099-01-01' }, 'bad-3'), 422, '/body/date');
    expectProblem(await send({ ...body, date: '2026-02-30' }, 'bad-4'), 400, '/body/date');
    expectProblem(await send({ ...body, gmvMinor: 1.5 }, 'bad-5'), 400, '/body/gmvMinor');
    expectProblem(await send(body, 'bad-6', await t.login('rep1.sg@fieldops.test')), 403);
  });
});
