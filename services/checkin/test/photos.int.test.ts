import { accountService } from '@fieldops/account';
import { fileService } from '@fieldops/file';
import { merchantService } from '@fieldops/merchant';
import { databaseEngines, startTestHost, type TestHost } from '@fieldops/testing';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkinService } from '../src/index';
import { aCheckIn, aCheckOut, aMerchantAt, checkinDb, expectProblem } from './checkin-fixtures';

/**
 * Photo evidence end to end with the real file service: the photos are uploaded as a phone sends them, the file
 * service reads hash, EXIF time and GPS from the bytes, and the checkin service asks it over RPC.
 */
const engines = await databaseEngines();
const SHOP = { lat: 1.35, lng: 103.87 };

/** EXIF's degrees, minutes, seconds as rationals. */
function dms(degrees: number): string {
  const abs = Math.abs(degrees);
  const d = Math.floor(abs);
  const m = Math.floor((abs - d) * 60);
  const s = Math.round(((abs - d) * 60 - m) * 60 * 100);
  return `${d}/1 ${m}/1 ${s}/100`;
}

let made = 0;

/** A JPEG as a phone takes it: EXIF capture time (UTC) and GPS position. Different bytes unless `seed` repeats. */
async function aPhoto(takenAt: number, at = SHOP, seed = ++made * 7919): Promise<Buffer> {
  const stamp = new Date(takenAt).toISOString().slice(0, 19).replace('T', ' ').replaceAll('-', ':');
  return sharp({
    create: { width: 320, height: 240, channels: 3, background: { r: seed % 256, g: (seed >> 3) % 256, b: (seed >> 6) % 256 } },
  })
    .jpeg()
    .withExif({
      IFD0: { Make: 'FieldPhone' },
      IFD2: { DateTimeOriginal: stamp, OffsetTimeOriginal: '+00:00' },
      IFD3: {
        GPSLatitudeRef: at.lat >= 0 ? 'N' : 'S',
        GPSLatitude: dms(at.lat),
        GPSLongitudeRef: at.lng >= 0 ? 'E' : 'W',
        GPSLongitude: dms(at.lng),
      },
    })
    .toBuffer();
}

/** Uploads a visit photo through the API; answers its file id. */
async function uploaded(t: TestHost, token: string, bytes: Buffer): Promise<string> {
  const form = new FormData();
  form.append('purpose', 'visit-photo');
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'visit.jpg');
  const response = await fetch(`${t.url}/api/v1/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const body = (await response.json()) as { id: string };
  expect(response.status, JSON.stringify(body)).toBe(201);
  return body.id;
}

describe.each(engines)('photo evidence from the file service on $name', (database) => {
  let t: TestHost;
  beforeAll(async () => {
    t = await startTestHost({
      services: [accountService, fileService, merchantService, checkinService],
      engines: { name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' },
      seedDemo: true,
    });
  });
  afterAll(async () => t?.stop());

  it("flags a photo whose bytes are already another visit's evidence, even another rep's", async () => {
    const now = Date.now();
    const rep1 = await t.login('rep12.sg@fieldops.test');
    const rep2 = await t.login('rep13.sg@fieldops.test');
    const bytes = await aPhoto(now - 60_000);
    const original = await uploaded(t, rep1, bytes);
    const first = aCheckIn(await aMerchantAt(t, rep1, SHOP), SHOP, { photoIds: [original] });
    const checkedIn = await t.api('POST', '/api/v1/visits', { token: rep1, body: first });
    expect(checkedIn.body.riskSignals).toEqual([]);
    const done = await t.api('POST', `/api/v1/visits/${first.id}/check-out`, {
      token: rep1,
      body: aCheckOut(new Date(now + 600_000).toISOString()),
    });
    expect(done.body).toMatchObject({ verification: 'verified' });

    const second = aCheckIn(await aMerchantAt(t, rep2, SHOP), SHOP);
    expect((await t.api('POST', '/api/v1/visits', { token: rep2, body: second })).status).toBe(201);
    const copy = await uploaded(t, rep2, bytes);
    const out = await t.api('POST', `/api/v1/visits/${second.id}/check-out`, {
      token: rep2,
      body: aCheckOut(new Date(now + 600_000).toISOString(), { photoIds: [copy] }),
    });
    expect(out.body).toMatchObject({ verification: 'pending-review', photoIds: [copy] });
    expect(out.body.riskSignals).toEqual([
      { code: 'photo-reused', weight: 60, detail: `photo ${copy} is also evidence of visit ${first.id}` },
    ]);
    const sha = (await t.api('GET', `/api/v1/files/${copy}`, { token: rep2 })).body.sha256;
    const stored = await checkinDb(t).selectFrom('visit_photo').select(['visit_id']).where('sha256', '=', sha).execute();
    expect(stored.map((r) => r.visit_id).sort()).toEqual([first.id, second.id].sort());
  });

  it('names a few of the visits a much-reused photo is evidence of, and says there are others', async () => {
    const rep = await t.login('rep15.sg@fieldops.test');
    const bytes = await aPhoto(Date.now() - 60_000);
    const photo = await uploaded(t, rep, bytes);
    const sha256 = (await t.api('GET', `/api/v1/files/${photo}`, { token: rep })).body.sha256 as string;
    // The same bytes already stand as evidence of forty visits.
    const earlier = Array.from({ length: 40 }, (_, i) => ({
      visit_id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
      photo_id: `earlier-${i}`,
      sha256,
      created_at: Date.now(),
    }));
    await checkinDb(t).insertInto('visit_photo').values(earlier).execute();
    const visit = aCheckIn(await aMerchantAt(t, rep, SHOP), SHOP, { photoIds: [photo] });
    const checkedIn = await t.api('POST', '/api/v1/visits', { token: rep, body: visit });
    expect(checkedIn.status, JSON.stringify(checkedIn.body)).toBe(201);
    const [reused] = checkedIn.body.riskSignals as { code: string; detail: string }[];
    expect(reused?.code).toBe('photo-reused');
    const named = reused?.detail.match(/00000000-0000-7000-8000-\d{12}/g) ?? [];
    expect(named).toHaveLength(3);
    expect(new Set(named).size).toBe(3);
    expect(reused?.detail).toMatch(/ and others$/);
  });

  it('explains an old photo and a photo taken elsewhere; refuses an unknown photo id, naming it', async () => {
    const rep = await t.login('rep14.sg@fieldops.test');
    const now = Date.now();
    const old = await uploaded(t, rep, await aPhoto(now - 5 * 3_600_000));
    const elsewhere = await uploaded(t, rep, await aPhoto(now, { lat: SHOP.lat + 0.02, lng: SHOP.lng }));
    const merchant = await aMerchantAt(t, rep, SHOP);
    const unknown = await t.api('POST', '/api/v1/visits', {
      token: rep,
      body: aCheckIn(merchant, SHOP, { photoIds: [old, 'no-such-file'] }),
    });
    expectProblem(unknown, 422, '/body/photoIds/1');
    const body = aCheckIn(merchant, SHOP, { photoIds: [old, elsewhere] });
    const res = await t.api('POST', '/api/v1/visits', { token: rep, body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.riskSignals.map((s: { code: string }) => s.code)).toEqual(['photo-time-far', 'photo-place-far']);
    expect(res.body.riskScore).toBe(70);
  });

  it('an honest photo taken at the shop during the visit adds no signal', async () => {
    const rep = await t.login('rep15.sg@fieldops.test');
    const photo = await uploaded(t, rep, await aPhoto(Date.now()));
    const body = aCheckIn(await aMerchantAt(t, rep, SHOP), SHOP, { photoIds: [photo] });
    const res = await t.api('POST', '/api/v1/visits', { token: rep, body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.riskSignals).toEqual([]);
  });
});
