import { databaseEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMerchant, type DemoUser, demoUsers, expectProblem, localDate, startPerformanceHost, user } from './performance-fixtures';

/**
 * Merchant figures by CSV: each row checked as the single POST (permission, the merchant in the caller's scope),
 * answered row by row; a re-import changes nothing; a bad header or a ragged file fails whole, with nothing written.
 */
describe.each(await databaseEngines())('merchant figures import on $name', (database) => {
  let t: TestHost;
  let admin: string;
  let rep1: DemoUser;
  let merchants: string[];
  const today = localDate(Date.now(), 'Asia/Singapore');
  const yesterday = localDate(Date.now() - 86_400_000, 'Asia/Singapore');

  const importCsv = (csv: string, token = admin) =>
    t.api('POST', '/api/v1/performance/merchant-figures/import', { token, body: csv, headers: { 'content-type': 'text/csv' } });
  const figures = async () => {
    const res = await t.api('GET', `/api/v1/performance/figures?period=${yesterday.slice(0, 7)}&subject=user:${rep1.id}`, { token: admin });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return Object.fromEntries((res.body.items as { metric: string; value: number }[]).map((f) => [f.metric, f.value]));
  };

  beforeAll(async () => {
    t = await startPerformanceHost({ name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' });
    rep1 = user(await demoUsers(t), 'rep1.sg');
    admin = await t.login('admin@fieldops.test');
    const rep = await t.login('rep1.sg@fieldops.test');
    merchants = [(await aMerchant(t, rep)).id, (await aMerchant(t, rep)).id];
  }, 300_000);
  afterAll(async () => t?.stop());

  it('counts the accepted rows in the owner’s figures, and a re-import of the same file changes nothing', async () => {
    const [first, second] = merchants;
    // Both days in one month so the figures below see them: yesterday may be the last of the previous month.
    const day = yesterday.slice(0, 7) === today.slice(0, 7) ? today : yesterday;
    const csv = ['Currency,merchantId,date,orders,gmvMinor', `SGD,${first},${yesterday},10,50000`, `sgd,"${second}",${day},3,1500`].join(
      '\r\n',
    );
    const before = await figures();
    const res = await importCsv(csv);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      accepted: 2,
      unchanged: 0,
      refused: 0,
      rows: [
        { row: 1, outcome: 'accepted' },
        { row: 2, outcome: 'accepted' },
      ],
    });
    const after = await figures();
    expect(after['merchant-orders']).toBe((before['merchant-orders'] ?? 0) + 13);
    expect(after['merchant-gmv']).toBe((before['merchant-gmv'] ?? 0) + 51_500);

    const again = await importCsv(csv);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toMatchObject({ accepted: 0, unchanged: 2, refused: 0 });
    expect(await figures()).toEqual(after);

    // A corrected row replaces its day (the difference is credited); the untouched row stays unchanged.
    const corrected = await importCsv(csv.replace(',10,50000', ',12,50000'));
    expect(corrected.body.rows).toEqual([
      { row: 1, outcome: 'accepted' },
      { row: 2, outcome: 'unchanged' },
    ]);
    expect((await figures())['merchant-orders']).toBe((after['merchant-orders'] ?? 0) + 2);
  });

  it('refuses a bad number, an unknown merchant, an out-of-scope merchant and a repeated day, each naming its column', async () => {
    const [first] = merchants;
    const role = await t.api('POST', '/api/v1/roles', {
      token: admin,
      body: {
        name: `figures_feed_${Date.now()}`,
        description: 'sends its own merchants’ figures',
        permissions: ['performance:ingest', 'merchant:read'],
        scope: 'self',
      },
    });
    expect(role.status, JSON.stringify(role.body)).toBe(201);
    const feeder = { email: `figures.feed.${Date.now()}@fieldops.test`, name: 'Figures Feed', password: 'long enough 1' };
    const made = await t.api('POST', '/api/v1/users', {
      token: admin,
      body: { ...feeder, orgUnitId: rep1.orgUnitId, roleIds: [role.body.id] },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const narrow = await t.login(feeder.email, feeder.password);

    const before = await figures();
    const header = 'merchantId,date,orders,gmvMinor,currency';
    const res = await importCsv(
      [
        header,
        `${first},${yesterday},ten,100,SGD`,
        `0b9f3c3e-4a8e-4c61-9d1e-2f7a0c5b6d41,${yesterday},1,100,SGD`,
        `${first},2099-01-01,1,100,SGD`,
        `${first},${yesterday},1,100,USD`,
      ].join('\n'),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ accepted: 0, unchanged: 0, refused: 4 });
    expect(res.body.rows.map((r: { column: string }) => r.column)).toEqual(['orders', 'merchantId', 'date', 'currency']);
    for (const row of res.body.rows) expect(row.reason).toEqual(expect.any(String));

    const outside = await importCsv([header, `${first},${yesterday},99,9900,SGD`].join('\n'), narrow);
    expect(outside.status, JSON.stringify(outside.body)).toBe(200);
    expect(outside.body.rows).toEqual([{ row: 1, outcome: 'refused', column: 'merchantId', reason: 'is not a merchant you can see' }]);
    expect(await figures()).toEqual(before);

    const twice = await importCsv([header, `${first},${today},7,700,SGD`, `${first},${today},8,800,SGD`].join('\n'));
    expect(twice.body.rows[1]).toMatchObject({ outcome: 'refused', column: 'date' });
    expect(twice.body.rows[0].outcome).toBe('accepted');

    expectProblem(await importCsv([header, `${first},${yesterday},1,100,SGD`].join('\n'), await t.login('rep1.sg@fieldops.test')), 403);
  });

  it('a header without a column, or a ragged row, fails the whole file with nothing written', async () => {
    const [first] = merchants;
    const before = await figures();
    expectProblem(await importCsv(['merchantId,date,orders,currency', `${first},${yesterday},5,SGD`].join('\n')), 400, '/body/gmvMinor');
    const ragged = await importCsv(
      ['merchantId,date,orders,gmvMinor,currency', `${first},${yesterday},500,600,SGD`, `${first},${yesterday},1,2`].join('\n'),
    );
    expectProblem(ragged, 400, '/body');
    expect(await figures()).toEqual(before);
    expectProblem(await t.api('POST', '/api/v1/performance/merchant-figures/import', { token: admin, body: { merchantId: first } }), 415);
  });
});
