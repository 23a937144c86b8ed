import { createHash, randomBytes } from 'node:crypto';
import { validateEventData } from '@fieldops/contracts';
import { databaseEngines, MovableClock, type TestHost } from '@fieldops/testing';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPdf, aPhoto, aPngClaiming, expectProblem, fetchUrl, fileDb, outboxOf, startFileHost, upload } from './file-fixtures';

const engines = await databaseEngines();
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe.each(engines)('file uploads and downloads on $name', (database) => {
  let t: TestHost;
  let rep: string;
  const clock = new MovableClock(Date.now());
  beforeAll(async () => {
    t = await startFileHost(database, { clock });
    rep = await t.login('rep1.sg@fieldops.test');
  });
  afterAll(async () => t?.stop());

  it('stores a photo with its hash, the type sniffed from the bytes, its pixels, EXIF time and GPS, and an event', async () => {
    const photo = await aPhoto({ width: 800, height: 600 });
    const res = await upload(t, rep, photo, { purpose: 'visit-photo', fileName: 'shop-front.png', mimeType: 'image/png' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      sha256: sha256(photo),
      size: photo.length,
      mimeType: 'image/jpeg',
      fileName: 'shop-front.png',
      purpose: 'visit-photo',
      width: 800,
      height: 600,
      // 09:15:30 at +08:00
      takenAt: '2026-11-20T01:15:30.000Z',
      country: 'SG',
      hasThumbnail: true,
    });
    expect(res.body.gpsLat).toBeCloseTo(1.290333, 5);
    expect(res.body.gpsLng).toBeCloseTo(103.851944, 5);
    const [event] = await outboxOf(t, res.body.id);
    expect(event?.type).toBe('file.file.uploaded.v1');
    expect(validateEventData('file.file.uploaded.v1', event?.data)).toEqual({ ok: true });
    expect(event?.data).toMatchObject({ sha256: sha256(photo), takenAt: '2026-11-20T01:15:30.000Z' });
  });

  it('hands out a download URL that reads the same bytes, and refuses it tampered with or expired', async () => {
    const photo = await aPhoto();
    const created = await upload(t, rep, photo, { purpose: 'visit-photo' });
    const read = await t.api('GET', `/api/v1/files/${created.body.id}`, { token: rep });
    expect(read.status).toBe(200);
    expect(Date.parse(read.body.downloadUrlExpiresAt) - clock.now()).toBe(15 * 60 * 1000);
    const download = await fetchUrl(t, read.body.downloadUrl);
    expect(download.status).toBe(200);
    expect(download.type).toBe('image/jpeg');
    expect(sha256(download.bytes)).toBe(sha256(photo));
    expect((await fetchUrl(t, read.body.downloadUrl.replace('signature=', 'signature=x'))).status).toBe(403);
    expect((await fetchUrl(t, read.body.downloadUrl, { method: 'PUT', body: 'overwrite' })).status).toBe(403);
    clock.advance(15 * 60 * 1000 + 1000);
    const expired = await fetchUrl(t, read.body.downloadUrl);
    expect(expired.status).toBe(403);
    expect(expired.type).toContain('application/problem+json');
  });

  it('serves an uploaded SVG, HTML or XML as a download that runs nothing; only decoded photos show inline', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(localStorage.length)</script></svg>');
    const html = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
    for (const [bytes, fileName] of [
      [svg, 'logo.svg'],
      [html, 'page "x".html'],
    ] as const) {
      const created = await upload(t, rep, bytes, { purpose: 'other', fileName, mimeType: 'image/svg+xml' });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const read = await t.api('GET', `/api/v1/files/${created.body.id}`, { token: rep });
      const download = await fetch(`${t.url}${read.body.downloadUrl}`);
      expect(download.status).toBe(200);
      expect(download.headers.get('content-type')).toBe('application/octet-stream');
      expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]+"; filename\*=UTF-8''/);
      expect(download.headers.get('x-content-type-options')).toBe('nosniff');
      expect(download.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
      expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);
      // The answer headers are signed into the URL: asking for inline breaks the signature.
      const inline = read.body.downloadUrl.replace('disposition=attachment', 'disposition=inline');
      expect((await fetchUrl(t, inline)).status).toBe(403);
    }
    const photo = await upload(t, rep, await aPhoto(), { purpose: 'visit-photo', fileName: '店面.jpg' });
    const read = await t.api('GET', `/api/v1/files/${photo.body.id}`, { token: rep });
    const shown = await fetch(`${t.url}${read.body.downloadUrl}`);
    expect(shown.headers.get('content-type')).toBe('image/jpeg');
    expect(shown.headers.get('content-disposition')).toBe(`inline; filename="__.jpg"; filename*=UTF-8''${encodeURIComponent('店面.jpg')}`);
  });

  it('refuses a photo that claims too many pixels, or is truncated, before storing anything (422)', async () => {
    const countFiles = async () => (await fileDb(t).selectFrom('file').select('id').execute()).length;
    const before = await countFiles();
    const photo = await aPhoto({ width: 1200, height: 900 });
    for (const bytes of [aPngClaiming(30_000, 30_000), aPngClaiming(2 ** 31 - 1, 2 ** 31 - 1), photo.subarray(0, photo.length / 2)]) {
      expectProblem(await upload(t, rep, bytes, { purpose: 'visit-photo', fileName: 'bad.png' }), 422, '/body/file');
    }
    // The same 900-megapixel claim as a file of any type is kept as opaque bytes: never decoded, never shown inline.
    const opaque = await upload(t, rep, aPngClaiming(30_000, 30_000), { purpose: 'other' });
    expect(opaque.body).toMatchObject({ mimeType: 'image/png', width: null, hasThumbnail: false });
    expectProblem(await upload(t, rep, aPngClaiming(30_000, 30_000), { purpose: 'avatar' }), 422, '/body/file');
    expect(await countFiles()).toBe(before + 1);
  });

  it('takes each purpose up to its own size: an avatar past 5 MB and a declared 200 MB upload are refused (413)', async () => {
    const noise = Buffer.concat([Buffer.from('FIELDOPS\0OPAQUE\n'), randomBytes(5 * 1024 * 1024)]);
    expectProblem(await upload(t, rep, noise, { purpose: 'avatar' }), 413, '/body/file');
    const declared = { fileName: 'huge.jpg', purpose: 'visit-photo', size: 200 * 1024 * 1024 };
    expectProblem(await t.api('POST', '/api/v1/files/uploads', { token: rep, body: declared }), 413, '/body/size');
  });

  it('serves a small WebP thumbnail of an image', async () => {
    const created = await upload(t, rep, await aPhoto({ width: 1600, height: 1200 }), { purpose: 'visit-photo' });
    const thumb = await fetch(`${t.url}/api/v1/files/${created.body.id}/thumbnail`, { headers: { authorization: `Bearer ${rep}` } });
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect(meta.format).toBe('webp');
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(320);
    const pdf = await upload(t, rep, aPdf(), { purpose: 'merchant-document' });
    expect(pdf.body).toMatchObject({ mimeType: 'application/pdf', width: null, takenAt: null, hasThumbnail: false });
    expectProblem(await t.api('GET', `/api/v1/files/${pdf.body.id}/thumbnail`, { token: rep }), 404);
  });

  it('stores the same bytes once: a second upload is a new file on the same blob', async () => {
    const photo = await aPhoto();
    const first = await upload(t, rep, photo, { purpose: 'visit-photo', fileName: 'a.jpg' });
    const other = await t.login('rep2.sg@fieldops.test');
    const second = await upload(t, other, photo, { purpose: 'other', fileName: 'b.jpg' });
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.body.sha256).toBe(first.body.sha256);
    const db = fileDb(t);
    expect(await db.selectFrom('blob').select('sha256').where('sha256', '=', sha256(photo)).execute()).toHaveLength(1);
    expect(await db.selectFrom('file').select('id').where('sha256', '=', sha256(photo)).execute()).toHaveLength(2);
  });

  it('refuses types a purpose does not take (415), a missing purpose or file (400) and a file past the limit (413)', async () => {
    const countFiles = async () => (await fileDb(t).selectFrom('file').select('id').execute()).length;
    const before = await countFiles();
    expectProblem(
      await upload(t, rep, aPdf(), { purpose: 'visit-photo', fileName: 'photo.jpg', mimeType: 'image/jpeg' }),
      415,
      '/body/file',
    );
    expectProblem(await upload(t, rep, Buffer.from('name,phone\nA,1\n'), { purpose: 'avatar', fileName: 'me.png' }), 415, '/body/file');
    const csv = await upload(t, rep, Buffer.from('name,phone\nA,1\n'), { purpose: 'lead-import', fileName: 'leads.csv' });
    expect(csv.body).toMatchObject({ mimeType: 'text/plain', purpose: 'lead-import' });
    expectProblem(await upload(t, rep, await aPhoto(), {}), 400, '/body/purpose');
    expectProblem(await upload(t, rep, await aPhoto(), { purpose: 'selfie' }), 400, '/body/purpose');
    expectProblem(await upload(t, rep, Buffer.alloc(0), { purpose: 'other' }), 400, '/body/file');
    expectProblem(await upload(t, rep, Buffer.alloc(10 * 1024 * 1024 + 1, 1), { purpose: 'other' }), 413, '/body/file');
    // Past the JSON body limit, within the upload limit.
    // Random (a new blob each run) behind a fixed header: random bytes alone sometimes sniff as a media type.
    const opaque = Buffer.from('FIELDOPS\0OPAQUE\n');
    const large = await upload(t, rep, Buffer.concat([opaque, randomBytes(8 * 1024 * 1024 - opaque.length)]), { purpose: 'other' });
    expect(large.body).toMatchObject({ size: 8 * 1024 * 1024, mimeType: 'application/octet-stream' });
    expectProblem(await t.api('POST', '/api/v1/files', { token: rep, body: { purpose: 'other' } }), 400, '/body');
    const noBoundary = { 'content-type': 'multipart/form-data' };
    expectProblem(await t.api('POST', '/api/v1/files', { token: rep, body: 'purpose=other', headers: noBoundary }), 400, '/body');
    // Only the CSV and the large file were stored: nothing refused left a row behind.
    expect(await countFiles()).toBe(before + 2);
  });

  it('takes a presigned upload: PUT the bytes without a token, then complete it (twice answers the same file)', async () => {
    const photo = await aPhoto();
    const started = await t.api('POST', '/api/v1/files/uploads', {
      token: rep,
      body: { fileName: 'big.jpg', purpose: 'visit-photo', size: photo.length },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(Date.parse(started.body.expiresAt)).toBeGreaterThan(clock.now());
    expectProblem(await t.api('POST', `/api/v1/files/uploads/${started.body.id}/complete`, { token: rep }), 409);
    expect((await fetchUrl(t, started.body.uploadUrl, { method: 'PUT', body: new Uint8Array(photo) })).status).toBe(200);
    const other = await t.login('rep2.sg@fieldops.test');
    expectProblem(await t.api('POST', `/api/v1/files/uploads/${started.body.id}/complete`, { token: other }), 404);
    const done = await t.api('POST', `/api/v1/files/uploads/${started.body.id}/complete`, { token: rep });
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    expect(done.body).toMatchObject({
      id: started.body.id,
      sha256: sha256(photo),
      mimeType: 'image/jpeg',
      takenAt: '2026-11-20T01:15:30.000Z',
    });
    const again = await t.api('POST', `/api/v1/files/uploads/${started.body.id}/complete`, { token: rep });
    expect(again.body.id).toBe(done.body.id);
    expect(await outboxOf(t, done.body.id)).toHaveLength(1);
    expectProblem(
      await t.api('POST', '/api/v1/files/uploads', { token: rep, body: { fileName: 'x', purpose: 'nope' } }),
      400,
      '/body/purpose',
    );
  });

  it('refuses a presigned upload its purpose does not take, and drops the staged bytes', async () => {
    const started = await t.api('POST', '/api/v1/files/uploads', { token: rep, body: { fileName: 'me.jpg', purpose: 'avatar' } });
    await fetchUrl(t, started.body.uploadUrl, { method: 'PUT', body: new Uint8Array(aPdf()) });
    expectProblem(await t.api('POST', `/api/v1/files/uploads/${started.body.id}/complete`, { token: rep }), 415, '/body/file');
    expectProblem(await t.api('POST', `/api/v1/files/uploads/${started.body.id}/complete`, { token: rep }), 409);
  });

  it('checks the announced size of a presigned upload', async () => {
    const photo = await aPhoto();
    const started = await t.api('POST', '/api/v1/files/uploads', {
      token: rep,
      body: { fileName: 'p.jpg', purpose: 'visit-photo', size: photo.length + 5 },
    });
    await fetchUrl(t, started.body.uploadUrl, { method: 'PUT', body: new Uint8Array(photo) });
    expectProblem(await t.api('POST', `/api/v1/files/uploads/${started.body.id}/complete`, { token: rep }), 422, '/body/size');
  });

  it('lists the files I may read by page', async () => {
    const mine = await t.login('rep3.sg@fieldops.test');
    for (let i = 0; i < 3; i++) await upload(t, mine, await aPhoto(), { purpose: 'visit-photo' });
    const first = await t.api('GET', '/api/v1/files?limit=2', { token: mine });
    expect(first.body.items).toHaveLength(2);
    const second = await t.api('GET', `/api/v1/files?limit=2&cursor=${first.body.nextCursor}`, { token: mine });
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
  });
});
