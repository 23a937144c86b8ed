import { databaseEngines, eventually, MovableClock, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileService } from '../src/index';
import { aPhoto, expectProblem, fetchUrl, fileDb, startFileHost } from './file-fixtures';

const engines = await databaseEngines();
const HOUR = 60 * 60 * 1000;

describe.each(engines)('presigned uploads nobody completes on $name', (database) => {
  let t: TestHost;
  let rep: string;
  const clock = new MovableClock(Date.now());
  beforeAll(async () => {
    t = await startFileHost(database, { clock, files: createFileService({ uploadCleanupMs: 50 }) });
    rep = await t.login('rep1.sg@fieldops.test');
  });
  afterAll(async () => t?.stop());

  it('are removed with their staged bytes a day after their URL expired; completed ones stay', async () => {
    const start = () => t.api('POST', '/api/v1/files/uploads', { token: rep, body: { fileName: 'p.jpg', purpose: 'visit-photo' } });
    const abandoned = await start();
    const completed = await start();
    for (const upload of [abandoned, completed]) {
      expect((await fetchUrl(t, upload.body.uploadUrl, { method: 'PUT', body: new Uint8Array(await aPhoto()) })).status).toBe(200);
    }
    expect((await t.api('POST', `/api/v1/files/uploads/${completed.body.id}/complete`, { token: rep })).status).toBe(201);
    const staged = `uploads/${abandoned.body.id}`;
    expect(await t.host.runtime.files.exists(staged)).toBe(true);

    clock.advance(24 * HOUR);
    expect(await t.host.runtime.files.exists(staged)).toBe(true);
    clock.advance(2 * HOUR);
    await eventually(async () => expect(await t.host.runtime.files.exists(staged)).toBe(false));
    expectProblem(await t.api('POST', `/api/v1/files/uploads/${abandoned.body.id}/complete`, { token: rep }), 404);
    expect(await fileDb(t).selectFrom('file_upload').select('id').where('id', '=', completed.body.id).execute()).toHaveLength(1);
    expect((await t.api('GET', `/api/v1/files/${completed.body.id}`, { token: rep })).status).toBe(200);
  });
});
