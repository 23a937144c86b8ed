import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { accountService } from '@fieldops/account';
import { createFileStore, type FileStore, type ProgressReporter, readObject, UrlSigner } from '@fieldops/platform';
import { databaseEngines, startS3Server, startTestHost, type TestHost, type TestS3Server } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillBlobs, fileService } from '../src/index';
import { aPhoto, fetchUrl, fileDb, upload } from './file-fixtures';

const engines = await databaseEngines();
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const blobKey = (hash: string) => `blobs/${hash.slice(0, 2)}/${hash}`;
const quiet: ProgressReporter = { start() {}, tick() {}, stop() {} };

/** A progress reporter that stops the run after `ticks` blobs, as a killed process would. */
function interruptAfter(ticks: number): ProgressReporter {
  let seen = 0;
  return {
    start() {},
    tick() {
      if (++seen >= ticks) throw new Error('interrupted');
    },
    stop() {},
  };
}

describe.each(engines)('moving files to another store on $name', (database) => {
  let s3: TestS3Server;
  let oldDir: string;
  let oldStore: FileStore;
  let newStore: FileStore;
  let databaseUrl: { url: string; cleanup(services: string[]): Promise<void> };
  let t: TestHost | undefined;
  const photos: Record<string, { id: string; bytes: Buffer }> = {};

  /** The host as an operator runs it in one phase: same database, same stores, other settings. */
  async function runPhase(phase: string | undefined): Promise<{ t: TestHost; rep: string }> {
    await t?.stop();
    t = await startTestHost({
      services: [accountService, fileService],
      engines: { name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' },
      seedDemo: true,
      env: {
        DATABASE_URL: databaseUrl.url,
        FILES_URL: `file:${oldDir}`,
        ...(phase ? { FILES_MIGRATION_TARGET_URL: s3.url('bucket2'), FILES_MIGRATION_PHASE: phase } : {}),
      },
    });
    return { t, rep: await t.login('rep1.sg@fieldops.test') };
  }

  async function uploadPhoto(host: TestHost, rep: string, name: string): Promise<void> {
    const bytes = await aPhoto();
    const res = await upload(host, rep, bytes, { purpose: 'visit-photo' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    photos[name] = { id: res.body.id, bytes };
  }

  async function expectReadable(host: TestHost, rep: string, names: string[]): Promise<void> {
    for (const name of names) {
      const photo = photos[name];
      if (!photo) throw new Error(`no photo ${name}`);
      const meta = await host.api('GET', `/api/v1/files/${photo.id}`, { token: rep });
      const download = await fetchUrl(host, meta.body.downloadUrl);
      expect(download.status, `${name} via ${meta.body.downloadUrl}`).toBe(200);
      expect(sha256(download.bytes), name).toBe(sha256(photo.bytes));
      const thumbnail = await fetch(`${host.url}/api/v1/files/${photo.id}/thumbnail`, { headers: { authorization: `Bearer ${rep}` } });
      expect(thumbnail.status, `${name} thumbnail`).toBe(200);
    }
  }

  const where = async (name: string) => {
    const key = blobKey(sha256(photos[name]?.bytes ?? Buffer.alloc(0)));
    return { old: await oldStore.exists(key), new: await newStore.exists(key) };
  };

  beforeAll(async () => {
    s3 = await startS3Server();
    oldDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-old-files-'));
    const signer = new UrlSigner('not-used-for-checks-here-0123456789', '/blobs');
    oldStore = createFileStore(`file:${oldDir}`, { signer });
    newStore = createFileStore(s3.url('bucket2'), { signer });
    databaseUrl = database.create();
  });
  afterAll(async () => {
    await t?.stop();
    await databaseUrl?.cleanup(['account', 'file']);
    await newStore?.close();
    await s3?.stop();
    fs.rmSync(oldDir, { recursive: true, force: true });
  });

  it('walks dual-write-read-old → dual-write-read-new → backfill (interrupted, resumed) → single-new, reading every file throughout', {
    timeout: 120_000,
  }, async () => {
    // Before the move: one store.
    let phase = await runPhase(undefined);
    await uploadPhoto(phase.t, phase.rep, 'before');
    await uploadPhoto(phase.t, phase.rep, 'lost');
    expect(await where('before')).toEqual({ old: true, new: false });
    // A blob whose bytes vanished from the old store: the backfill must report it, not stop at it.
    await oldStore.delete(blobKey(sha256(photos.lost?.bytes ?? Buffer.alloc(0))));

    phase = await runPhase('dual-write-read-old');
    await uploadPhoto(phase.t, phase.rep, 'dualOld');
    expect(await where('dualOld')).toEqual({ old: true, new: true });
    expect(await where('before')).toEqual({ old: true, new: false });
    await expectReadable(phase.t, phase.rep, ['before', 'dualOld']);

    phase = await runPhase('dual-write-read-new');
    await uploadPhoto(phase.t, phase.rep, 'dualNew');
    expect(await where('dualNew')).toEqual({ old: true, new: true });
    // 'before' is not in the new store yet: reads fall back to the old one.
    await expectReadable(phase.t, phase.rep, ['before', 'dualOld', 'dualNew']);

    const db = fileDb(phase.t);
    const stores = { from: oldStore, to: newStore };
    await expect(backfillBlobs(db, stores, { progress: interruptAfter(1), now: Date.now })).rejects.toThrow('interrupted');
    const resumed = await backfillBlobs(db, stores, { progress: quiet, now: Date.now });
    expect(resumed.resumed).toBe(true);
    // Four blobs: one done before the interruption, three now.
    expect(resumed.copied + resumed.alreadyThere + resumed.failed.length).toBe(3);
    const again = await backfillBlobs(db, stores, { progress: quiet, now: Date.now });
    expect(again).toMatchObject({ resumed: false, copied: 0, alreadyThere: 3 });
    expect(again.failed).toEqual([
      { sha256: sha256(photos.lost?.bytes ?? Buffer.alloc(0)), reason: expect.stringMatching(/missing in the old store/) },
    ]);
    expect(await where('before')).toEqual({ old: true, new: true });
    const copy = await readObject(newStore, blobKey(sha256(photos.before?.bytes ?? Buffer.alloc(0))));
    expect(sha256(copy ?? Buffer.alloc(0))).toBe(sha256(photos.before?.bytes ?? Buffer.alloc(1)));

    phase = await runPhase('single-new');
    await uploadPhoto(phase.t, phase.rep, 'singleNew');
    expect(await where('singleNew')).toEqual({ old: false, new: true });
    // The old store is no longer read: emptied, every file still reads.
    fs.rmSync(oldDir, { recursive: true, force: true });
    await expectReadable(phase.t, phase.rep, ['before', 'dualOld', 'dualNew', 'singleNew']);
  });
});
