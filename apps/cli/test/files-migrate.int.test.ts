import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { type FileDb, fileService } from '@fieldops/file';
import { createFileStore, databaseUrlFor, loadConfig, openDatabase, readObject, UrlSigner } from '@fieldops/platform';
import { startS3Server, type TestS3Server } from '@fieldops/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from './support/cli-process';
import { removeTempDirs, tempDataDir } from './support/temp-dir';

// Each test starts the command line as its own process, which loads every service: a busy machine needs room.
vi.setConfig({ testTimeout: 120_000 });

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const blobKey = (hash: string) => `blobs/${hash.slice(0, 2)}/${hash}`;
const signer = new UrlSigner('only-for-the-stores-of-this-test-0123', '/blobs');

let s3: TestS3Server;
beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(async () => s3?.stop());
afterEach(removeTempDirs);

/** A file service database knowing `count` blobs, all in the old store but the last (its bytes were lost). */
async function filesInOldStore(dataDir: string, count: number): Promise<Buffer[]> {
  const config = loadConfig({ DATA_DIR: dataDir });
  await fileService.migrate({ config });
  const database = await openDatabase<FileDb>(databaseUrlFor(config, 'file'), 'file');
  const old = createFileStore(`file:${path.join(dataDir, 'files')}`, { signer });
  const blobs = Array.from({ length: count }, () => randomBytes(2048));
  try {
    for (const [i, bytes] of blobs.entries()) {
      const hash = sha256(bytes);
      await database.db
        .insertInto('blob')
        .values({
          sha256: hash,
          size: bytes.length,
          mime_type: 'application/octet-stream',
          width: null,
          height: null,
          taken_at: null,
          gps_lat: null,
          gps_lng: null,
          thumbnail_key: null,
          created_at: Date.now(),
        })
        .execute();
      if (i < count - 1) await old.put(blobKey(hash), bytes);
    }
  } finally {
    await database.close();
  }
  return blobs;
}

describe('fieldops files migrate --backfill', () => {
  it('copies what the new store lacks with progress and a summary naming each failure; a second run copies nothing', async () => {
    const dataDir = tempDataDir();
    const blobs = await filesInOldStore(dataDir, 4);
    const env = { DATA_DIR: dataDir, FILES_MIGRATION_TARGET_URL: s3.url('bucket'), FILES_MIGRATION_PHASE: 'dual-write-read-old' };

    const first = await runCli(['files', 'migrate', '--backfill'], env);
    expect(first.code, first.stderr).toBe(1);
    expect(first.stdout).toContain('Blobs: 0/4');
    expect(first.stdout).toMatch(/Files: 3 copied, 0 already there, 1 failed \(checked every file\) in [\d.]+ s/);
    const lost = sha256(blobs[3] ?? Buffer.alloc(0));
    expect(first.stdout).toContain(`  ${lost}: ${blobKey(lost)} is missing in the old store`);
    const target = createFileStore(s3.url('bucket'), { signer });
    for (const bytes of blobs.slice(0, 3)) expect(await readObject(target, blobKey(sha256(bytes)))).toEqual(bytes);
    await target.close();

    const second = await runCli(['files', 'migrate', '--backfill'], env);
    expect(second.stdout).toMatch(/Files: 0 copied, 3 already there, 1 failed/);
  }, 90_000);

  it('names the missing setting, and answers a usage mistake with exit code 2', async () => {
    const dataDir = tempDataDir();
    const unset = await runCli(['files', 'migrate', '--backfill'], { DATA_DIR: dataDir });
    expect(unset.code).toBe(1);
    expect(unset.stderr.trim()).toMatch(/^fieldops: FILES_MIGRATION_TARGET_URL: is not set/);
    const badPhase = await runCli(['files', 'migrate', '--backfill'], {
      DATA_DIR: dataDir,
      FILES_MIGRATION_TARGET_URL: s3.url(),
      FILES_MIGRATION_PHASE: 'read-new',
    });
    expect(badPhase.stderr.trim()).toMatch(/^fieldops: FILES_MIGRATION_PHASE: "read-new" is not one of dual-write-read-old/);
    for (const args of [['files'], ['files', 'migrate'], ['files', 'copy', '--backfill']]) {
      const result = await runCli(args, { DATA_DIR: dataDir });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  }, 90_000);
});
