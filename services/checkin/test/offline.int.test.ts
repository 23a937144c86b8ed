import { randomUUID } from 'node:crypto';
import { databaseEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCheckIn, aCheckOut, aMerchantAt, checkinDb, north, startCheckinHost } from './checkin-fixtures';

const engines = await databaseEngines();
const VISITS = 200;
const SHOP = { lat: 1.3521, lng: 103.8198 };

interface Request {
  kind: 'check-in' | 'check-out';
  visitId: string;
  path: string;
  body: Record<string, unknown>;
}

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

describe.each(engines)('offline replay on $name', (database) => {
  let t: TestHost;
  let rep: string;
  const merchants: { id: string; point: { lat: number; lng: number } }[] = [];
  beforeAll(async () => {
    t = await startCheckinHost({ name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' });
    rep = await t.login('rep3.sg@fieldops.test');
    for (let m = 0; m < 5; m++) {
      const point = north(SHOP, m * 100);
      merchants.push({ id: await aMerchantAt(t, rep, point), point });
    }
  });
  afterAll(async () => t?.stop());

  it('200 visits made offline, replayed twice in random order: 200 visits in device-time order, each checked out', async () => {
    // The rep's day, as the app queued it: a visit every 20 minutes over the last three days, 10 minutes each.
    const firstAt = Date.now() - VISITS * 20 * 60_000;
    const visits = Array.from({ length: VISITS }, (_, i) => {
      const target = merchants[i % merchants.length] ?? { id: '', point: SHOP };
      const at = firstAt + i * 20 * 60_000;
      return {
        id: randomUUID(),
        checkIn: aCheckIn(target.id, target.point, { deviceTime: new Date(at).toISOString(), offline: true }),
        checkOutAt: new Date(at + 10 * 60_000).toISOString(),
      };
    });
    const requests: Request[] = visits.flatMap((v) => [
      { kind: 'check-in', visitId: v.id, path: '/api/v1/visits', body: { ...v.checkIn, id: v.id } },
      { kind: 'check-out', visitId: v.id, path: `/api/v1/visits/${v.id}/check-out`, body: aCheckOut(v.checkOutAt) },
    ]);

    for (const round of [1, 2]) {
      const statuses = new Map<string, number>();
      const queue = shuffled(requests);
      // Four uploads at a time, as a sync worker would.
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          for (let next = queue.shift(); next; next = queue.shift()) {
            const res = await t.api('POST', next.path, { token: rep, body: next.body });
            const key = `${next.kind} ${res.status}`;
            statuses.set(key, (statuses.get(key) ?? 0) + 1);
            expect([200, 201, 202], JSON.stringify(res.body)).toContain(res.status);
          }
        }),
      );
      if (round === 1) expect(statuses.get('check-in 201')).toBe(VISITS);
      else expect(Object.fromEntries(statuses)).toEqual({ 'check-in 200': VISITS, 'check-out 200': VISITS });
    }

    const db = checkinDb(t);
    expect(await db.selectFrom('pending_check_out').selectAll().execute()).toEqual([]);
    const listed: { id: string; checkedInAt: string; checkedOutAt: string; dwellSeconds: number; verification: string }[] = [];
    let cursor: string | null = null;
    do {
      const page = await t.api('GET', `/api/v1/visits?limit=50${cursor ? `&cursor=${cursor}` : ''}`, { token: rep });
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      listed.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(listed.map((v) => v.id)).toEqual(visits.map((v) => v.id));
    const byId = new Map<string, (typeof visits)[number]>(visits.map((v) => [v.id, v]));
    for (const visit of listed) {
      expect(visit.checkedOutAt).toBe(byId.get(visit.id)?.checkOutAt);
      expect(visit.dwellSeconds).toBe(600);
      expect(visit.verification).toBe('verified');
    }
    const events = await db.selectFrom('outbox').select(['type']).where('type', 'like', 'checkin.visit.%').execute();
    expect(events.filter((e) => e.type === 'checkin.visit.checked-in.v1').length).toBe(VISITS);
    expect(events.filter((e) => e.type === 'checkin.visit.checked-out.v1').length).toBe(VISITS);
  });
});
