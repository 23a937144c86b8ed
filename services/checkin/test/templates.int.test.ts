import { databaseEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCheckIn, aCheckOut, aMerchantAt, expectProblem, startCheckinHost } from './checkin-fixtures';

const engines = await databaseEngines();
const SHOP = { lat: 1.2903, lng: 103.8519 };

describe.each(engines)('visit templates on $name', (database) => {
  let t: TestHost;
  beforeAll(async () => {
    t = await startCheckinHost({ name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' });
  });
  afterAll(async () => t?.stop());

  it("answers the caller's country's questions, and check-out accepts answers built from them", async () => {
    const rep = await t.login('rep1.sg@fieldops.test');
    const res = await t.api('GET', '/api/v1/visits/templates/merchant', { token: rep });
    expect(res.status).toBe(200);
    expect(res.body.country).toBe('SG');
    expect(res.body.targetType).toBe('merchant');
    const questions: { id: string; type: string; required: boolean; options?: string[]; min?: number }[] = res.body.questions;
    expect(questions.some((q) => q.required)).toBe(true);

    const answers = Object.fromEntries(
      questions.map((q) => [
        q.id,
        q.type === 'yes-no' ? true : q.type === 'number' ? (q.min ?? 0) : q.type === 'choice' ? q.options?.[0] : 'ok',
      ]),
    );
    const merchant = await aMerchantAt(t, rep, SHOP);
    const checkIn = aCheckIn(merchant, SHOP);
    expect((await t.api('POST', '/api/v1/visits', { token: rep, body: checkIn })).status).toBe(201);
    const out = await t.api('POST', `/api/v1/visits/${checkIn.id}/check-out`, {
      token: rep,
      body: aCheckOut(new Date().toISOString(), { answers }),
    });
    expect(out.status, JSON.stringify(out.body)).toBe(200);
    expect(out.body.answers).toEqual(answers);
  });

  it('differs by country, and refuses an unknown target type', async () => {
    const sg = await t.api('GET', '/api/v1/visits/templates/lead', { token: await t.login('rep1.sg@fieldops.test') });
    const cn = await t.api('GET', '/api/v1/visits/templates/lead', { token: await t.login('rep1.cn@fieldops.test') });
    expect(cn.body.country).toBe('CN');
    expect(cn.body.questions).not.toEqual(sg.body.questions);
    expectProblem(
      await t.api('GET', '/api/v1/visits/templates/shop', { token: await t.login('rep1.sg@fieldops.test') }),
      400,
      '/params/targetType',
    );
  });

  it('needs a token', async () => {
    expect((await t.api('GET', '/api/v1/visits/templates/merchant', {})).status).toBe(401);
  });
});
