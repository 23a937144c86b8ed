import { databaseEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCheckIn, aCheckOut, aMerchantAt, expectProblem, honestAccuracy, north, outboxOf, startCheckinHost } from './checkin-fixtures';

/**
 * Known fraud patterns are flagged; honest days are not. (A reused photo and EXIF time and place are in
 * photos.int.test.ts, with the file service.)
 */
const engines = await databaseEngines();
const SHOP = { lat: 1.3, lng: 103.85 };
const HONEST_REPS = ['rep6.sg', 'rep7.sg', 'rep8.sg', 'rep9.sg', 'rep10.sg'];
const HONEST_VISITS_PER_REP = 20;
const minutes = (n: number) => n * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe.each(engines)('fraud signals and the review queue on $name', (database) => {
  let t: TestHost;
  let rep1: string;
  let rep2: string;
  let shop1: string;
  const flaggedIds: Record<string, string> = {};

  /** Checks in and out; answers the visit after check-out. */
  async function visit(token: string, body: Record<string, unknown>, outAt: number) {
    const res = await t.api('POST', '/api/v1/visits', { token, body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const out = await t.api('POST', `/api/v1/visits/${res.body.id}/check-out`, { token, body: aCheckOut(iso(outAt)) });
    expect(out.status, JSON.stringify(out.body)).toBe(200);
    return out.body;
  }

  beforeAll(async () => {
    t = await startCheckinHost({ name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' });
    rep1 = await t.login('rep1.sg@fieldops.test');
    rep2 = await t.login('rep2.sg@fieldops.test');
    shop1 = await aMerchantAt(t, rep1, SHOP);
  });
  afterAll(async () => t?.stop());

  it('flags a mock location, a check-in far from the target and a device clock set ahead', async () => {
    const now = Date.now();
    const mocked = await visit(rep1, aCheckIn(shop1, SHOP, { mockLocation: true }), now + minutes(10));
    const far = await visit(rep1, aCheckIn(shop1, north(SHOP, 1_200)), now + minutes(10));
    const skewed = await visit(rep1, aCheckIn(shop1, SHOP, { deviceTime: iso(now + minutes(45)) }), now + minutes(60));
    for (const [code, v] of [
      ['mock-location', mocked],
      ['far-from-target', far],
      ['clock-skew', skewed],
    ] as const) {
      expect(v.verification, code).toBe('pending-review');
      expect(v.riskSignals.map((s: { code: string }) => s.code)).toContain(code);
      expect((await outboxOf(t, v.id)).map((e) => e.type)).toContain('checkin.visit.flagged.v1');
      flaggedIds[code] = v.id;
    }
  });

  it('flags a teleporting rep: 10 km in two minutes', async () => {
    const far = north(SHOP, 10_000);
    const shop2 = await aMerchantAt(t, rep1, far);
    const at = Date.now() - minutes(180);
    const first = await visit(rep1, aCheckIn(shop1, SHOP, { deviceTime: iso(at), offline: true }), at + minutes(1));
    expect(first.verification).toBe('verified');
    const jump = await visit(rep1, aCheckIn(shop2, far, { deviceTime: iso(at + minutes(2)), offline: true }), at + minutes(5));
    expect(jump.verification).toBe('pending-review');
    expect(jump.riskSignals).toEqual([expect.objectContaining({ code: 'impossible-speed' })]);
    expect(jump.riskSignals[0].detail).toMatch(/10000 m .* in 120 s/);
    flaggedIds['impossible-speed'] = jump.id;
  });

  it('flags the same GPS accuracy on five visits in a row', async () => {
    const shop = await aMerchantAt(t, rep2, north(SHOP, 300));
    const at = Date.now() - minutes(600);
    const results = [];
    for (let i = 0; i < 5; i++) {
      const start = at + i * minutes(30);
      results.push(
        await visit(rep2, aCheckIn(shop, north(SHOP, 300), { accuracyM: 8, deviceTime: iso(start), offline: true }), start + minutes(10)),
      );
    }
    expect(results.map((r) => r.verification)).toEqual(['verified', 'verified', 'verified', 'verified', 'pending-review']);
    expect(results[4].riskSignals.map((s: { code: string }) => s.code)).toEqual(['accuracy-constant']);
    flaggedIds['accuracy-constant'] = results[4].id;
  });

  it('flags none of 100 honest visits', async () => {
    const flagged: unknown[] = [];
    const end = Date.now();
    for (const [r, email] of HONEST_REPS.entries()) {
      const token = await t.login(`${email}@fieldops.test`);
      // Each rep's round: four shops a few hundred metres to two kilometres apart.
      const shops = [];
      for (let s = 0; s < 4; s++) {
        const point = { lat: 1.28 + r * 0.02 + s * 0.004, lng: 103.8 + s * 0.006 };
        shops.push({ id: await aMerchantAt(t, token, point), point });
      }
      let at = end - HONEST_VISITS_PER_REP * minutes(45);
      for (let i = 0; i < HONEST_VISITS_PER_REP; i++) {
        const shop = shops[i % shops.length] ?? shops[0];
        if (!shop) throw new Error('no shop');
        const last = i === HONEST_VISITS_PER_REP - 1;
        // Synced at the end of the day, except the last visit, sent live.
        const checkInAt = last ? Date.now() : at;
        const standingAt = north(shop.point, (Math.random() - 0.5) * 80);
        const body = aCheckIn(shop.id, standingAt, { accuracyM: honestAccuracy(), deviceTime: iso(checkInAt), offline: !last });
        const v = await visit(token, body, checkInAt + minutes(10 + Math.random() * 20));
        if (v.verification !== 'verified') flagged.push({ id: v.id, signals: v.riskSignals });
        at += minutes(35 + Math.random() * 10);
      }
    }
    const honest = HONEST_REPS.length * HONEST_VISITS_PER_REP;
    console.log(`false positives on ${database.name}: ${flagged.length} of ${honest} honest visits flagged`, flagged);
    expect(flagged).toEqual([]);
  });

  it("a team lead's review queue holds their team's flagged visits only; another team's lead cannot review them", async () => {
    const lead1 = await t.login('teamlead1.sg@fieldops.test');
    const lead2 = await t.login('teamlead2.sg@fieldops.test');
    const queue1 = await t.api('GET', '/api/v1/visits/review-queue?limit=200', { token: lead1 });
    expect(queue1.status, JSON.stringify(queue1.body)).toBe(200);
    expect(queue1.body.items.map((v: { id: string }) => v.id).sort()).toEqual(Object.values(flaggedIds).sort());
    const queue2 = await t.api('GET', '/api/v1/visits/review-queue', { token: lead2 });
    expect(queue2.body.items).toEqual([]);
    const mocked = flaggedIds['mock-location'] ?? '';
    expectProblem(
      await t.api('POST', `/api/v1/visits/${mocked}/review`, { token: lead2, body: { decision: 'approve', reason: 'ok' } }),
      404,
    );
    expectProblem(await t.api('GET', '/api/v1/visits/review-queue', { token: rep1 }), 403);
  });

  it('a team lead approves or rejects a flagged visit once, with a reviewed event', async () => {
    const lead1 = await t.login('teamlead1.sg@fieldops.test');
    const skewed = flaggedIds['clock-skew'] ?? '';
    const approved = await t.api('POST', `/api/v1/visits/${skewed}/review`, {
      token: lead1,
      body: { decision: 'approve', reason: 'Phone clock was wrong; the owner confirmed the visit' },
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ verification: 'approved', reviewReason: 'Phone clock was wrong; the owner confirmed the visit' });
    const events = await outboxOf(t, skewed);
    expect(events.at(-1)).toMatchObject({ type: 'checkin.visit.reviewed.v1', data: { decision: 'approve' } });
    expectProblem(
      await t.api('POST', `/api/v1/visits/${skewed}/review`, { token: lead1, body: { decision: 'reject', reason: 'again' } }),
      409,
    );
    const teleport = flaggedIds['impossible-speed'] ?? '';
    const rejected = await t.api('POST', `/api/v1/visits/${teleport}/review`, {
      token: lead1,
      body: { decision: 'reject', reason: 'Teleport' },
    });
    expect(rejected.body.verification).toBe('rejected');
    const queue = await t.api('GET', '/api/v1/visits/review-queue?limit=200', { token: lead1 });
    expect(queue.body.items.map((v: { id: string }) => v.id)).not.toContain(skewed);
  });

  it("a rep can neither see nor change another rep's visits", async () => {
    const mocked = flaggedIds['mock-location'] ?? '';
    expectProblem(await t.api('GET', `/api/v1/visits/${mocked}`, { token: rep2 }), 404);
    expectProblem(await t.api('POST', `/api/v1/visits/${mocked}/check-out`, { token: rep2, body: aCheckOut(iso(Date.now())) }), 404);
    const listed = await t.api('GET', '/api/v1/visits?limit=200', { token: rep2 });
    expect(listed.body.items.length).toBe(5);
    expect(listed.body.items.every((v: { repId: string }) => v.repId === listed.body.items[0].repId)).toBe(true);
    const lead1 = await t.login('teamlead1.sg@fieldops.test');
    const team = await t.api('GET', '/api/v1/visits?limit=200', { token: lead1 });
    expect(new Set(team.body.items.map((v: { repId: string }) => v.repId)).size).toBe(2);
  });
});
