import { createHash } from 'node:crypto';
import { Code, ConnectError } from '@connectrpc/connect';
import { FileService } from '@fieldops/contracts';
import { asCaller } from '@fieldops/platform';
import { databaseEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPdf, aPhoto, startFileHost, upload } from './file-fixtures';

const engines = await databaseEngines();

async function failureOf(call: Promise<unknown>): Promise<Code | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    return ConnectError.from(error).code;
  }
}

describe.each(engines)('file RPC on $name', (database) => {
  let t: TestHost;
  let rep: string;
  let other: string;
  let photo: Buffer;
  let photoIds: string[];
  let pdfId: string;
  const files = () => t.host.runtime.rpc.client(FileService);
  beforeAll(async () => {
    t = await startFileHost(database);
    rep = await t.login('rep1.sg@fieldops.test');
    other = await t.login('rep6.sg@fieldops.test');
    photo = await aPhoto();
    photoIds = [
      (await upload(t, rep, photo, { purpose: 'visit-photo' })).body.id,
      (await upload(t, other, photo, { purpose: 'visit-photo' })).body.id,
    ];
    pdfId = (await upload(t, rep, aPdf(), { purpose: 'merchant-document' })).body.id;
  });
  afterAll(async () => t?.stop());

  it("GetFile answers a photo's hash, EXIF time and GPS to a service; NOT_FOUND to a user outside its scope", async () => {
    const service = asCaller(await t.host.runtime.serviceTokens('checkin'));
    const { file } = await files().getFile({ id: photoIds[0] ?? '' }, service);
    expect(file).toMatchObject({
      id: photoIds[0],
      sha256: createHash('sha256').update(photo).digest('hex'),
      size: BigInt(photo.length),
      mimeType: 'image/jpeg',
      purpose: 'visit-photo',
      country: 'SG',
      width: 640,
      height: 480,
      takenAt: BigInt(Date.parse('2026-11-20T01:15:30.000Z')),
    });
    expect(file?.gpsLat).toBeCloseTo(1.290333, 5);
    expect(file?.gpsLng).toBeCloseTo(103.851944, 5);
    const pdf = (await files().getFile({ id: pdfId }, service)).file;
    expect(pdf?.mimeType).toBe('application/pdf');
    expect(pdf?.width).toBeUndefined();
    expect(pdf?.takenAt).toBeUndefined();
    expect(await failureOf(files().getFile({ id: photoIds[0] ?? '' }, asCaller(other)))).toBe(Code.NotFound);
    expect(await failureOf(files().getFile({ id: photoIds[0] ?? '' }, {}))).toBe(Code.Unauthenticated);
  });

  it('BatchGetFiles answers the readable ones; FindBySha256 finds every file of the same bytes, oldest first', async () => {
    const service = asCaller(await t.host.runtime.serviceTokens('checkin'));
    const all = await files().batchGetFiles({ ids: [...photoIds, pdfId, 'nope'] }, service);
    expect(all.files.map((f) => f.id).sort()).toEqual([...photoIds, pdfId].sort());
    const mine = await files().batchGetFiles({ ids: [...photoIds, pdfId] }, asCaller(rep));
    expect(mine.files.map((f) => f.id).sort()).toEqual([photoIds[0], pdfId].sort());
    const sha256 = createHash('sha256').update(photo).digest('hex');
    expect((await files().findBySha256({ sha256 }, service)).files.map((f) => f.id)).toEqual(photoIds);
    expect((await files().findBySha256({ sha256, limit: 1 }, service)).files.map((f) => f.id)).toEqual([photoIds[0]]);
    expect((await files().findBySha256({ sha256 }, asCaller(other))).files.map((f) => f.id)).toEqual([photoIds[1]]);
    expect(await failureOf(files().findBySha256({ sha256: 'XYZ' }, service))).toBe(Code.InvalidArgument);
    expect(await failureOf(files().batchGetFiles({ ids: Array.from({ length: 501 }, (_, i) => String(i)) }, service))).toBe(
      Code.InvalidArgument,
    );
  });
});
