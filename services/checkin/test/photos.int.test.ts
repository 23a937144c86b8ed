import { randomUUID } from 'node:crypto';
import { databaseEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhotoEvidence } from '../src/app/photo-evidence';
import { rpcPorts } from '../src/app/ports';
import type { PhotoFacts } from '../src/domain/photo-signals';
import { createCheckinService } from '../src/index';
import { aCheckIn, aCheckOut, aMerchantAt, checkinDb, startCheckinHost } from './checkin-fixtures';

/**
 * Photo evidence end to end: hashes kept per visit, a reused photo found across visits and reps. The file service is
 * not part of this build yet, so its answers (what BatchGetFiles reads from the bytes) come from this catalogue; the
 * targets are looked up for real.
 */
const engines = await databaseEngines();
const SHOP = { lat: 1.35, lng: 103.87 };
const files = new Map<string, PhotoFacts>();
const catalogue: PhotoEvidence = {
  async photoEvidenceOf(ids) {
    return ids.flatMap((id) => {
      const file = files.get(id);
      return file ? [file] : [];
    });
  },
};

function aPhoto(sha256: string, takenAt: number, at = SHOP): string {
  const id = randomUUID();
  files.set(id, { id, sha256, takenAt, gpsLat: at.lat, gpsLng: at.lng });
  return id;
}

describe.each(engines)('photo evidence on $name', (database) => {
  let t: TestHost;
  beforeAll(async () => {
    const checkin = createCheckinService((ctx) => ({ ...rpcPorts(ctx), photos: catalogue }));
    t = await startCheckinHost({ name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' }, checkin);
  });
  afterAll(async () => t?.stop());

  it("flags a photo whose bytes are already another visit's evidence, even another rep's", async () => {
    const now = Date.now();
    const rep1 = await t.login('rep12.sg@fieldops.test');
    const rep2 = await t.login('rep13.sg@fieldops.test');
    const sha = 'c0ffee'.padEnd(64, '0');
    const first = aCheckIn(await aMerchantAt(t, rep1, SHOP), SHOP, { photoIds: [aPhoto(sha, now - 60_000)] });
    const original = await t.api('POST', '/api/v1/visits', { token: rep1, body: first });
    expect(original.body.riskSignals).toEqual([]);
    expect(
      (await t.api('POST', `/api/v1/visits/${first.id}/check-out`, { token: rep1, body: aCheckOut(new Date(now + 600_000).toISOString()) }))
        .body,
    ).toMatchObject({ verification: 'verified' });

    const second = aCheckIn(await aMerchantAt(t, rep2, SHOP), SHOP);
    expect((await t.api('POST', '/api/v1/visits', { token: rep2, body: second })).status).toBe(201);
    const copy = aPhoto(sha, now - 60_000);
    const out = await t.api('POST', `/api/v1/visits/${second.id}/check-out`, {
      token: rep2,
      body: aCheckOut(new Date(now + 600_000).toISOString(), { photoIds: [copy] }),
    });
    expect(out.body).toMatchObject({ verification: 'pending-review', photoIds: [copy] });
    expect(out.body.riskSignals).toEqual([
      { code: 'photo-reused', weight: 60, detail: `photo ${copy} is also evidence of visit ${first.id}` },
    ]);
    const stored = await checkinDb(t).selectFrom('visit_photo').select(['visit_id']).where('sha256', '=', sha).execute();
    expect(stored.map((r) => r.visit_id).sort()).toEqual([first.id, second.id].sort());
  });

  it('explains an old photo, a photo taken elsewhere and an unknown photo id', async () => {
    const rep = await t.login('rep14.sg@fieldops.test');
    const now = Date.now();
    const old = aPhoto('1'.repeat(64), now - 5 * 3_600_000);
    const elsewhere = aPhoto('2'.repeat(64), now, { lat: SHOP.lat + 0.02, lng: SHOP.lng });
    const body = aCheckIn(await aMerchantAt(t, rep, SHOP), SHOP, { photoIds: [old, elsewhere, 'no-such-file'] });
    const res = await t.api('POST', '/api/v1/visits', { token: rep, body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.riskSignals.map((s: { code: string }) => s.code)).toEqual(['photo-missing', 'photo-time-far', 'photo-place-far']);
    expect(res.body.riskScore).toBe(90);
  });
});
